"""Give freed memory back to the system after a big upload: glibc keeps freed heap pages for
reuse, so without this a hub that once parsed a large bundle stays that large."""

import contextlib
import ctypes
import ctypes.util
import gc
import os
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any

# Growth of the resident set during one upload above which memory is given back. A small
# bundle grows it by far less; a full collection then cost ~150 ms of CPU on a loaded 2-core
# machine, far more than the upload itself (the hub's objects are scanned every time).
WORTH_GIVING_BACK = 32 * 1024 * 1024


@cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def give_back() -> None:
    """Collect garbage and return free heap pages to the OS (glibc only; a no-op elsewhere)."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def resident_bytes() -> int | None:
    """This process's resident memory now (None where /proc/self/statm is not there)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def given_back_if_grown(threshold: int = WORTH_GIVING_BACK) -> Iterator[None]:
    """Run the block, then give memory back if the resident set grew by more than threshold
    meanwhile (always, where it cannot be measured)."""
    before = resident_bytes()
    try:
        yield
    finally:
        after = resident_bytes()
        if before is None or after is None or after - before > threshold:
            give_back()
