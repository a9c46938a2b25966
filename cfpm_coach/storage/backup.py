"""Backup and restore with SQLite's online backup API: consistent while the app runs."""

import contextlib
import shutil
from pathlib import Path
from typing import Any

from cfpm_coach.errors import BackupError, StoreError
from cfpm_coach.storage import files
from cfpm_coach.storage.cipher import (
    DatabaseKey,
    WrongPassphraseError,
    connect,
    driver_errors,
    is_encrypted,
    rekey_file,
)
from cfpm_coach.storage.engine import BUSY_TIMEOUT_MS, create_owner_only

TIMEOUT = BUSY_TIMEOUT_MS / 1000


def _copy(source: Any, target: Any) -> None:
    source.backup(target, pages=1024)


def _check(connection: Any, label: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{label} failed its integrity check: {result}")


def backup_database(database: Path, target: Path, key: DatabaseKey | None = None) -> Path:
    """Write a consistent, verified copy of database to target (temp file, then rename).

    The copy of an encrypted store is encrypted under the same key.
    """
    if not database.exists():
        raise BackupError(f"There is no data file at {database} to back up")
    target = target.resolve()
    temp = target.with_name(f".{target.name}.partial")
    _remove_temp(temp)
    create_owner_only(temp)
    try:
        source = connect(database, key, timeout=TIMEOUT)
        destination = connect(temp, key)
        try:
            _copy(source, destination)
            # A backup is one self-contained file: no -wal beside it.
            destination.execute("PRAGMA journal_mode = DELETE")
            _check(destination, temp)
        finally:
            destination.close()
            source.close()
        files.replace_durably(temp, target)
    except driver_errors() as exc:
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


def verify_backup(path: Path, key: DatabaseKey | None = None) -> None:
    """Raise BackupError unless path is a readable SQLite file that passes integrity_check.

    An encrypted backup is read with key; a plain one needs none.
    """
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}")
    encrypted = is_encrypted(path)
    if encrypted and key is None:
        raise BackupError(f"{path} is encrypted; it can be restored only into a store "
                          "protected by the passphrase it was made under")
    try:
        connection = connect(path, key if encrypted else None, read_only=True)
        try:
            _check(connection, path)
        finally:
            connection.close()
    except WrongPassphraseError as exc:
        raise BackupError(f"{path} was made under a different passphrase") from exc
    except driver_errors() as exc:
        raise BackupError(f"{path} is not a readable backup ({exc})") from exc


def _matching_copy(backup: Path, database: Path, key: DatabaseKey | None) -> Path | None:
    """A temporary copy of a plain backup re-keyed for an encrypted store (None if not needed)."""
    if key is None or is_encrypted(backup):
        return None
    temp = database.with_name(f".{database.name}.restore")
    temp.unlink(missing_ok=True)
    try:
        create_owner_only(temp)  # copyfile keeps an existing file's mode: never readable
        shutil.copyfile(backup, temp)
        rekey_file(temp, None, key)
    except (OSError, StoreError) as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(f"Restoring from {backup} failed: {exc}") from exc
    return temp


def restore_database(backup: Path, database: Path, key: DatabaseKey | None = None) -> None:
    """Copy a verified backup over the live database, page by page, inside SQLite's locking.

    Into an encrypted store, a plain backup is first re-keyed in a temporary copy.
    """
    verify_backup(backup, key)
    create_owner_only(database)
    keyed = _matching_copy(backup, database, key)
    source_file = keyed or backup
    source_key = key if is_encrypted(source_file) else None
    try:
        source = connect(source_file, source_key, read_only=True)
        destination = connect(database, key, timeout=TIMEOUT)
        try:
            _copy(source, destination)
            destination.execute("PRAGMA journal_mode = WAL")
            _check(destination, database)
        finally:
            destination.close()
            source.close()
    except driver_errors() as exc:
        raise BackupError(f"Restoring from {backup} failed: {exc}") from exc
    finally:
        if keyed is not None:
            keyed.unlink(missing_ok=True)
