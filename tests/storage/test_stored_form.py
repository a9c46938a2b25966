"""A merge's fast insert (storage/row_insert.py) stores on SQLite exactly the text SQLAlchemy's own
types store, byte for byte, for every bundle table: times written in any offset, with and without
microseconds, repeated and distinct values, empty values, across batch boundaries."""

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from sqlmodel import select

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import row_insert
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES, columns
from cfpm_coach.storage.models import AuditEntry
from cfpm_coach.storage.store import Store
from cfpm_coach.sync import bundle

TABLES: dict[str, type[Any]] = {**BUNDLE_TABLES, AUDIT_TABLE: AuditEntry}
OFFSETS = [timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8)),
           timezone(timedelta(hours=14)), timezone(timedelta(hours=-12, minutes=-45))]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Every bundle table's records as a bundle reader gives them (from a demo laptop)."""
    folder = tmp_path_factory.mktemp("laptop")
    with Workspace.open(folder / "laptop") as ws:
        ws.demo.generate(workers=3, months=2, seed=5)
        # Every table holds rows: a goal with a due date, a closed and an open amendment.
        worker = ws.workers.find()[0]
        ws.goals.add(worker.id, "Ask who the family wants at the CFT", ["engagement.1"],
                     due_date=date(2027, 2, 28))
        finalized = ws.observations.find(status="final", limit=2)
        for observation in finalized:
            ws.observations.amend(observation.id, "The wrong behavior was rated.")
        ws.observations.finalize(finalized[0].id)
        with ws.store.read() as session:
            plain = {name: [row.model_dump(mode="json", include=set(columns(table)))
                            for row in session.exec(select(table))]
                     for name, table in TABLES.items()}
    # Through the reader's own pass: its types (UUIDs, aware datetimes in UTC, dates, lists).
    readers = bundle.prechecked_readers()
    found: dict[str, list[dict[str, Any]]] = {}
    for name, rows in plain.items():
        times = bundle.time_columns(name)
        found[name] = []
        for row in rows:
            record = readers[name].validate_json(json.dumps(row))
            for column in times:
                if record[column] is not None:
                    record[column] = record[column].astimezone(UTC)
            found[name].append(record)
    assert all(found.values()), {name: len(rows) for name, rows in found.items()}
    return found


def _varied(rows: list[dict[str, Any]], times: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows with their times as other writers may send them: in other offsets (the same
    instant), on a whole second, one microsecond before one, and many on one same instant."""
    varied = []
    for number, row in enumerate(rows):
        row = dict(row)
        for column in times:
            value = row[column]
            if value is None:
                continue
            kind = (number + len(column)) % 6
            if kind == 1:
                row[column] = value.astimezone(OFFSETS[number % len(OFFSETS)])
            elif kind == 2:
                row[column] = value.replace(microsecond=0)
            elif kind == 3:
                row[column] = value.replace(microsecond=999_999).astimezone(OFFSETS[0])
            elif kind == 4:
                row[column] = datetime(2026, 1, 1, 0, 0, 0, tzinfo=OFFSETS[number % 2])
        varied.append(row)
    return varied


def _raw(path: Path, name: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    fast, reference = (Store(tmp_path / f"{n}.sqlite3", tmp_path / "backups")
                       for n in ("fast", "reference"))
    yield fast, reference
    fast.close()
    reference.close()


@pytest.mark.parametrize("batch_rows", [row_insert.BATCH_ROWS, 7])
def test_every_table_stored_byte_for_byte_as_sqlalchemy_stores_it(
        records: dict[str, list[dict[str, Any]]], two_stores: tuple[Store, Store],
        batch_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small batches too: whatever is kept between the rows of one batch must not leak to the next.
    monkeypatch.setattr(row_insert, "BATCH_ROWS", batch_rows)
    fast, reference = two_stores
    for name, table in TABLES.items():
        rows = _varied(records[name], bundle.time_columns(name))
        for row in rows:
            row["local_seq"] = 3
        with fast.write() as session:
            row_insert.insert_many(session, table.__table__, [dict(r) for r in rows])
        with reference.write() as session:
            session.execute(insert(table.__table__), [dict(r) for r in rows])
    assert fast.path is not None and reference.path is not None
    for name in TABLES:
        stored = _raw(fast.path, name)
        assert stored == _raw(reference.path, name), name
        assert len(stored) == len(records[name]), name
