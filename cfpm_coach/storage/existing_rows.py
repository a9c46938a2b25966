"""The stored rows one merge needs: every table read once per bundle, by id.

A bundle's records and the rows they refer to (a rating's observation, an observation's coach,
an audit entry's record) are looked up together, one query per table: the merge compares the
records with the stored rows, and the ownership check reads the owners from the same rows.
"""

import json
import uuid
from typing import Any

from sqlalchemy import column as sa_column
from sqlalchemy import select, text
from sqlmodel import Session

LOCAL_ONLY = frozenset({"local_seq"})


def columns(table: type[Any]) -> list[str]:
    """The columns a bundle carries for a table (everything but device-local bookkeeping)."""
    return [c.name for c in table.__table__.columns if c.name not in LOCAL_ONLY]


def id_filters(session: Session, column: Any, ids: list[uuid.UUID]) -> list[Any]:
    """WHERE clauses that together select the rows with these ids.

    SQLite gets the ids as one JSON array (json_each): compiling an IN list of 200k bound
    parameters cost more than the lookup itself. Elsewhere the list is cut to what every driver
    takes as bound parameters (PostgreSQL: 65535).
    """
    if session.get_bind().dialect.name == "sqlite":
        listed = text("SELECT value FROM json_each(:ids)").bindparams(
            ids=json.dumps([value.hex for value in ids])).columns(sa_column("value"))
        return [column.in_(listed)]
    return [column.in_(ids[start : start + 20_000]) for start in range(0, len(ids), 20_000)]


def stored_rows(session: Session, table: type[Any], ids: list[uuid.UUID]
                ) -> dict[uuid.UUID, dict[str, Any]]:
    """The stored rows with these ids, as column -> value (ids not stored are left out)."""
    if not ids:
        return {}
    sa_table = table.__table__
    names = columns(table)
    query = select(*[sa_table.c[n] for n in names])
    return {row[0]: dict(zip(names, row, strict=True))
            for among in id_filters(session, sa_table.c.id, ids)
            for row in session.execute(query.where(among))}


class ExistingRows:
    """Stored rows by table and id, each id read from the database at most once per merge."""

    def __init__(self, session: Session, tables: dict[str, type[Any]]) -> None:
        self._session, self._tables = session, tables
        self._rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = {name: {} for name in tables}
        self._read: dict[str, set[uuid.UUID]] = {name: set() for name in tables}

    def read(self, wanted: dict[str, set[uuid.UUID]]) -> None:
        """Read the rows of every id wanted that was not read yet: one query per table."""
        for name, ids in wanted.items():
            fresh = sorted(ids - self._read[name])
            if fresh:
                self._rows[name].update(stored_rows(self._session, self._tables[name], fresh))
                self._read[name].update(fresh)

    def rows(self, name: str) -> dict[uuid.UUID, dict[str, Any]]:
        """Every stored row of a table read so far, by id."""
        return self._rows[name]

    def owners(self, name: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """The device owning each of these stored rows (rows not stored are left out)."""
        self.read({name: set(ids)})
        rows = self._rows[name]
        return {i: rows[i]["device_id"] for i in ids if i in rows}
