"""Store health, counts, backup and restore."""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.errors import BackupError
from cfpm_coach.services.read_models import StoreStatus
from cfpm_coach.storage import counts
from cfpm_coach.storage.backup import backup_database, restore_database, verify_backup
from cfpm_coach.storage.migrate import check_not_newer, upgrade
from cfpm_coach.storage.types import utcnow

if TYPE_CHECKING:
    from cfpm_coach.services.workspace import Workspace

log = logging.getLogger(__name__)


class MaintenanceService:
    """Checks and copies of the store."""

    def __init__(self, workspace: "Workspace") -> None:
        self._ws = workspace

    def counts(self) -> dict[str, int]:
        """Live rows per table."""
        with self._ws.store.read() as session:
            return counts.live_counts(session=session)

    def check(self) -> StoreStatus:
        """SQLite's integrity and foreign-key checks, the schema version and the counts."""
        store = self._ws.store
        return StoreStatus(str(store.path), store.schema_revision(), store.integrity_check(),
                           self.counts())

    def backup(self, target: Path | None = None) -> Path:
        """A consistent, verified copy of the store (default: the data folder's backups/)."""
        if target is None:
            stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
            target = self._ws.paths.backups / f"cfpm-coach-{stamp}.sqlite3"
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = backup_database(self._ws.store.path, target)
        log.info("backup written")
        return path

    def restore(self, source: Path) -> Path:
        """Replace the store's content with a backup's; the current content is backed up first."""
        verify_backup(source)
        try:
            check_not_newer(source)
        except Exception as exc:
            raise BackupError(str(exc)) from exc
        safety = self.backup(
            self._ws.paths.backups / f"before-restore-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.sqlite3"
        )
        self._ws.store.close()
        restore_database(source, self._ws.store.path)
        # A backup from an older version is brought up to this version's schema.
        upgrade(self._ws.store.path, self._ws.paths.backups)
        log.info("store restored from a backup; previous content kept as a backup")
        return safety
