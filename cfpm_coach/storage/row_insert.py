"""Many rows inserted at once: converted once to what the driver takes and sent through the
driver's own executemany (SQLite and PostgreSQL)."""

import functools
import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Uuid
from sqlmodel import Session

from cfpm_coach.storage.types import UTCDateTime

_NO_OFFSET = timedelta(0)
# Rows converted and sent per executemany: the stored form of a whole large bundle at once held
# as much memory again as its records (~40 MB for the hostile 2 MB bundle's 83k rows).
BATCH_ROWS = 5000
Builder = Callable[[dict[str, Any]], tuple[Any, ...]]


def _uuid_stored(value: uuid.UUID) -> str:
    return value.hex


def _time_stored(value: datetime) -> str:
    if value.tzinfo is UTC or value.utcoffset() == _NO_OFFSET:  # records arrive in UTC
        return value.isoformat(" ", "microseconds")[:26]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_converter(column: Any) -> Callable[[Any], Any] | None:
    """How a column's values are stored by SQLAlchemy's SQLite types (None: as they are)."""
    if isinstance(column.type, Uuid):
        return _uuid_stored
    if isinstance(column.type, UTCDateTime):
        return _time_stored
    if isinstance(column.type, Boolean):
        return int
    if isinstance(column.type, Date):
        return date.isoformat
    if isinstance(column.type, JSON):
        return json.dumps
    return None


def _postgresql_converter(column: Any) -> Callable[[Any], Any] | None:
    """How psycopg is given a column's values in an array (None: as they are; it adapts
    UUIDs, aware datetimes, dates and booleans itself; JSON goes as its text)."""
    return json.dumps if isinstance(column.type, JSON) else None


def _row_builder(table_columns: list[Any],
                 converter: Callable[[Any], Callable[[Any], Any] | None]) -> Builder:
    """A function turning a record into the stored values of these columns, in order.

    Generated (as collections.namedtuple does): a per-value loop with a converter lookup cost
    more than SQLite's own insert work on a 250k-rating bundle.
    """
    parts, env = [], {}
    for index, column in enumerate(table_columns):
        key = repr(column.name)
        convert = converter(column)
        if convert is None:
            parts.append(f"r[{key}]")
        else:
            env[f"c{index}"] = convert
            parts.append(f"(None if r[{key}] is None else c{index}(r[{key}]))")
    return eval(f"lambda r: ({', '.join(parts)},)", env)


@functools.lru_cache(maxsize=256)
def _driver_insert(sa_table: Any, names: frozenset[str], dialect: str) -> tuple[str, Builder]:
    """The INSERT statement in the driver's own parameter style and the row builder for these
    columns of a table, made once per process: generating the builder cost ~1 ms per table per
    bundle, more than a small bundle's inserts.

    On PostgreSQL the statement takes one array per column and inserts the rows of
    unnest(...): one execution for any number of rows, where executemany executed the
    statement once per row (a bundle's ~50 ratings were the largest share of the server's CPU
    per upload); the builder gives a row's values and `_parameters` turns rows into arrays.
    """
    table_columns = [c for c in sa_table.columns if c.name in names]
    listed = ", ".join(c.name for c in table_columns)
    if dialect == "sqlite":
        marks = ", ".join(["?"] * len(table_columns))
        return (f"INSERT INTO {sa_table.name} ({listed}) VALUES ({marks})",
                _row_builder(table_columns, _sqlite_converter))
    from sqlalchemy.dialects import postgresql

    pg = postgresql.dialect()
    # JSON travels as text (an array of psycopg's Json wrappers is not a json[]) and is cast
    # back per value.
    types = ["text" if isinstance(c.type, JSON) else c.type.compile(dialect=pg)
             for c in table_columns]
    arrays = ", ".join(f"%s::{name}[]" for name in types)
    picked = ", ".join(f"u{i}::json" if isinstance(c.type, JSON) else f"u{i}"
                       for i, c in enumerate(table_columns))
    aliases = ", ".join(f"u{i}" for i in range(len(table_columns)))
    return (f"INSERT INTO {sa_table.name} ({listed}) SELECT {picked} "
            f"FROM unnest({arrays}) AS given({aliases})",
            _row_builder(table_columns, _postgresql_converter))


def _parameters(dialect: str, build: Builder, rows: list[dict[str, Any]]
                ) -> list[tuple[Any, ...]] | tuple[Any, ...]:
    """What the driver is given: a row of values per record (SQLite's executemany), or one
    row of column arrays (PostgreSQL's unnest, executed once)."""
    built = [build(row) for row in rows]
    if dialect == "sqlite":
        return built
    return tuple(list(column) for column in zip(*built, strict=True))


def _dialect(session: Session) -> str:
    """The store's dialect: SQLite (laptops, small hubs) or PostgreSQL (hubs)."""
    name = session.get_bind().dialect.name
    if name not in ("sqlite", "postgresql"):
        raise ValueError(f"unsupported database dialect {name!r}")
    return name


def insert_many(session: Session, sa_table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows (each with the same keys) straight through the driver's executemany.

    SQLAlchemy's per-value bind processing cost more than SQLite's own work for a 250k-rating
    import; the values are converted once here to exactly the stored form instead. On
    PostgreSQL SQLAlchemy's multi-row INSERT has a different text for every row count, so
    psycopg parsed it anew each time and never prepared it; one fixed statement taking column
    arrays is prepared once per connection and executed once per batch.
    """
    if not rows:
        return
    dialect = _dialect(session)
    statement, build = _driver_insert(sa_table, frozenset(rows[0]), dialect)
    connection = session.connection()
    for start in range(0, len(rows), BATCH_ROWS):
        connection.exec_driver_sql(
            statement, _parameters(dialect, build, rows[start:start + BATCH_ROWS]))


def insert_new(session: Session, sa_table: Any, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose id is not stored yet (each with the same keys); how many were.

    One statement (ON CONFLICT (id) DO NOTHING) instead of reading the stored ids first: only a
    clash on the id is skipped, every other constraint still refuses the row.
    """
    if not rows:
        return 0
    # Both drivers give the rows inserted by every execution, summed, as rowcount.
    dialect = _dialect(session)
    text, build = _driver_insert(sa_table, frozenset(rows[0]), dialect)
    connection, inserted = session.connection(), 0
    for start in range(0, len(rows), BATCH_ROWS):
        result = connection.exec_driver_sql(
            f"{text} ON CONFLICT (id) DO NOTHING",
            _parameters(dialect, build, rows[start:start + BATCH_ROWS]))
        inserted += int(result.rowcount)
    return inserted
