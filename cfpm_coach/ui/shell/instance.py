"""One window per data folder: a second start on the same folder says so instead of opening it.

QLockFile holds <data dir>/cfpm-coach.lock (flock on Unix, an unshared handle on Windows) and
takes over a lock left by a process that is gone. The command line checks it without Qt
(services.instance) before replacing the data under an open window.
"""

from PySide6.QtCore import QCoreApplication, QLockFile

from cfpm_coach.errors import StoreInUseError
from cfpm_coach.paths import AppPaths


def acquire(paths: AppPaths) -> QLockFile:
    """The folder's lock, held until unlock(); StoreInUseError when another window holds it."""
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # never by age: only a lock whose process is gone is stale
    if not lock.tryLock(200):
        raise StoreInUseError(QCoreApplication.translate(
            "instance", "CFPM Coach is already open on the data folder %1 in another window. "
            "Switch to that window, or close it and start again; nothing was changed.")
            .replace("%1", str(paths.data_dir)))
    return lock
