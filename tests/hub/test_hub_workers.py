"""`hub serve --workers 2` on one PostgreSQL database: laptops syncing at once, every record
stored exactly once, both processes up."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES
from cfpm_coach.storage.hub_models import HubUpload
from tests.hub.conftest import HubSetup, ServedHub, enroll, free_port

LAPTOPS = 6
ROUNDS = 3


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _workers(pid: int) -> list[int]:
    """Child processes running a server (not multiprocessing's resource tracker)."""
    return [child for child in _children(pid)
            if b"resource_tracker" not in Path(f"/proc/{child}/cmdline").read_bytes()]


def _ids(session_source: Workspace | Hub, table: type) -> list[str]:
    with session_source.store.read() as session:
        return [str(row[0]) for row in session.execute(select(table.id))]  # type: ignore[attr-defined]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_processes_on_postgresql_store_every_laptops_records_exactly_once(
        hub: Hub, hub_setup: HubSetup, tmp_path: Path) -> None:
    server = ServedHub(hub_setup.folder, free_port(), ["--workers", "2"]).start(within=120)
    laptops: list[Workspace] = []
    try:
        assert server.process is not None
        assert len(_workers(server.process.pid)) == 2
        for n in range(LAPTOPS):
            ws = Workspace.open(tmp_path / f"laptop-{n}")
            ws.demo.generate(workers=2, months=1, seed=10 + n)
            enroll(hub, ws, hub_setup, server.url, name=f"Coach {n}")
            laptops.append(ws)
        start = threading.Barrier(LAPTOPS)

        def coach(ws: Workspace) -> int:
            start.wait()
            delivered = 0
            for round_ in range(ROUNDS):
                if round_:
                    draft = ws.observations.start(ws.workers.find()[0].id, "cpm-practice",
                                                  "home_visit", instrument_version=1)
                    ws.observations.rate(draft.id, "engagement.1", 1 + round_ % 3)
                report = ws.sync.sync_now()
                assert report.ok, report
                delivered += len(report.sent)
            return delivered

        with ThreadPoolExecutor(LAPTOPS) as pool:
            delivered = sum(pool.map(coach, laptops))

        assert delivered == LAPTOPS * ROUNDS
        with hub.store.read() as session:
            assert session.execute(select(func.count()).select_from(HubUpload)).scalar() == \
                delivered
        assert [d.bundles for d in hub.devices()] == [ROUNDS] * LAPTOPS
        for table in BUNDLE_TABLES.values():
            at_hub = _ids(hub, table)
            assert len(at_hub) == len(set(at_hub))
            sent = [i for ws in laptops for i in _ids(ws, table)]
            assert sorted(set(sent)) == sorted(at_hub), table.__tablename__
        assert len(_workers(server.process.pid)) == 2  # neither worker died on the way
    finally:
        for ws in laptops:
            ws.close()
        server.stop()
