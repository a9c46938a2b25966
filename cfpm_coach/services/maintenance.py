"""Store health, counts, backup and restore."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cfpm_coach.errors import BackupError, DiskFullError, ReadOnlyStoreError
from cfpm_coach.paths import AppPaths
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.sources import StoreSource
from cfpm_coach.storage import counts, faults, files
from cfpm_coach.storage.backup import backup_database, restore_database, verify_backup
from cfpm_coach.storage.cipher import is_encrypted
from cfpm_coach.storage.migrate import check_not_newer, upgrade
from cfpm_coach.storage.types import utcnow
from cfpm_coach.views.store_status import StoreStatus

log = logging.getLogger(__name__)
AUTO_PREFIX = "auto-"
KEEP_KEY = "auto_backup_keep"
DEFAULT_KEEP = 7


@contextmanager
def _disk_faults(action: str, place: Path) -> Iterator[None]:
    """A backup or restore that failed for a full disk or a read-only folder says so."""
    try:
        yield
    except (BackupError, OSError) as exc:
        cause = exc.__cause__ if isinstance(exc, BackupError) else exc
        mapped = faults.translate(cause, action, place) if cause is not None else None
        if isinstance(mapped, DiskFullError | ReadOnlyStoreError):
            raise mapped from exc
        raise


class MaintenanceService:
    """Checks and copies of the store."""

    def __init__(self, store: StoreSource, paths: AppPaths, profile: ProfileService) -> None:
        self._store = store
        self._paths = paths
        self._profile = profile

    def counts(self) -> dict[str, int]:
        """Live rows per table."""
        with self._store.current.read() as session:
            return counts.live_counts(session=session)

    def check(self) -> StoreStatus:
        """SQLite's integrity and foreign-key checks, the schema version and the counts."""
        store = self._store.current
        return StoreStatus(store.describe(), store.schema_revision(), store.integrity_check(),
                           self.counts())

    def _file(self) -> Path:
        if self._store.current.path is None:
            raise BackupError("A server database is backed up with its own tools (pg_dump)")
        return self._store.current.path

    def backup(self, target: Path | None = None) -> Path:
        """A consistent, verified copy of the store (default: the data folder's backups/)."""
        source = self._file()
        if target is None:
            stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
            target = self._paths.backups / f"cfpm-coach-{stamp}.sqlite3"
        with _disk_faults("the backup could not be written", target.parent):
            files.private_dir(target.parent)
            path = backup_database(source, target, self._store.current.key)
        log.info("backup written")
        return path

    def restore(self, source: Path) -> Path:
        """Replace the store's content with a backup's; the current content is backed up first."""
        store_file = self._file()
        key = self._store.current.key
        verify_backup(source, key)
        try:
            check_not_newer(source, key if is_encrypted(source) else None)
        except Exception as exc:
            raise BackupError(str(exc)) from exc
        safety = self.backup(
            self._paths.backups / f"before-restore-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.sqlite3"
        )
        self._store.current.close()
        with _disk_faults("the backup could not be restored", store_file.parent):
            restore_database(source, store_file, key)
        # A backup from an older version is brought up to this version's schema.
        upgrade(store_file, self._paths.backups, key=key)
        log.info("store restored from a backup; previous content kept as a backup")
        return safety

    def automatic_backups(self) -> list[Path]:
        """The rolling daily backups, newest first."""
        folder = self._paths.backups
        if not folder.is_dir():
            return []
        return sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite3"), reverse=True)

    def auto_backup(self, *, keep: int | None = None, today: str | None = None) -> Path | None:
        """Once a day: a verified copy named by the date; only the newest `keep` are kept.

        Returns the new backup, or None when today's exists already (or the store is a server).
        """
        if self._store.current.path is None:
            return None
        if keep is None:
            setting = self._profile.setting(KEEP_KEY, DEFAULT_KEEP)
            keep = setting if isinstance(setting, int) and setting >= 1 else DEFAULT_KEEP
        day = today or utcnow().astimezone().strftime("%Y%m%d")
        target = self._paths.backups / f"{AUTO_PREFIX}{day}.sqlite3"
        if target.exists():
            return None
        key = self._store.current.key
        with _disk_faults("today's automatic backup could not be written", target.parent):
            files.private_dir(target.parent)
            backup_database(self._store.current.path, target, key)
        verify_backup(target, key)
        for old in self.automatic_backups()[keep:]:
            old.unlink(missing_ok=True)
        log.info("automatic backup written; %s kept", min(keep, len(self.automatic_backups())))
        return target
