"""The shared folder seen from the hub: anyone who can write there is a stranger. Only regular
files are read (never a link, a pipe or a device), their size is checked before a byte is read,
and what the hub writes there (set-aside files, reasons, receipts) is owner-only."""

import json
import os
import stat
from pathlib import Path
from typing import Any

from cfpm_coach.errors import BundleError, TooLargeError
from cfpm_coach.storage import files

RECEIPTS = "receipts"
RECEIPT_SUFFIX = ".json"
CHUNK = 1024 * 1024
# O_NONBLOCK: opening a FIFO that slipped past lstat (swapped in after it) must not hang.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def private_dir(folder: Path) -> Path:
    """Create (or tighten) a folder the hub writes to: owner-only whatever the umask."""
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def bundle_names(folder: Path, suffix: str) -> list[str]:
    """Names in the folder ending in suffix, sorted (oldest first: names carry the time); dot
    names are still being copied and are left alone."""
    return sorted(name for name in os.listdir(folder)
                  if name.endswith(suffix) and not name.startswith("."))


def _not_regular(name: str, mode: int) -> BundleError:
    kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a pipe" if stat.S_ISFIFO(mode) else "a device or socket")
    return BundleError(f"{name} is {kind}, not a regular file; refused unread")


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, checked with lstat before opening
    and fstat after (a file swapped in between is refused), read in chunks up to the limit.
    A file that cannot be read (its mode, an I/O error) is the file's problem: a BundleError,
    never a fault of the hub's own storage that would stop the files after it."""
    try:
        return _read_regular_file(path, limit)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise BundleError(f"{path.name} cannot be read ({exc.strerror or exc}); refused") from exc


def _read_regular_file(path: Path, limit: int) -> bytes:
    before = os.lstat(path)
    if not stat.S_ISREG(before.st_mode):
        raise _not_regular(path.name, before.st_mode)
    if before.st_size > limit:
        raise TooLargeError(f"{path.name} is {before.st_size} bytes, over the hub's limit of "
                            f"{limit} bytes; refused unread")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in (getattr(os, "ELOOP", -1), getattr(os, "ENXIO", -1)):
            raise BundleError(f"{path.name} changed into a link or a pipe while being opened; "
                              "refused") from exc
        raise
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or \
                (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise BundleError(f"{path.name} was replaced while being opened; refused")
        buffer = bytearray()
        while chunk := os.read(fd, CHUNK):
            buffer += chunk
            if len(buffer) > limit:
                raise TooLargeError(f"{path.name} grew past the hub's limit of {limit} bytes "
                                    "while being read; refused")
        return bytes(buffer)
    finally:
        os.close(fd)


def set_aside(path: Path, folder: Path, reason: str | None = None) -> None:
    """Move a file (whatever it is: rename never follows a link) into imported/ or rejected/,
    with the reason beside it."""
    private_dir(folder)
    if reason is not None:
        files.write_atomic(folder / f"{path.name}.reason.txt", (reason + "\n").encode("utf-8"))
    os.replace(path, folder / path.name)


def write_receipt(folder: Path, name: str, receipt: dict[str, Any]) -> Path:
    """receipts/<bundle file name>.json: what became of one file, for the laptop that left it.
    Written before the file moves, so a crash between the two only repeats an idempotent import."""
    receipts = private_dir(folder / RECEIPTS)
    body = json.dumps({"bundle_file": name, **receipt}, indent=2, default=str)
    return files.write_atomic(receipts / f"{name}{RECEIPT_SUFFIX}", body.encode("utf-8"))
