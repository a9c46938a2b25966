"""Files the app writes besides its database (bundles, CSV, PDFs, keys, receipts): whole or not
at all, and readable by their owner only.

Every such write goes through write_atomic, and its bytes through write_fully: the one place a
test makes the disk "full" (ENOSPC) on a machine where a small file system cannot be mounted.
A file another library fills in place (SQLite's backup, SQLCipher's export) is written beside its
target and put in place with replace_durably. Folders the app creates for them go through
private_dir. Both set their modes explicitly, so a permissive umask (0, or 022 on a shared
machine) never leaves names or notes readable by others.
"""

import contextlib
import os
import sys
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def write_fully(fd: int, data: bytes) -> None:
    """Write every byte of data to the open file descriptor."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def private_dir(folder: Path) -> Path:
    """Create folder, and any missing parent, owner-only (0700) whatever the umask.

    Folders that exist already are left as they are: a folder the person chose (Documents, a
    shared drive) keeps its own permissions.
    """
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=PRIVATE_DIR)
            created.chmod(PRIVATE_DIR)  # mkdir's mode passes through the umask
    return folder


def write_atomic(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> Path:
    """Write data to path through a temp file beside it, fsynced and renamed over it.

    The file gets exactly mode (owner-only by default), whatever the umask. On any failure (a
    full disk, a read-only folder) the temp file is removed and a file already at path is
    untouched; the OSError is raised for the caller to put in words.
    """
    temp = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     mode)
        try:
            if hasattr(os, "fchmod"):
                # Exactly mode: also when a stale temp from a crash had another one.
                os.fchmod(fd, mode)
            write_fully(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        _rename_durably(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def replace_durably(temp: Path, target: Path) -> None:
    """Put a finished temp file in target's place so that after a crash or a power cut either
    the old file or the whole new one is there, never a mix.

    The temp file must sit in target's folder (a rename across file systems is a copy). Its
    bytes reach the disk before the rename, and the rename before this returns.
    """
    # Windows flushes only a handle open for writing; POSIX takes any.
    access = os.O_RDWR if sys.platform == "win32" else os.O_RDONLY
    fd = os.open(temp, access | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _rename_durably(temp, target)


def _rename_durably(temp: Path, target: Path) -> None:
    os.replace(temp, target)
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
