"""The local store: one SQLite file, migrated on open, with read and write units of work."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from cfpm_coach.errors import ConstraintError, StoreError
from cfpm_coach.storage.engine import make_engine, writer
from cfpm_coach.storage.migrate import MigrationResult, upgrade

log = logging.getLogger(__name__)


class Store:
    """An open, migrated database file. Every write() is one durable transaction."""

    def __init__(self, path: Path, backups_dir: Path) -> None:
        self.path = path
        self.migration: MigrationResult = upgrade(path, backups_dir)
        self.engine: Engine = make_engine(path)
        self._writer = writer(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed (fsynced) when the block ends, or rolled back."""
        with Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except IntegrityError as exc:
                session.rollback()
                raise ConstraintError("The change breaks a rule of the data (a record it refers "
                                      "to is missing, or it repeats one); nothing was saved"
                                      ) from exc
            except Exception:
                session.rollback()
                raise

    def integrity_check(self) -> list[str]:
        """Problems SQLite finds in the file; empty when it is sound."""
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
