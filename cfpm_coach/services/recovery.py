"""Backups as a coach sees them (date, size, what they hold), and the way back from a damaged
data file: move it aside, untouched, and put the newest good backup in its place."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cfpm_coach.errors import BackupError, DamagedStoreError, StoreError
from cfpm_coach.paths import AppPaths
from cfpm_coach.storage import health
from cfpm_coach.storage.backup import backup_database, verify_backup
from cfpm_coach.storage.cipher import DatabaseKey, is_encrypted
from cfpm_coach.storage.migrate import check_not_newer
from cfpm_coach.storage.types import utcnow

log = logging.getLogger(__name__)
KINDS = (("auto-", "automatic"), ("before-restore-", "before a restore"),
         ("pre-migration-", "before an upgrade"))


@dataclass(frozen=True)
class BackupView:
    """One backup file for the restore preview."""

    path: Path
    taken_at: datetime  # when the file was written (UTC)
    size: int  # bytes
    kind: str  # automatic, before a restore, before an upgrade, copy
    workers: int
    observations: int
    ratings: int
    schema: str | None


def describe_backup(path: Path, key: DatabaseKey | None = None) -> BackupView:
    """Date, size and counts of a backup file, read without changing it (with the store's key
    when the backup is encrypted)."""
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}")
    facts = health.file_facts(path, key)
    stat = path.stat()
    kind = next((label for prefix, label in KINDS if path.name.startswith(prefix)), "copy")
    return BackupView(path, datetime.fromtimestamp(stat.st_mtime, UTC), stat.st_size, kind,
                      facts.counts["workers"], facts.counts["observations"],
                      facts.counts["ratings"], facts.schema)


def list_backups(paths: AppPaths, key: DatabaseKey | None = None) -> list[BackupView]:
    """The readable backups in the data folder's backups/, newest first."""
    folder = paths.backups
    found = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else []:
        try:
            found.append(describe_backup(path, key))
        except BackupError:
            log.info("skipped an unreadable file in the backups folder")
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_good_backup(paths: AppPaths, key: DatabaseKey | None = None) -> BackupView | None:
    """The newest backup that passes SQLite's integrity check (checked newest first)."""
    for backup in list_backups(paths, key):
        try:
            verify_backup(backup.path, key)
            check_not_newer(backup.path, key if is_encrypted(backup.path) else None)
        except (BackupError, StoreError):
            continue
        return backup
    return None


def check_store(paths: AppPaths, key: DatabaseKey | None = None) -> None:
    """Raise DamagedStoreError when the data file is not sound (SQLite's quick_check)."""
    problems = health.quick_check(paths.database, key)
    if problems:
        raise DamagedStoreError(
            f"The data file {paths.database} is damaged (SQLite found: {problems[0]}). "
            "It was left exactly as it is.", str(paths.database))


def restore_damaged(paths: AppPaths, backup: Path, key: DatabaseKey | None = None) -> Path:
    """Move the damaged data file aside (never deleted or overwritten), copy the backup in its
    place; returns where the damaged file went. The store must not be open. An encrypted
    backup is copied under its key and stays encrypted."""
    backup_key = key if is_encrypted(backup) else None
    verify_backup(backup, backup_key)
    check_not_newer(backup, backup_key)
    aside = health.move_aside(paths.database, utcnow().astimezone())
    log.info("damaged data file moved aside; restoring a backup")
    try:
        backup_database(backup, paths.database, backup_key)
    except BaseException:
        # Never leave the folder without its data file: the damaged one goes back, unchanged.
        if not paths.database.exists():
            health.move_back(aside, paths.database)
        raise
    return aside
