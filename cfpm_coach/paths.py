"""Where the app keeps its files: resolved once, Qt-free, overridable by --data-dir."""

import errno
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from platformdirs.api import PlatformDirsABC

from cfpm_coach import APP_ID
from cfpm_coach.errors import ReadOnlyStoreError, StoreError
from cfpm_coach.storage import files

DATA_DIR_ENV = "CFPM_COACH_DATA_DIR"
DATABASE_NAME = "cfpm-coach.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one store."""

    data_dir: Path

    @property
    def database(self) -> Path:
        """The SQLite store."""
        return self.data_dir / DATABASE_NAME

    @property
    def lock_file(self) -> Path:
        """Held while the app has this data folder open (one window per folder)."""
        return self.data_dir / "cfpm-coach.lock"

    @property
    def backups(self) -> Path:
        """Automatic and pre-migration backups."""
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        """Rotating log files (ids only, never names or notes)."""
        return self.data_dir / "logs"

    @property
    def keys(self) -> Path:
        """This device's signing key (encrypted under the store's passphrase when it has one)."""
        return self.data_dir / "keys"

    @property
    def instruments(self) -> Path:
        """A county's own instrument files, loaded beside the shipped ones."""
        return self.data_dir / "instruments"

    def ensure(self) -> "AppPaths":
        """Create the data folder owner-only if it does not exist yet; refuse one that cannot be
        written before anything (a log, a database) is created in it."""
        try:
            files.private_dir(self.data_dir)
            # An unnamed temp file where the system allows it: the probe leaves nothing behind.
            with tempfile.TemporaryFile(dir=self.data_dir):
                pass
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise ReadOnlyStoreError(
                    f"The data folder {self.data_dir} cannot be written (a read-only drive or "
                    "folder, or no permission), so CFPM Coach cannot keep your work there; "
                    "nothing was created or changed. Check the folder's permissions, or start "
                    "CFPM Coach with another data folder (--data-dir).") from exc
            raise StoreError(f"The data folder {self.data_dir} cannot be used: {exc.strerror}"
                             ) from exc
        return self


def default_data_dir() -> Path:
    """The per-user data folder of this platform, or $CFPM_COACH_DATA_DIR when set."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platform_dirs()(APP_ID, appauthor=False).user_data_dir)


def platform_dirs() -> type[PlatformDirsABC]:
    """This platform's folder conventions, chosen when asked rather than at import.

    Windows: %LOCALAPPDATA%\\cfpm-coach; macOS: ~/Library/Application Support/cfpm-coach;
    elsewhere $XDG_DATA_HOME/cfpm-coach (~/.local/share). The installers' documentation and
    uninstallers name these folders, so they must never move.
    """
    if sys.platform == "win32":
        from platformdirs.windows import Windows

        return Windows
    if sys.platform == "darwin":
        from platformdirs.macos import MacOS

        return MacOS
    from platformdirs.unix import Unix

    return Unix


def resolve_paths(data_dir: str | Path | None = None) -> AppPaths:
    """Paths for an explicit data folder, or the default one."""
    chosen = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return AppPaths(chosen.resolve())


def frozen_root() -> Path | None:
    """The unpacked folder of a PyInstaller build (its `_internal`); None when run by Python."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))


@cache
def resources_dir() -> Path:
    """The shipped resources: in a frozen build's folder, in the package as a wheel, else the repo's.

    Found once a process: every icon of the menus asks for it at start-up."""
    root = frozen_root()
    if root is not None:
        return root / "resources"  # where packaging/cfpm-coach.spec puts them
    packaged = Path(__file__).parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"
