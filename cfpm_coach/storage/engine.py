"""Engines on the local SQLite file: every connection gets the durability pragmas."""

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from cfpm_coach.errors import StoreError
from cfpm_coach.storage import files
from cfpm_coach.storage.cipher import DatabaseKey, connect, sqlcipher

BUSY_TIMEOUT_MS = 5000
IMMEDIATE = "cfpm_immediate"


def create_owner_only(path: Path) -> None:
    """Create an empty file readable by its owner only; SQLite copies its mode to -wal and -shm."""
    files.private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"The data file {path} cannot be created: {exc.strerror}") from exc
    os.close(fd)


def apply_pragmas(dbapi_connection: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
    """WAL, synchronous=FULL, foreign keys and a busy timeout: every commit durable."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"The data file cannot use write-ahead logging (mode {mode})")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    finally:
        cursor.close()


def make_engine(path: Path, *, foreign_keys: bool = True, key: DatabaseKey | None = None
                ) -> Engine:
    """An engine on the SQLite file at path, with the pragmas on every new connection.

    With a key the file is a SQLCipher database: each connection is keyed before anything
    else touches it, and SQLAlchemy maps the SQLCipher driver's errors like sqlite3's.

    pysqlite's own transaction handling is switched off so that SQLAlchemy emits BEGIN itself:
    DDL in migrations then runs inside the transaction, and writers take the lock up front
    (BEGIN IMMEDIATE) instead of failing on a lock upgrade.
    """
    create_owner_only(path)
    timeout = BUSY_TIMEOUT_MS / 1000
    if key is None:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": timeout},
            # Error messages and logs must not carry names or notes: keep statement values out.
            hide_parameters=True,
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}", module=sqlcipher(), hide_parameters=True,
            creator=lambda: connect(path, key, timeout=timeout, check_same_thread=False),
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection, foreign_keys=foreign_keys)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, its transactions taking the write lock at BEGIN."""
    return engine.execution_options(**{IMMEDIATE: True})
