"""Faults made for real where the machine allows: a small tmpfs that fills up, a read-only bind
mount, another process holding the database's lock, a damaged page.

Where a file system cannot be mounted (no root, no CAP_SYS_ADMIN), the full disk comes from the
edges instead: SQLite's own PRAGMA max_page_count (a genuine SQLITE_FULL from SQLite) and ENOSPC
from storage.files.write_fully, the one function every other file write goes through.
"""

import contextlib
import errno
import functools
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from cfpm_coach.storage import backup as backup_module
from cfpm_coach.storage import files
from cfpm_coach.storage.store import Store

FULL_DISK_MODES = ("tmpfs", "limits")


def _mount(*args: str) -> bool:
    if shutil.which("mount") is None:
        return False
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    return result.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@functools.cache
def can_mount() -> bool:
    """True when this process may mount a small tmpfs (root with CAP_SYS_ADMIN)."""
    import tempfile

    probe = Path(tempfile.mkdtemp(prefix="cfpm-mount-probe-"))
    try:
        if _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)):
            _umount(probe)
            return True
        return False
    finally:
        probe.rmdir()


class FullDisk:
    """A data folder whose disk can be filled up and freed again."""

    def __init__(self, mode: str, root: Path) -> None:
        self.mode = mode
        self.root = root
        self.data_dir = root / "data"
        self.filler = root / "filler"
        self._patches = pytest.MonkeyPatch()
        self._pinned: list[tuple[Any, Any]] = []

    def fill(self, store: Store | None = None) -> None:
        """No space left: SQLite's next page and every other file write fail."""
        if self.mode == "tmpfs":
            if store is not None and store.path is not None:
                # An empty -wal: the next commit needs new blocks, which are not there.
                with contextlib.closing(sqlite3.connect(store.path)) as conn:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                for chunk in (1 << 16, 1 << 12, 1):
                    with contextlib.suppress(OSError):
                        while os.write(fd, b"\0" * chunk):
                            pass
            finally:
                os.close(fd)
            return
        if store is not None:
            self._pin(store)

        def no_space(_fd: int, _data: bytes) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        original_copy = backup_module._copy

        def copy_onto_a_full_disk(source: sqlite3.Connection,
                                  target: sqlite3.Connection) -> None:
            target.execute("PRAGMA max_page_count = 1")
            original_copy(source, target)

        self._patches.setattr(files, "write_fully", no_space)
        self._patches.setattr(backup_module, "_copy", copy_onto_a_full_disk)

    def _pin(self, store: Store) -> None:
        """SQLite may not grow the file by one page: its next new page is SQLITE_FULL."""

        def pin(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        event.listen(store.engine, "connect", pin)
        self._pinned.append((store.engine, pin))
        store.engine.dispose()

    def free(self) -> None:
        """Space again."""
        self.filler.unlink(missing_ok=True)
        self._patches.undo()
        for engine, pin in self._pinned:
            event.remove(engine, "connect", pin)
            engine.dispose()
        self._pinned.clear()


@contextlib.contextmanager
def full_disk(mode: str, tmp_path: Path) -> Iterator[FullDisk]:
    """A FullDisk on a fresh 8 MB tmpfs ("tmpfs") or on the test's own folder ("limits")."""
    root = tmp_path / "disk"
    root.mkdir()
    if mode == "tmpfs":
        if not can_mount():
            pytest.skip("this machine refuses to mount a tmpfs; the 'limits' variant runs here")
        if not _mount("-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(root)):
            pytest.fail("mounting the small tmpfs failed")
    disk = FullDisk(mode, root)
    try:
        yield disk
    finally:
        disk.free()
        if mode == "tmpfs":
            _umount(root)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The folder cannot be written: a read-only bind mount for root, permissions otherwise."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    if not (can_mount() and _mount("--bind", str(folder), str(folder))):
        pytest.skip("running as root without the right to mount: a folder cannot be read-only")
    try:
        if not _mount("-o", "remount,bind,ro", str(folder)):
            pytest.fail("remounting the folder read-only failed")
        yield
    finally:
        _umount(folder)


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("LOCKED", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@contextlib.contextmanager
def locked_by_another_process(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds BEGIN EXCLUSIVE on the database until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "LOCKED"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def damage_table(db: Path, table: str) -> None:
    """Overwrite the first page of a table's b-tree with garbage (the header stays sound)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
    with open(db, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 512)
