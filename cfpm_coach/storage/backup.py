"""Backup and restore with SQLite's online backup API: consistent while the app runs."""

import contextlib
import os
import sqlite3
from pathlib import Path

from cfpm_coach.errors import BackupError
from cfpm_coach.storage.engine import BUSY_TIMEOUT_MS, create_owner_only


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=1024)


def _check(connection: sqlite3.Connection, label: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{label} failed its integrity check: {result}")


def backup_database(database: Path, target: Path) -> Path:
    """Write a consistent, verified copy of database to target (temp file, then rename)."""
    if not database.exists():
        raise BackupError(f"There is no data file at {database} to back up")
    target = target.resolve()
    temp = target.with_name(f".{target.name}.partial")
    _remove_temp(temp)
    create_owner_only(temp)
    try:
        source = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
        destination = sqlite3.connect(temp)
        try:
            _copy(source, destination)
            # A backup is one self-contained file: no -wal beside it.
            destination.execute("PRAGMA journal_mode = DELETE")
            _check(destination, temp)
        finally:
            destination.close()
            source.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup to {target} failed: {exc}") from exc
    except OSError as exc:
        raise BackupError(f"The backup to {target} failed: {exc.strerror}") from exc
    finally:
        _remove_temp(temp)
    return target


def _remove_temp(temp: Path) -> None:
    """A temp copy and its journals: a stale one left by a crash must not roll into the next."""
    for path in (temp, *(temp.with_name(temp.name + end) for end in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def verify_backup(path: Path) -> None:
    """Raise BackupError unless path is a readable SQLite file that passes integrity_check."""
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            _check(connection, path)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable backup ({exc})") from exc


def restore_database(backup: Path, database: Path) -> None:
    """Copy a verified backup over the live database, page by page, inside SQLite's locking."""
    verify_backup(backup)
    create_owner_only(database)
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        destination = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _copy(source, destination)
            destination.execute("PRAGMA journal_mode = WAL")
            _check(destination, database)
        finally:
            destination.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Restoring from {backup} failed: {exc}") from exc
