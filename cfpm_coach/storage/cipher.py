"""Encryption at rest: SQLCipher connections behind a passphrase, and re-keying a file safely.

A plain store is an ordinary SQLite file; an encrypted one is a SQLCipher 4 file whose every
page, header included, is encrypted (AES-256, HMAC per page, PBKDF2 key derivation). Whether a
file is encrypted is read from its first bytes, so no setting can disagree with the file.
"""

import contextlib
import hmac
import logging
import os
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from cfpm_coach.errors import StoreError
from cfpm_coach.storage import files

SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_PASSPHRASE = 8
PAGE = 1024  # SQLCipher 4 pages are 4096 bytes; any page size it accepts is a multiple of this
log = logging.getLogger(__name__)


class PassphraseRequiredError(StoreError):
    """The store is encrypted and no passphrase was given."""


class WrongPassphraseError(StoreError):
    """The passphrase does not open the store."""


class InvalidPassphraseError(StoreError):
    """A new passphrase is too weak or malformed; nothing was changed."""


class DatabaseKey:
    """A store's passphrase, kept out of reprs, logs and error messages."""

    __slots__ = ("_passphrase",)

    def __init__(self, passphrase: str) -> None:
        self._passphrase = passphrase.replace("\x00", "")

    @classmethod
    def new(cls, passphrase: str) -> "DatabaseKey":
        """A key for a passphrase being set, which must be long enough to resist guessing."""
        if len(passphrase.strip()) < MIN_PASSPHRASE:
            raise InvalidPassphraseError(
                f"A passphrase needs at least {MIN_PASSPHRASE} characters")
        if "\x00" in passphrase:
            raise InvalidPassphraseError("A passphrase cannot contain a NUL character")
        return cls(passphrase)

    def __repr__(self) -> str:
        return "DatabaseKey(***)"

    def matches(self, passphrase: str) -> bool:
        """True when passphrase is this key's (compared in constant time)."""
        return hmac.compare_digest(passphrase.encode("utf-8"), self._passphrase.encode("utf-8"))

    def utf8(self) -> bytes:
        """The passphrase as UTF-8, for the other secrets it protects (the device key file)."""
        return self._passphrase.encode("utf-8")

    def pragma(self) -> str:
        """The PRAGMA key statement (a literal: SQLCipher does not take bound parameters here)."""
        quoted = self._passphrase.replace("'", "''")
        return f"PRAGMA key = '{quoted}'"


def sqlcipher() -> ModuleType:
    """The SQLCipher driver, loaded on first use (it is not needed for a plain store)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise StoreError("Encryption at rest needs the sqlcipher3 module, which this build of "
                         "CFPM Coach does not include") from exc
    return dbapi2


def driver_errors() -> tuple[type[Exception], ...]:
    """The database error classes of the drivers loaded so far, for except clauses.

    A driver that was never loaded raised nothing, so SQLCipher is not imported just to name
    its errors (a plain store never loads it).
    """
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, loaded.Error) if loaded is not None else (sqlite3.Error,)


def is_encrypted(path: Path) -> bool:
    """True when the file looks like a SQLCipher database: not plain SQLite, whole pages.

    An encrypted file is indistinguishable from noise by design; whole pages and a non-zero
    first block tell it from a file truncated or zeroed by a fault, which is damage instead.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"The data file {path} cannot be read: {exc.strerror}") from exc
    whole_pages = size >= PAGE and size % PAGE == 0
    return whole_pages and head != SQLITE_MAGIC and any(head)


def connect(path: Path, key: DatabaseKey | None, *, read_only: bool = False,
            timeout: float = 5.0, check_same_thread: bool = True) -> Any:
    """A DB-API connection to path: sqlite3 for a plain file, SQLCipher keyed for an encrypted one.

    With a key, the passphrase is checked before the connection is returned, so a wrong one
    fails here with WrongPassphraseError instead of later with "file is not a database".
    """
    target = f"file:{path}?mode=ro" if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, uri=read_only, timeout=timeout,
                               check_same_thread=check_same_thread)
    driver = sqlcipher()
    connection = driver.connect(target, uri=read_only, timeout=timeout,
                                check_same_thread=check_same_thread)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(key.pragma())
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        connection.close()
        raise WrongPassphraseError("The passphrase does not open this data file (or the file "
                                   "is damaged)") from exc
    return connection


def open_checked(path: Path, key: DatabaseKey | None, **kwargs: Any) -> Any:
    """connect(), but an encrypted file without a key says so instead of "not a database"."""
    if key is None and is_encrypted(path):
        raise PassphraseRequiredError("This data file is protected by a passphrase")
    return connect(path, key, **kwargs)


def _table_counts(connection: Any) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names}


def rekey_file(path: Path, old: DatabaseKey | None, new: DatabaseKey | None, *,
               wal: bool = True) -> None:
    """Rewrite the closed database at path under a new key (None: plain), safely.

    The content is exported into a new file beside it, which is checked (integrity and the row
    count of every table) and fsynced; only then is it renamed over the old file. A crash before
    the rename leaves the old file as it was; after it, the new one. No other connection may be
    open: the caller closes the store first.
    """
    driver = sqlcipher()
    temp = path.with_name(f".{path.name}.rekey")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    source = connect(path, old) if old is not None else driver.connect(str(path))
    try:
        if old is None:
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Everything in the write-ahead log goes into the main file before it is read.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        before = _table_counts(source)
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        attach_key = new.pragma().removeprefix("PRAGMA key = ") if new else "''"
        source.execute(f"ATTACH DATABASE ? AS rekeyed KEY {attach_key}", (str(temp),))
        source.execute("SELECT sqlcipher_export('rekeyed')").fetchone()
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        source.execute("DETACH DATABASE rekeyed")
    except driver.Error as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise StoreError(f"The data file could not be re-encrypted ({exc}); it is unchanged"
                         ) from exc
    finally:
        source.close()
    try:
        _verify_copy(temp, new, before, wal)
        for suffix in ("-wal", "-shm"):
            # A stale log beside the new file would be replayed into it.
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()
        files.replace_durably(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    log.info("data file re-keyed (encrypted: %s)", new is not None)


def _verify_copy(temp: Path, key: DatabaseKey | None, expected: dict[str, int],
                 wal: bool) -> None:
    check = connect(temp, key)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
        counts = _table_counts(check)
        check.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}").fetchone()
    finally:
        check.close()
    if result != "ok" or counts != expected:
        raise StoreError("The re-encrypted copy did not match the data file; nothing was changed")


def database_versions() -> dict[str, str]:
    """The SQLite library's version, and SQLCipher's once it has been loaded (for About)."""
    versions = {"SQLite": sqlite3.sqlite_version}
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    if loaded is not None:
        versions["SQLCipher"] = str(getattr(loaded, "sqlite_version", ""))
    return versions
