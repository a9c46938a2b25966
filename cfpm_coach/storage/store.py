"""The local store: one SQLite file, migrated on open, with read and write units of work."""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from cfpm_coach.errors import ConstraintError, StoreError
from cfpm_coach.storage import faults
from cfpm_coach.storage.cipher import DatabaseKey
from cfpm_coach.storage.engine import make_engine, writer
from cfpm_coach.storage.migrate import MigrationResult, upgrade, upgrade_server

log = logging.getLogger(__name__)
# How long a write waits for the other writers of this process before it gives up (SQLite).
WRITE_QUEUE_SECONDS = 30.0


class Store:
    """An open, migrated database file. Every write() is one durable transaction."""

    def __init__(self, path: Path, backups_dir: Path, key: DatabaseKey | None = None) -> None:
        self.path: Path | None = path
        self.key = key
        with faults.translated("the data could not be opened", path):
            self.migration: MigrationResult = upgrade(path, backups_dir, key=key)
        self.engine: Engine = make_engine(path, key=key)
        self._writer = writer(self.engine)
        # SQLite takes one writer at a time. Writers of this process queue here, where the next
        # one starts the moment the last commits, instead of polling the file lock in SQLite's
        # busy handler (sleeps of up to 100 ms while it is free): with 40 hub threads uploading,
        # that polling, not the writes, made uploads answer 503 after the 5 s busy timeout.
        self._write_turn: threading.RLock | None = threading.RLock()

    @classmethod
    def at_url(cls, url: str, backups_dir: Path) -> "Store":
        """A store on a database URL: a SQLite file as usual, or a server (PostgreSQL) for the hub."""
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if not parsed.database:
                raise StoreError("A SQLite URL must name a file (sqlite:///path/to/hub.sqlite3)")
            return cls(Path(parsed.database), backups_dir)
        store = cls.__new__(cls)
        store.path = None
        store.key = None
        try:
            # No pool_pre_ping: its round trip on every checkout was two of the ~18 an upload
            # cost. A connection the server dropped (a restart) fails its first statement
            # instead; SQLAlchemy then discards every pooled connection made before, and that
            # one request answers 503, which a laptop retries.
            engine = create_engine(url, hide_parameters=True)
            store.migration = upgrade_server(engine)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"The database {parsed.render_as_string(hide_password=True)} "
                             f"cannot be opened: {type(exc).__name__}") from exc
        store.engine = store._writer = engine
        store._write_turn = None  # a server orders its own writers
        return store

    @property
    def is_sqlite(self) -> bool:
        """True for a local SQLite file (the laptop, or a small hub)."""
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """Where the data is, for messages (a server URL without its password)."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with faults.translated("the data could not be read", self.describe()), \
                Session(self.engine, expire_on_commit=False) as session:
            yield session
            session.rollback()

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for one query that needs no transaction (autocommit): on a server it
        saves the BEGIN and ROLLBACK round trips a read() session spends."""
        with faults.translated("the data could not be read", self.describe()), \
                self.engine.connect() as connection:
            yield connection.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def _turn(self) -> Iterator[None]:
        if self._write_turn is None:
            yield
            return
        if not self._write_turn.acquire(timeout=WRITE_QUEUE_SECONDS):
            raise faults.in_use("the change could not be saved", self.describe())
        try:
            yield
        finally:
            self._write_turn.release()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed (fsynced) when the block ends, or rolled back."""
        with self._turn(), Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except IntegrityError as exc:
                session.rollback()
                raise ConstraintError("The change breaks a rule of the data (a record it refers "
                                      "to is missing, or it repeats one); nothing was saved"
                                      ) from exc
            except Exception as exc:
                session.rollback()
                mapped = faults.translate(exc, "the change could not be saved", self.describe())
                if mapped is None:
                    raise
                raise mapped from exc

    def integrity_check(self) -> list[str]:
        """Problems SQLite finds in the file; empty when it is sound (a server checks itself)."""
        if not self.is_sqlite:
            return []
        with self.engine.connect() as connection:
            rows = connection.execute(text("PRAGMA integrity_check")).fetchall()
            fk_rows = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        problems += [f"broken reference in {r[0]} row {r[1]} to {r[2]}" for r in fk_rows]
        return problems

    def schema_revision(self) -> str:
        """The schema version the file is at."""
        with self.engine.connect() as connection:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).one()
        return str(row[0])

    def pragma(self, name: str) -> str:
        """The value of a pragma on a fresh pooled connection (for checks and tests)."""
        if not name.isidentifier():
            raise StoreError(f"not a pragma name: {name!r}")
        with self.engine.connect() as connection:
            return str(connection.execute(text(f"PRAGMA {name}")).scalar())

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
