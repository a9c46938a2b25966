"""A database file looked at from outside, read-only: is it sound, what does it hold; and moving
a damaged one aside, never over anything."""

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cfpm_coach.errors import BackupError
from cfpm_coach.storage import faults
from cfpm_coach.storage.engine import BUSY_TIMEOUT_MS

# What a preview shows; each counts live rows (tombstones left out).
COUNTED = {"workers": "worker", "observations": "observation", "ratings": "rating"}


@dataclass(frozen=True)
class FileFacts:
    """What a database file holds, read without changing it."""

    schema: str | None
    counts: dict[str, int]


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def quick_check(path: Path) -> list[str]:
    """SQLite's quick_check of the file: empty when sound. A file that is not a database at all
    raises DamagedStoreError; one held by another program, StoreInUseError."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    with faults.translated("the data could not be checked", path):
        connection = _read_only(path)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    return [str(row[0]) for row in rows if row[0] != "ok"]


def file_facts(path: Path) -> FileFacts:
    """Schema version and counts of a database file (a backup), opened read-only."""
    try:
        connection = _read_only(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", *COUNTED.values()} <= tables:
                raise BackupError(f"{path} is not a CFPM Coach backup")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {label: int(connection.execute(
                f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0])
                for label, table in COUNTED.items()}
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} is not a readable backup ({exc})") from exc
    return FileFacts(row[0] if row else None, counts)


def move_aside(database: Path, stamp: datetime) -> Path:
    """Rename a damaged database (and its -wal and -shm) to <name>.damaged-<stamp>; never
    deleted, never over an existing file. Returns the new name of the database file."""
    base = f"{database.name}.damaged-{stamp.strftime('%Y%m%d-%H%M%S')}"
    aside = database.with_name(base)
    number = 1
    while any(database.with_name(aside.name + end).exists() for end in ("", "-wal", "-shm")):
        number += 1
        aside = database.with_name(f"{base}-{number}")
    for end in ("", "-wal", "-shm"):
        source = database.with_name(database.name + end)
        if source.exists():
            _rename_no_clobber(source, database.with_name(aside.name + end))
    return aside


def move_back(aside: Path, database: Path) -> None:
    """Undo move_aside when nothing could be put in the file's place."""
    for end in ("", "-wal", "-shm"):
        source = aside.with_name(aside.name + end)
        if source.exists():
            _rename_no_clobber(source, database.with_name(database.name + end))


def _rename_no_clobber(source: Path, target: Path) -> None:
    """POSIX rename replaces silently; a hard link refuses an existing target. Windows' rename
    refuses by itself."""
    if os.name == "nt":
        os.rename(source, target)
        return
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: the name was checked just now
        if target.exists():
            raise
        os.rename(source, target)
        return
    source.unlink()
