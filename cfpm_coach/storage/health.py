"""A database file looked at from outside, read-only: is it sound, what does it hold; and moving
a damaged one aside, never over anything."""

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cfpm_coach.errors import BackupError
from cfpm_coach.storage import faults
from cfpm_coach.storage.cipher import (
    DatabaseKey,
    WrongPassphraseError,
    connect,
    driver_errors,
    is_encrypted,
)
from cfpm_coach.storage.engine import BUSY_TIMEOUT_MS

# What a preview shows; each counts live rows (tombstones left out).
COUNTED = {"workers": "worker", "observations": "observation", "ratings": "rating"}


@dataclass(frozen=True)
class FileFacts:
    """What a database file holds, read without changing it."""

    schema: str | None
    counts: dict[str, int]


def _read_only(path: Path, key: DatabaseKey | None) -> Any:
    return connect(path, key, read_only=True, timeout=BUSY_TIMEOUT_MS / 1000)


def quick_check(path: Path, key: DatabaseKey | None = None) -> list[str]:
    """SQLite's quick_check of the file: empty when sound. A file that is not a database at all
    raises DamagedStoreError; one held by another program, StoreInUseError.

    key is the store's (None for a plain store). The file's header is deliberately not sniffed
    here: this runs while the store is open, and opening and closing the database file outside
    SQLite would drop SQLite's POSIX locks on it for the whole process.
    """
    if not path.exists() or path.stat().st_size == 0:
        return []
    with faults.translated("the data could not be checked", path):
        connection = _read_only(path, key)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    return [str(row[0]) for row in rows if row[0] != "ok"]


def file_facts(path: Path, key: DatabaseKey | None = None) -> FileFacts:
    """Schema version and counts of a database file (a backup, never the open store), opened
    read-only; an encrypted backup is read with key."""
    encrypted = is_encrypted(path)
    if encrypted and key is None:
        raise BackupError(f"{path} is encrypted: it is read only with its passphrase")
    try:
        connection = _read_only(path, key if encrypted else None)
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
    except WrongPassphraseError as exc:
        raise BackupError(f"{path} was made under another passphrase") from exc
    except driver_errors() as exc:
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
