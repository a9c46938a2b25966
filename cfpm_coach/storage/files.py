"""Files the app writes besides its database (bundles, CSV, keys, receipts): whole or not at all.

Every such write goes through write_atomic, and its bytes through write_fully: the one place a
test makes the disk "full" (ENOSPC) on a machine where a small file system cannot be mounted.
"""

import contextlib
import os
import sys
from pathlib import Path


def write_fully(fd: int, data: bytes) -> None:
    """Write every byte of data to the open file descriptor."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> Path:
    """Write data to path through a temp file beside it, fsynced and renamed over it.

    On any failure (a full disk, a read-only folder) the temp file is removed and a file already
    at path is untouched; the OSError is raised for the caller to put in words.
    """
    temp = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     mode)
        try:
            write_fully(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
