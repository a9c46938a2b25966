"""Schema versions: check without touching, copy before migrating, refuse a newer database."""

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.errors import SchemaTooNewError, StoreError
from cfpm_coach.paths import frozen_root
from cfpm_coach.storage import faults
from cfpm_coach.storage.backup import backup_database
from cfpm_coach.storage.cipher import DatabaseKey, driver_errors, open_checked
from cfpm_coach.storage.engine import make_engine
from cfpm_coach.storage.types import utcnow

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

# Alembic loads env.py and the versions from files, so a frozen build ships them as source.
_FROZEN = frozen_root()
MIGRATIONS_DIR = (_FROZEN / "cfpm_coach" / "storage" / "migrations" if _FROZEN is not None
                  else Path(__file__).parent / "migrations")
# Migration files are named after their revision id, which counts up: NNNN_what_it_does.py.
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")
log = logging.getLogger(__name__)


def alembic_config() -> "Config":
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config  # only when migrating: it costs ~140 ms at start-up

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> list[str]:
    """Every schema version this build knows, oldest first (from the migration file names)."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").iterdir())
    return sorted(m.group(1) for m in map(_REVISION_FILE.match, names) if m)


def head_revision() -> str:
    """The schema version this build of the app writes."""
    return known_revisions()[-1]


def read_revision(path: Path, key: DatabaseKey | None = None) -> str | None:
    """The schema version of a database file, read without changing it; None if it has none."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = open_checked(path, key, read_only=True)
    except driver_errors() as exc:
        raise faults.translate(exc, "the data could not be opened", path) or StoreError(
            f"{path} cannot be opened: {exc}") from exc
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables:
                raise StoreError(f"{path} is a database, but not one CFPM Coach wrote")
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except driver_errors() as exc:
        raise faults.translate(exc, "the data could not be opened", path) or StoreError(
            f"{path} is not a readable CFPM Coach database ({exc})") from exc
    finally:
        connection.close()


def check_not_newer(path: Path, key: DatabaseKey | None = None) -> str | None:
    """Refuse, untouched, a database written by a newer app; return its revision."""
    revision = read_revision(path, key)
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(
            f"{path} was written by a newer version of CFPM Coach (schema {revision}). "
            "Install the newer version to open it; the file was not changed."
        )
    return revision


@dataclass(frozen=True)
class MigrationResult:
    """What an upgrade did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade(path: Path, backups_dir: Path, target: str = "head",
            key: DatabaseKey | None = None) -> MigrationResult:
    """Bring the database at path to target, copying it first when it holds data."""
    current = check_not_newer(path, key)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return MigrationResult(current, wanted, None)
    backup = None
    if current is not None:
        stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
        backup = backups_dir / f"pre-migration-{current}-{stamp}.sqlite3"
        backup_database(path, backup, key)
    # Foreign keys off: batch migrations copy and drop tables, which would cascade deletes.
    from alembic import command

    engine = make_engine(path, foreign_keys=False, key=key)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            connection.commit()
    except Exception as exc:
        raise faults.translate(exc, "the data could not be upgraded", path) or StoreError(
            f"The data file could not be upgraded: {exc}") from exc
    finally:
        engine.dispose()
    log.info("schema upgraded from %s to %s", current, wanted)
    return MigrationResult(current, wanted, backup)


def upgrade_server(engine: "Engine") -> MigrationResult:
    """Bring a server database (the hub on PostgreSQL) to head in one transaction.

    A newer schema is refused before anything runs; PostgreSQL's DDL is transactional, so a
    failed upgrade leaves the database as it was. Backups of a server are the operator's job.
    """
    from alembic import command
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        current = None
        if inspect(connection).has_table("alembic_version"):
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        connection.rollback()
        if current is not None and current not in known_revisions():
            raise SchemaTooNewError(
                f"The hub database is at schema {current}, newer than this version of "
                "CFPM Coach knows; it was not changed.")
        if current == head_revision():
            return MigrationResult(current, current, None)
        try:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
        except Exception as exc:
            raise StoreError(f"The hub database could not be upgraded: {exc}") from exc
    log.info("server schema upgraded from %s to %s", current, head_revision())
    return MigrationResult(current, head_revision(), None)
