"""Python's cyclic garbage collector paused while a bundle is read and merged.

A large bundle becomes hundreds of thousands of new container objects (one dict per record, its
UUIDs). Each 700 allocations start a young collection and, as the heap grows by a quarter, a
full one that walks every object again: on the hostile 2 MB bundle (83k records) the collector
took a quarter of the hub's CPU while freeing nothing, since a record holds no cycle. Reference
counting still frees everything as usual; only the cycle search waits until the work is done.

Uploads overlap in one hub process (a thread each), so the pause is counted: the collector runs
again when the last bulk job ends, never in the middle of another's.

Callers drop the records before the block ends: every object allocated during the pause and
still alive when it ends is walked by the young collection that the next allocation starts (a
1.2 s of a profiled 10k-observation hub import, spent on records about to be freed anyway).
"""

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
_was_enabled = True


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with automatic cyclic collection off (counted across threads)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()


@contextlib.contextmanager
def loading_modules() -> Iterator[None]:
    """Import the block's modules with the collector paused, then freeze what they made.

    Loading SQLAlchemy, pydantic, Qt and the back end allocates a great deal and frees almost
    nothing; the collector walked every object again and again, a quarter of a start's CPU here.
    Frozen, the modules' objects stay out of every later collection (they live as long as the
    process anyway).
    """
    with paused():
        yield
        # Before the collector is back on: the next allocation would otherwise start a full
        # collection over everything just loaded.
        gc.freeze()
