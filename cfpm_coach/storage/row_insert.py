"""Many rows inserted at once: converted once to what the driver takes and sent through the
driver's own executemany (SQLite and PostgreSQL)."""

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Uuid
from sqlmodel import Session

from cfpm_coach.storage.types import UTCDateTime

_NO_OFFSET = timedelta(0)
# Rows converted and sent per executemany: the stored form of a whole large bundle at once held
# as much memory again as its records (~40 MB for the hostile 2 MB bundle's 83k rows).
BATCH_ROWS = 5000
# From this many rows a PostgreSQL batch goes as column arrays (see _driver_insert).
ARRAYS_FROM_ROWS = 16
Builder = Callable[[dict[str, Any]], tuple[Any, ...]]


def _time_stored(value: datetime) -> str:
    """A time as SQLAlchemy's SQLite type (UTCDateTime) stores it: naive UTC, microseconds."""
    if value.tzinfo is UTC or value.utcoffset() == _NO_OFFSET:  # records arrive in UTC
        return value.isoformat(" ", "microseconds")[:26]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class _Memo(dict[Any, str]):
    """Stored forms by value, each made once (a dict's own lookup on a repeat)."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, value: Any) -> str:
        made = self[value] = self._make(value)
        return made


def _uuid_text(number: int) -> str:
    """A UUID's int as SQLAlchemy's SQLite Uuid type stores it: 32 hex digits."""
    return number.to_bytes(16, "big").hex()


@dataclass(frozen=True)
class _Stored:
    """How one column's values become what the driver is given.

    expression: Python code of the stored form of the value `{v}`, or "" when the value goes
    as it is; memo: the value's form is remembered per batch, keyed by `memo_key` of `{v}` (for the
    columns whose values repeat: a record's created_at and updated_at, an audit entry's time,
    the device, a rating's observation).
    """

    expression: str
    env: dict[str, Any]
    memo: Callable[[Any], str] | None = None
    memo_key: str = "{v}"


_AS_IS = _Stored("", {})


def _sqlite_stored(column: Any) -> _Stored:
    """How a column's values are stored by SQLAlchemy's SQLite types.

    Times (~1.5 us to format each) and ids other than the row's own are formatted once per
    distinct value in a batch; the row's own id is new every row, so it is formatted directly
    from its int (uuid.UUID.hex formats it with '%032x' behind a Python property, several times slower).
    """
    if isinstance(column.type, Uuid):
        if column.name == "id":
            return _Stored("{v}.int.to_bytes(16, 'big').hex()", {})
        return _Stored("", {}, _uuid_text, "{v}.int")
    if isinstance(column.type, UTCDateTime):
        return _Stored("", {}, _time_stored)
    if isinstance(column.type, Boolean):
        return _Stored("int({v})", {})
    if isinstance(column.type, Date):
        return _Stored("day_text({v})", {"day_text": date.isoformat})
    if isinstance(column.type, JSON):
        return _Stored("dumps({v})", {"dumps": json.dumps})
    return _AS_IS


def _postgresql_stored(column: Any) -> _Stored:
    """How psycopg is given a column's values (as they are: it adapts UUIDs, aware datetimes,
    dates and booleans itself; JSON goes as its text, cast by the statement)."""
    return _Stored("dumps({v})", {"dumps": json.dumps}) if isinstance(column.type, JSON) else _AS_IS


def _row_builder(table_columns: list[Any], stored: Callable[[Any], _Stored]
                 ) -> Callable[[], Builder]:
    """A maker of functions turning a record into the stored values of these columns, in
    order; each function made has its own memos (one per batch bounds what they hold).

    Generated (as collections.namedtuple does): a per-value loop with a converter lookup cost
    more than SQLite's own insert work on a 250k-rating bundle.
    """
    parts, env, memos = [], {}, []
    for index, column in enumerate(table_columns):
        key = repr(column.name)
        form = stored(column)
        env.update(form.env)
        if form.memo is not None:
            name = f"m{index}"
            memos.append((name, form.memo))
            key_code = form.memo_key.format(v=f"v{index}")
            parts.append(f"(None if (v{index} := r[{key}]) is None else {name}[{key_code}])")
        elif form.expression:
            code = form.expression.format(v=f"v{index}")
            parts.append(f"(None if (v{index} := r[{key}]) is None else {code})")
        else:
            parts.append(f"r[{key}]")
    listed = ", ".join(name for name, _make in memos)
    make_builder = eval(f"lambda {listed}: lambda r: ({', '.join(parts)},)", env)
    return lambda: make_builder(*(_Memo(make) for _name, make in memos))


@dataclass(frozen=True)
class _Insert:
    """How one table's rows reach the driver: the statements and the row builder."""

    each: str  # one row per execution (SQLite's and psycopg's executemany)
    arrays: str | None  # PostgreSQL: every row at once, one array per column (unnest)
    builder: Callable[[], Builder]  # a new row builder (with empty memos) per batch


@functools.lru_cache(maxsize=256)
def _driver_insert(sa_table: Any, names: frozenset[str], dialect: str) -> _Insert:
    """The INSERT statements in the driver's own parameter style and the row builder for these
    columns of a table, made once per process: generating the builder cost ~1 ms per table per
    bundle, more than a small bundle's inserts.

    On PostgreSQL a batch of many rows is inserted from unnest() of one array per column: one
    execution where executemany executed the statement once per row. A few rows go by
    executemany: parsing a dozen arrays cost the server more than three executions
    (pg_stat_statements, 100 laptops uploading 1-3 observations each).
    """
    table_columns = [c for c in sa_table.columns if c.name in names]
    listed = ", ".join(c.name for c in table_columns)
    if dialect == "sqlite":
        marks = ", ".join(["?"] * len(table_columns))
        return _Insert(f"INSERT INTO {sa_table.name} ({listed}) VALUES ({marks})", None,
                       _row_builder(table_columns, _sqlite_stored))
    from sqlalchemy.dialects import postgresql

    pg = postgresql.dialect()
    # JSON travels as its text and is cast back (an array of psycopg's Json is no json[]).
    is_json = [isinstance(c.type, JSON) for c in table_columns]
    marks = ", ".join("%s::json" if json_column else "%s" for json_column in is_json)
    types = ["text" if json_column else c.type.compile(dialect=pg)
             for c, json_column in zip(table_columns, is_json, strict=True)]
    arrays = ", ".join(f"%s::{name}[]" for name in types)
    picked = ", ".join(f"u{i}::json" if json_column else f"u{i}"
                       for i, json_column in enumerate(is_json))
    aliases = ", ".join(f"u{i}" for i in range(len(table_columns)))
    return _Insert(f"INSERT INTO {sa_table.name} ({listed}) VALUES ({marks})",
                   f"INSERT INTO {sa_table.name} ({listed}) SELECT {picked} "
                   f"FROM unnest({arrays}) AS given({aliases})",
                   _row_builder(table_columns, _postgresql_stored))


def _executions(insert: _Insert, rows: list[dict[str, Any]], suffix: str = ""
                ) -> Iterator[tuple[str, list[tuple[Any, ...]] | tuple[Any, ...]]]:
    """Each statement to send and its parameters, batch by batch: rows for executemany, or
    one row of column arrays for unnest."""
    for start in range(0, len(rows), BATCH_ROWS):
        build = insert.builder()
        built = [build(row) for row in rows[start:start + BATCH_ROWS]]
        if insert.arrays is None or len(built) < ARRAYS_FROM_ROWS:
            yield insert.each + suffix, built
        else:
            yield insert.arrays + suffix, tuple(list(c) for c in zip(*built, strict=True))


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
    psycopg parsed it anew each time and never prepared it; fixed statements are prepared
    once per connection instead.
    """
    if not rows:
        return
    insert = _driver_insert(sa_table, frozenset(rows[0]), _dialect(session))
    connection = session.connection()
    for statement, parameters in _executions(insert, rows):
        connection.exec_driver_sql(statement, parameters)


def insert_new(session: Session, sa_table: Any, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose id is not stored yet (each with the same keys); how many were.

    One statement (ON CONFLICT (id) DO NOTHING) instead of reading the stored ids first: only a
    clash on the id is skipped, every other constraint still refuses the row.
    """
    if not rows:
        return 0
    # Both drivers give the rows inserted by every execution, summed, as rowcount.
    insert = _driver_insert(sa_table, frozenset(rows[0]), _dialect(session))
    connection, inserted = session.connection(), 0
    for statement, parameters in _executions(insert, rows, " ON CONFLICT (id) DO NOTHING"):
        inserted += int(connection.exec_driver_sql(statement, parameters).rowcount)
    return inserted
