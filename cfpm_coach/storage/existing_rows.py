"""The stored rows one merge needs: every table read once per bundle, by id.

A bundle's records and the rows they refer to (a rating's observation, an observation's coach,
an audit entry's record) are looked up together, one query per table: the merge compares the
records with the stored rows, and the ownership check reads the owners from the same rows.
"""

import functools
import json
import uuid
from datetime import UTC
from typing import Any

from sqlalchemy import column as sa_column
from sqlalchemy import select, text
from sqlmodel import Session

from cfpm_coach.storage.types import UTCDateTime

LOCAL_ONLY = frozenset({"local_seq"})


def columns(table: type[Any]) -> list[str]:
    """The columns a bundle carries for a table (everything but device-local bookkeeping)."""
    return [c.name for c in table.__table__.columns if c.name not in LOCAL_ONLY]


def id_filters(session: Session, column: Any, ids: list[int]) -> list[Any]:
    """WHERE clauses that together select the rows with these ids (given as the UUIDs' ints).

    SQLite gets the ids as one JSON array (json_each): compiling an IN list of 200k bound
    parameters cost more than the lookup itself. Elsewhere the list is cut to what every driver
    takes as bound parameters (PostgreSQL: 65535).
    """
    if session.get_bind().dialect.name == "sqlite":
        listed = text("SELECT value FROM json_each(:ids)").bindparams(
            ids=json.dumps([value.to_bytes(16, "big").hex() for value in ids])).columns(sa_column("value"))
        return [column.in_(listed)]
    return [column.in_([uuid.UUID(int=value) for value in ids[start : start + 20_000]])
            for start in range(0, len(ids), 20_000)]


def stored_rows(session: Session, table: type[Any], ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored rows with these ids (the UUIDs' ints), as column -> value, by the id's int
    (ids not stored are left out)."""
    if not ids:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        return _stored_rows_postgresql(session, table, ids)
    sa_table = table.__table__
    names = columns(table)
    query = select(*[sa_table.c[n] for n in names])
    return {row[0].int: dict(zip(names, row, strict=True))
            for among in id_filters(session, sa_table.c.id, ids)
            for row in session.execute(query.where(among))}


@functools.lru_cache(maxsize=64)
def _postgresql_select(table: type[Any]) -> tuple[str, list[str], list[int]]:
    """The SELECT by an array of ids for a table, its columns, and which of them are times."""
    names = columns(table)
    times = [i for i, n in enumerate(names)
             if isinstance(table.__table__.c[n].type, UTCDateTime)]
    # The ids go as text (32 hex digits, made from their ints) and are cast by the server.
    return (f"SELECT {', '.join(names)} FROM {table.__table__.name} "
            f"WHERE id = ANY(%s::uuid[])", names, times)


def _stored_rows_postgresql(session: Session, table: type[Any], ids: list[int]
                            ) -> dict[int, dict[str, Any]]:
    """stored_rows on PostgreSQL: one fixed statement taking the ids as one array, sent to
    psycopg as is. SQLAlchemy's expanding IN gave every id count its own text, parsed anew
    and never prepared; its result processing cost more than the lookup."""
    return _read_postgresql(session, {"": (table, ids)})[""]


def _read_postgresql(session: Session, wanted: dict[str, tuple[type[Any], list[int]]]
                     ) -> dict[str, dict[int, dict[str, Any]]]:
    """The stored rows of several tables in one round trip: the queries go out together in
    psycopg's pipeline mode and their answers come back together (each was a round trip of its
    own, a wait on a busy server for every table of every upload)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    sent = []
    with driver.pipeline():
        for name, (table, ids) in wanted.items():
            statement, names, times = _postgresql_select(table)  # type: ignore[arg-type]
            cursor = driver.cursor()
            cursor.execute(statement, ([value.to_bytes(16, "big").hex() for value in ids],))
            sent.append((name, cursor, names, times))
    found: dict[str, dict[int, dict[str, Any]]] = {}
    for name, cursor, names, times in sent:
        rows = found[name] = {}
        for row in cursor.fetchall():
            values = list(row)
            for index in times:  # as UTCDateTime returns them: aware, in UTC
                if values[index] is not None:
                    values[index] = values[index].astimezone(UTC)
            rows[values[0].int] = dict(zip(names, values, strict=True))
        cursor.close()
    return found


class ExistingRows:
    """Stored rows by table and id, each id read from the database at most once per merge.

    Ids are the UUIDs' ints: hashing a uuid.UUID runs Python code (its __hash__), and a large
    bundle's ids went through these sets and dicts several times each.
    """

    def __init__(self, session: Session, tables: dict[str, type[Any]]) -> None:
        self._session, self._tables = session, tables
        self._rows: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in tables}
        self._read: dict[str, set[int]] = {name: set() for name in tables}

    def read(self, wanted: dict[str, set[int]]) -> None:
        """Read the rows of every id (a UUID's int) wanted that was not read yet: one query per
        table (on PostgreSQL all of them in one round trip)."""
        # Unsorted: the queries take the ids in any order.
        fresh = {name: list(ids - self._read[name]) for name, ids in wanted.items()}
        fresh = {name: ids for name, ids in fresh.items() if ids}
        if len(fresh) > 1 and self._session.get_bind().dialect.name == "postgresql":
            found = _read_postgresql(self._session, {
                name: (self._tables[name], ids) for name, ids in fresh.items()})
        else:
            found = {name: stored_rows(self._session, self._tables[name], ids)
                     for name, ids in fresh.items()}
        for name, ids in fresh.items():
            self._rows[name].update(found[name])
            self._read[name].update(ids)

    def rows(self, name: str) -> dict[int, dict[str, Any]]:
        """Every stored row of a table read so far, by its id's int."""
        return self._rows[name]

    def owners(self, name: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """The device owning each of these stored rows (rows not stored are left out)."""
        self.read({name: {i.int for i in ids}})
        rows = self._rows[name]
        return {i: rows[i.int]["device_id"] for i in ids if i.int in rows}
