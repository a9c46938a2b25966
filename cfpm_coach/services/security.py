"""The passphrase that encrypts the store at rest: set, change, remove, check."""

import logging
from pathlib import Path

from cfpm_coach.errors import StoreError
from cfpm_coach.paths import AppPaths
from cfpm_coach.services.sources import StoreSource
from cfpm_coach.storage.cipher import (
    DatabaseKey,
    WrongPassphraseError,
    is_encrypted,
    rekey_file,
)
from cfpm_coach.storage.store import Store
from cfpm_coach.sync import device_key_file

log = logging.getLogger(__name__)


class SecurityService:
    """Encryption of the store and of the backups beside it."""

    def __init__(self, store: StoreSource, paths: AppPaths) -> None:
        self._store = store
        self._paths = paths

    @property
    def encrypted(self) -> bool:
        """True when the store is protected by a passphrase."""
        return self._store.current.key is not None

    def check(self, passphrase: str) -> bool:
        """True when passphrase is the store's (always False for a plain store)."""
        key = self._store.current.key
        return key is not None and key.matches(passphrase)

    def set_passphrase(self, new_passphrase: str, current_passphrase: str | None = None) -> None:
        """Encrypt the store under a new passphrase (changing it needs the current one)."""
        new = DatabaseKey.new(new_passphrase)
        self._require_current(current_passphrase)
        self._rekey(new)

    def remove_passphrase(self, current_passphrase: str) -> None:
        """Store the data unencrypted again (needs the current passphrase)."""
        if not self.encrypted:
            raise StoreError("Your data has no passphrase to remove")
        self._require_current(current_passphrase)
        self._rekey(None)

    def _require_current(self, passphrase: str | None) -> None:
        if self.encrypted and not self.check(passphrase or ""):
            raise WrongPassphraseError("The current passphrase is not right; nothing was changed")

    def _rekey(self, new: DatabaseKey | None) -> None:
        store = self._store.current
        path = store.path
        if path is None:
            raise StoreError("A server database is encrypted by its own server")
        old = store.key
        # The signing key follows the store: re-encrypted beside its file first, then kept or
        # dropped by whichever passphrase the store ends with (a crash anywhere loses neither).
        device_key_file.stage(self._paths.keys, old, new)
        store.close()
        try:
            rekey_file(path, old, new)
        finally:
            # Reopened under whichever key the file now has, even if re-keying failed.
            now = new if is_encrypted(path) == (new is not None) else old
            self._store.current = Store(path, self._paths.backups, now)
            device_key_file.settle(self._paths.keys, now)
        self._rekey_backups(old, new)
        log.info("store passphrase %s", "set" if new else "removed")

    def _rekey_backups(self, old: DatabaseKey | None, new: DatabaseKey | None) -> None:
        """Backups follow the store: no plain copy stays beside an encrypted store."""
        folder = self._paths.backups
        for backup in sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []:
            current = old if is_encrypted(backup) else None
            if (current is None) == (new is None):
                continue
            try:
                rekey_file(backup, current, new, wal=False)
            except StoreError:
                # A backup made under an older passphrase, or damaged: left as it is.
                log.warning("backup %s could not be re-keyed", backup_id(backup))


def backup_id(path: Path) -> str:
    """A backup's name without folders (log lines carry no user paths)."""
    return path.name
