"""Rows inserted through the driver (storage/row_insert.py) read back exactly as the ORM wrote
them, on SQLite and PostgreSQL, whether a batch goes row by row or, on PostgreSQL, as column
arrays through unnest(); a repeated id is skipped and counted, never doubled."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from cfpm_coach.storage import row_insert
from cfpm_coach.storage.models import AuditEntry
from cfpm_coach.storage.store import Store
from tests import throwaway_postgres


@pytest.fixture(scope="module")
def cluster() -> Iterator[throwaway_postgres.Cluster]:
    started = throwaway_postgres.start()
    yield started
    started.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = Store(tmp_path / "hub.sqlite3", tmp_path / "backups")
    else:
        cluster = request.getfixturevalue("cluster")
        opened = Store.at_url(cluster.create_database(), tmp_path / "backups")
    yield opened
    opened.engine.dispose()


def _entries(count: int) -> list[dict[str, Any]]:
    began = datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=UTC)
    return [{"id": uuid.uuid4(), "at": began + timedelta(seconds=n), "device_id": uuid.uuid4(),
             "coach_id": None if n % 3 else uuid.uuid4(), "entity": "rating",
             "entity_id": uuid.uuid4(), "action": "update",
             "fields": [] if n % 2 else ["value", f"note {n}", "quote \" and \\ back"],
             "revision": n + 1} for n in range(count)]


@pytest.mark.parametrize("count", [3, row_insert.ARRAYS_FROM_ROWS + 25])
def test_rows_read_back_as_given_and_repeats_are_skipped(store: Store, count: int) -> None:
    entries = _entries(count)
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    with store.write() as session:
        row_insert.insert_many(session, table, entries[:-1])
    with store.write() as session:
        # The last one is new; the others are stored already and are skipped, not doubled.
        assert row_insert.insert_new(session, table, entries) == 1
    with store.read() as session:
        stored = {row.id: row.model_dump() for row in session.exec(select(AuditEntry))}
    assert stored == {entry["id"]: entry for entry in entries}
