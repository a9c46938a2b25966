"""Many rows inserted at once: on SQLite converted once to their stored form and sent through the
driver's executemany, elsewhere through SQLAlchemy's executemany in batches."""

import functools
import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Uuid, insert
from sqlalchemy.dialects import postgresql
from sqlmodel import Session

from cfpm_coach.storage.types import UTCDateTime

_NO_OFFSET = timedelta(0)
Builder = Callable[[dict[str, Any]], tuple[Any, ...]]


def _uuid_stored(value: uuid.UUID) -> str:
    return value.hex


def _time_stored(value: datetime) -> str:
    if value.utcoffset() == _NO_OFFSET:  # bundles carry UTC: skip the conversion
        return value.isoformat(" ", "microseconds")[:26]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _converter(column: Any) -> Callable[[Any], Any] | None:
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


def _row_builder(table_columns: list[Any]) -> Builder:
    """A function turning a record into the stored values of these columns, in order.

    Generated (as collections.namedtuple does): a per-value loop with a converter lookup cost
    more than SQLite's own insert work on a 250k-rating bundle.
    """
    parts, env = [], {}
    for index, column in enumerate(table_columns):
        key = repr(column.name)
        convert = _converter(column)
        if convert is None:
            parts.append(f"r[{key}]")
        else:
            env[f"c{index}"] = convert
            parts.append(f"(None if r[{key}] is None else c{index}(r[{key}]))")
    return eval(f"lambda r: ({', '.join(parts)},)", env)


@functools.lru_cache(maxsize=128)
def _sqlite_insert(sa_table: Any, names: frozenset[str]) -> tuple[str, Builder]:
    """The INSERT statement and row builder for these columns of a table, made once per process:
    generating the builder cost ~1 ms per table per bundle, more than a small bundle's inserts."""
    table_columns = [c for c in sa_table.columns if c.name in names]
    listed = ", ".join(c.name for c in table_columns)
    marks = ", ".join("?" * len(table_columns))
    return (f"INSERT INTO {sa_table.name} ({listed}) VALUES ({marks})",
            _row_builder(table_columns))


def insert_many(session: Session, sa_table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows (each with the same keys); on SQLite straight through the driver's
    executemany.

    SQLAlchemy's per-value bind processing cost more than SQLite's own work for a 250k-rating
    import; the values are converted once here to exactly the stored form instead.
    """
    if not rows:
        return
    if session.get_bind().dialect.name != "sqlite":
        for start in range(0, len(rows), 2000):
            session.execute(insert(sa_table), rows[start : start + 2000])
        return
    statement, build = _sqlite_insert(sa_table, frozenset(rows[0]))
    session.connection().exec_driver_sql(statement, [build(row) for row in rows])


def insert_new(session: Session, sa_table: Any, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose id is not stored yet (each with the same keys); how many were.

    One statement (ON CONFLICT (id) DO NOTHING) instead of reading the stored ids first: only a
    clash on the id is skipped, every other constraint still refuses the row.
    """
    if not rows:
        return 0
    if session.get_bind().dialect.name != "sqlite":
        statement = postgresql.insert(sa_table).on_conflict_do_nothing(
            index_elements=[sa_table.c.id]).returning(sa_table.c.id)
        return sum(len(session.execute(statement, rows[start : start + 2000]).all())
                   for start in range(0, len(rows), 2000))
    text, build = _sqlite_insert(sa_table, frozenset(rows[0]))
    result = session.connection().exec_driver_sql(f"{text} ON CONFLICT (id) DO NOTHING",
                                                  [build(row) for row in rows])
    return int(result.rowcount)
