"""Whether the app has a data folder open, asked without Qt: restoring under an open window
would pull its data from under it."""

import contextlib
import sys

from cfpm_coach.errors import StoreInUseError
from cfpm_coach.paths import AppPaths


def app_holds(paths: AppPaths) -> bool:
    """True while a CFPM Coach window holds the folder's lock file (ui.instance)."""
    path = paths.lock_file
    if not path.exists():
        return False
    try:
        handle = open(path, "a")  # noqa: SIM115  (Windows: the window's handle refuses writers)
    except PermissionError:
        return True
    with handle:
        if sys.platform == "win32":
            return False
        import fcntl

        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def refuse_if_open(paths: AppPaths, action: str) -> None:
    """StoreInUseError when a window has the folder open."""
    if app_holds(paths):
        raise StoreInUseError(
            f"CFPM Coach is open on the data folder {paths.data_dir}: close it before {action}; "
            "nothing was changed.")
