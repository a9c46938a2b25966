"""How many SQL statements the hub spends on one small bundle: a real laptop's bundle of one
finished observation, uploaded to a real hub store (SQLite and PostgreSQL).

Statements are the hub's cost under load (each one a round trip on PostgreSQL, each one
SQLAlchemy's work in Python on both): this keeps the count from creeping back up unnoticed.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, func, select

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.models import Observation, Rating

# Measured: SQLite counts its BEGINs as statements (the token check's read and the write's
# BEGIN IMMEDIATE); psycopg begins a transaction without one. Before the accept path was
# reworked the same upload took 21 (SQLite) and 18 (PostgreSQL); then 15 and 13, until the hub
# stopped keeping the desktop's bundle journal beside its own receipts (13 and 11). On
# PostgreSQL the token is also checked without a transaction and without the pool's ping (two
# round trips), and the stored rows of every table are read in one pipelined round trip that
# goes to psycopg directly (three statements this count no longer sees: 11 before, now 8).
MOST_STATEMENTS = {"sqlite": 13, "postgresql": 8}


@contextmanager
def _counted(hub: Hub) -> Iterator[list[str]]:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(hub.store.engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(hub.store.engine, "before_cursor_execute", seen)


def _one_finished_observation(ws: Workspace, worker_id: object) -> None:
    obs = ws.observations.start(worker_id, "cpm-practice", "home_visit")  # type: ignore[arg-type]
    behaviors = [item.id for item in ws.catalog.get("cpm-practice").items][:4]
    ws.observations.rate_many(obs.id, {b: (2, None) for b in behaviors})
    ws.observations.finalize(obs.id, allow_partial=True)


def _next_bundle(ws: Workspace, recipient: str, folder: Path) -> bytes:
    exported = ws.exchange.export(folder, recipient)
    ws.exchange.acknowledge(exported.bundle_id)
    return exported.path.read_bytes()


def test_a_small_bundle_costs_the_hub_few_statements(hub: Hub, hub_setup: object,
                                                     tmp_path: Path) -> None:
    recipient = hub.recipient
    with Workspace.open(tmp_path / "laptop") as ws:
        ws.profile.update_coach(name="Coach A", office="North", county="Bench County")
        worker = ws.workers.add("Worker A", office="North", county="Bench County")
        token = hub.enroll(ws.exchange.device_public_key(), "Coach A", ws.author.device_id).token
        _one_finished_observation(ws, worker.id)
        first = _next_bundle(ws, recipient, tmp_path / "out")
        _one_finished_observation(ws, worker.id)
        second = _next_bundle(ws, recipient, tmp_path / "out")
    assert hub.receive(token, first).created  # the coach and worker arrive with the first one

    with _counted(hub) as statements:
        delivery = hub.receive(token, second)

    assert delivery.created
    assert delivery.receipt["tables"]["observation"]["inserted"] == 1
    with hub.store.read() as session:
        assert session.execute(select(func.count()).select_from(Observation)).scalar_one() == 2
        assert session.execute(select(func.count()).select_from(Rating)).scalar_one() == 8
    dialect = hub.store.engine.dialect.name
    assert len(statements) <= MOST_STATEMENTS[dialect], "\n".join(
        " ".join(s.split())[:100] for s in statements)
