"""SQLite and file-system failures as sentences: a full disk, a read-only folder, a database in
use by another program, a damaged file. Everything else passes through unchanged."""

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from cfpm_coach.errors import (
    QT_TRANSLATE_NOOP,
    BundleError,
    CoachError,
    DamagedStoreError,
    DiskFullError,
    ReadOnlyStoreError,
    StoreError,
    StoreInUseError,
    Wording,
)
from cfpm_coach.storage.cipher import driver_errors

# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _NOTADB = 5, 6, 8, 10, 11, 13, 26
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_E = TypeVar("_E", bound=CoachError)
CONTEXT = "faults"  # the translations' context of these sentences (lupdate reads this file)
# What failed, as callers name it: marked here so the window can say it in the coach's language
# (a phrase not listed stays English inside the translated sentence).
ACTIONS = (
    QT_TRANSLATE_NOOP("faults", "the bundle could not be written"),
    QT_TRANSLATE_NOOP("faults", "the CSV files could not be written"),
    QT_TRANSLATE_NOOP("faults", "the data could not be opened"),
    QT_TRANSLATE_NOOP("faults", "the data could not be upgraded"),
    QT_TRANSLATE_NOOP("faults", "the data could not be checked"),
    QT_TRANSLATE_NOOP("faults", "the data could not be read"),
    QT_TRANSLATE_NOOP("faults", "the change could not be saved"),
    QT_TRANSLATE_NOOP("faults", "the backup could not be written"),
    QT_TRANSLATE_NOOP("faults", "the backup could not be restored"),
    QT_TRANSLATE_NOOP("faults", "today's automatic backup could not be written"),
    QT_TRANSLATE_NOOP("faults", "the bundle could not be stored"),
)


def _worded(kind: type[_E], template: str, *values: object) -> _E:
    """kind's error with the English sentence, and the wording the window translates."""
    wording = Wording(CONTEXT, template, tuple(
        Wording(CONTEXT, value) if value in ACTIONS else value for value in values))
    error = kind(wording.english())
    error.wording = wording
    return error


def disk_full(action: str, place: Path | str) -> DiskFullError:
    """The full-disk sentence."""
    return _worded(DiskFullError, QT_TRANSLATE_NOOP(
        "faults", "The disk is full: %1, and nothing was changed. Everything saved before is "
        "safe. Free some space on the drive that holds %2, then try again."), action, place)


def read_only(action: str, place: Path | str) -> ReadOnlyStoreError:
    """The read-only sentence."""
    return _worded(ReadOnlyStoreError, QT_TRANSLATE_NOOP(
        "faults", "%1 cannot be written (a read-only drive or folder, or no permission): %2, and "
        "nothing was changed. Check its permissions, or start CFPM Coach with another data "
        "folder (--data-dir)."), place, action)


def in_use(action: str, place: Path | str) -> StoreInUseError:
    """The database-in-use sentence."""
    return _worded(StoreInUseError, QT_TRANSLATE_NOOP(
        "faults", "The data file %1 is in use by another program (perhaps CFPM Coach in another "
        "window, or a backup or sync tool): %2, and nothing was changed. Close the other "
        "program, then try again."), place, action)


def damaged(place: Path | str, detail: str) -> DamagedStoreError:
    """The damaged-file sentence."""
    return DamagedStoreError(
        f"The data file {place} is damaged ({detail}). It was left exactly as it is.", str(place))


def _sqlite_error(error: BaseException) -> Exception | None:
    # SQLAlchemy wraps the driver's exception as .orig; SQLCipher's driver has its own classes.
    for candidate in (error, getattr(error, "orig", None), error.__cause__):
        if isinstance(candidate, driver_errors()):
            return candidate
    return None


def translate(error: BaseException, action: str, place: Path | str) -> CoachError | None:
    """The error for a person, or None when this is not a storage fault we can name."""
    if isinstance(error, CoachError):
        return None
    if isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return disk_full(action, place)
        if error.errno in _READONLY_ERRNOS:
            return read_only(action, place)
        if error.errno in (errno.ENOTDIR, errno.EEXIST):
            return _worded(StoreError, QT_TRANSLATE_NOOP(
                "faults", "%1 is not a folder (a file has that name, or a part of the path is "
                "a file): %2, and nothing was changed. Choose a folder, then try again."),
                place, action)
        return None
    found = _sqlite_error(error)
    if found is None:
        return _server_unavailable(error, place)
    code = getattr(found, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(found)
    if primary == _FULL or "database or disk is full" in message:
        return disk_full(action, place)
    if primary in (_BUSY, _LOCKED) or "database is locked" in message:
        return in_use(action, place)
    if primary == _READONLY or "readonly database" in message:
        return read_only(action, place)
    if primary in (_CORRUPT, _NOTADB) or "malformed" in message or "not a database" in message:
        return damaged(place, message)
    # Even reading a WAL database needs its -shm file: on a full disk it cannot be made.
    if primary == _IOERR and getattr(found, "sqlite_errorname", "") == "SQLITE_IOERR_SHMSIZE":
        return disk_full(action, place)
    return None


def _server_unavailable(error: BaseException, place: Path | str) -> CoachError | None:
    """A database server that cannot be reached, or dropped the connection (a restart): the
    hub answers 503 and the laptop tries again; the pool reconnects on the next request."""
    from sqlalchemy import exc as sa

    lost: tuple[type[BaseException], ...] = (sa.OperationalError, sa.InterfaceError,
                                             sa.TimeoutError)
    # psycopg's own errors too: the hub reads stored rows in psycopg's pipeline mode, below
    # SQLAlchemy, so a server lost there arrives unwrapped (and must not read as bad input).
    # Only where psycopg is loaded: the laptop's package leaves the hub's driver out.
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        lost += (psycopg.OperationalError, psycopg.InterfaceError)
    if isinstance(error, lost) or (
            isinstance(error, sa.DBAPIError) and error.connection_invalidated):
        return StoreError(f"The database {place} is unavailable; try again later")
    return None


@contextmanager
def translated(action: str, place: Path | str) -> Iterator[None]:
    """Re-raise storage faults inside the block as the app's own errors (the cause kept)."""
    try:
        yield
    except Exception as exc:
        mapped = translate(exc, action, place)
        if mapped is None:
            raise
        raise mapped from exc


def refusal_of_input(error: BaseException, place: Path | str) -> CoachError:
    """What a failed import of sent data means: the database being unavailable is a StoreError
    (the hub answers 503, the sender tries later); anything else the data provoked (a value out
    of the column's range, a NUL PostgreSQL refuses, a broken rule) is a BundleError (a 4xx the
    sender sets aside), never a crash."""
    from sqlalchemy import exc as sa

    if isinstance(error, CoachError):
        return error
    mapped = translate(error, "the bundle could not be stored", place)
    if mapped is not None:
        return mapped
    if isinstance(error, sa.OperationalError | sa.InterfaceError | sa.TimeoutError) or \
            (isinstance(error, sa.DBAPIError) and error.connection_invalidated):
        return StoreError(f"The database {place} is unavailable; try again later")
    return BundleError(f"The bundle holds a value the database refuses ({_kind(error)}); "
                       "nothing was changed")


def _kind(error: BaseException) -> str:
    cause = getattr(error, "orig", None) or error
    return type(cause).__name__
