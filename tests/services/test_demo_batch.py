"""The sample data written in batches equals what the services write one call at a time (issue 16,
problem 11): same records, values, statuses, revisions, audit entries and change numbers, and they
export, sync and import like records a coach wrote."""

import sqlite3
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services import demo
from cfpm_coach.services.demo_writers import BatchWriter, ServiceWriter
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys

SIZE = {"workers": 12, "months": 4, "seed": 3}
SYNCED = ("worker", "observation", "rating", "goal", "observation_amendment")


def _rows(ws: Workspace, table: str) -> list[dict[str, Any]]:
    assert ws.store.path is not None
    with sqlite3.connect(ws.store.path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table}")]


def _scalar(ws: Workspace, sql: str) -> Any:
    assert ws.store.path is not None
    with sqlite3.connect(ws.store.path) as conn:
        return conn.execute(sql).fetchone()[0]


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _picture(ws: Workspace) -> dict[str, Any]:
    """Every demo record by a key that does not depend on random ids or the hour it was run."""
    device = ws.author.device_id.hex
    audit: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for entry in _rows(ws, "audit_log"):
        assert entry["device_id"] == device
        audit[entry["entity_id"]].append((entry["action"], entry["fields"], entry["revision"]))
    workers = {w["id"]: w for w in _rows(ws, "worker")}
    observations = {o["id"]: o for o in _rows(ws, "observation")}
    anchor = max(_time(o["started_at"]) for o in observations.values())

    def common(row: dict[str, Any]) -> tuple[Any, ...]:
        assert row["device_id"] == device and row["deleted_at"] is None
        assert _time(row["created_at"]) <= _time(row["updated_at"])
        return row["revision"], tuple(sorted(audit[row["id"]], key=lambda a: a[2]))

    def when(obs: dict[str, Any]) -> timedelta:
        return _time(obs["started_at"]) - anchor

    picture: dict[str, Any] = {
        "worker": {w["name"]: (w["role"], w["office"], w["unit"], w["county"], w["active"],
                               *common(w)) for w in workers.values()},
        "observation": {
            (workers[o["worker_id"]]["name"], when(o)): (
                o["instrument_id"], o["instrument_version"], o["instrument_hash"], o["setting"],
                o["status"], o["finalized_at"] is not None,
                o["ended_at"] and _time(o["ended_at"]) - _time(o["started_at"]),
                o["strengths"], o["growth_areas"], o["next_steps"], o["case_reference"],
                o["co_observer"], o["pair_code"], *common(o))
            for o in observations.values()},
        "rating": {
            (workers[observations[r["observation_id"]]["worker_id"]]["name"],
             when(observations[r["observation_id"]]), r["behavior_id"]):
                (r["value"], r["note"], *common(r))
            for r in _rows(ws, "rating")},
        "goal": {(workers[g["worker_id"]]["name"], g["text"]):
                 (g["behavior_ids"], g["status"], g["observation_id"], *common(g))
                 for g in _rows(ws, "goal")},
        "counts": {table: _scalar(ws, f"SELECT count(*) FROM {table}")
                   for table in (*SYNCED, "audit_log")},
        # One change number per service call, as if each had committed on its own.
        "change numbers": {table: Counter(r["local_seq"] for r in _rows(ws, table))
                           for table in SYNCED},
        "counter": _scalar(ws, "SELECT value FROM change_counter"),
    }
    return picture


@pytest.fixture
def by_calls(tmp_path: Path) -> Any:
    with Workspace.open(tmp_path / "by-calls") as ws:
        result = ws.demo.generate_by_calls(**SIZE)
        yield ws, result


def test_the_batch_writes_what_the_services_write_one_call_at_a_time(
        workspace: Workspace, by_calls: Any) -> None:
    reference, reference_result = by_calls
    told: list[tuple[int, int]] = []
    result = workspace.demo.generate(**SIZE, progress=lambda done, total: told.append((done, total)))
    assert result == reference_result
    assert result.drafts >= 1 and result.goals > result.workers
    assert told == [(n, SIZE["workers"]) for n in range(SIZE["workers"] + 1)]
    mine, theirs = _picture(workspace), _picture(reference)
    for part in theirs:
        assert mine[part] == theirs[part], part
    statuses = Counter(values[4] for values in mine["observation"].values())
    assert statuses == {"final": result.observations - result.drafts, "draft": result.drafts}
    assert mine["counts"]["rating"] > 20 * (result.observations - result.drafts)
    assert workspace.maintenance.check().ok


def test_its_records_export_sync_and_import_like_real_ones(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    result = workspace.demo.generate(**SIZE)
    identity = tmp_path / "team.key"
    recipient = keys.new_team_identity(identity)
    # Not a full export: what sync sends, by the change counter, takes every demo record.
    sent = workspace.exchange.export(tmp_path / "out", recipient)
    assert sent.counts["observation"] == result.observations
    assert sent.counts["rating"] == _scalar(workspace, "SELECT count(*) FROM rating")
    assert sent.counts["goal"] == result.goals and sent.counts["worker"] == result.workers
    with Workspace.open(tmp_path / "central") as central:
        receipt = central.exchange.import_bundle(sent.path, identity,
                                                 [workspace.exchange.device_public_key()])
        assert receipt.tables["rating"]["inserted"] == sent.counts["rating"]
        for table in ("worker", "observation", "rating", "goal"):
            mine = {(r["id"], r["revision"], r["updated_at"]) for r in _rows(workspace, table)}
            theirs = {(r["id"], r["revision"], r["updated_at"]) for r in _rows(central, table)}
            assert mine == theirs, table
        drafts = central.observations.drafts()
        assert len(drafts) == result.drafts
        assert central.maintenance.check().ok
        worker = central.workers.find()[0]
        history = central.workers.history(worker.id)
        assert history.observations and history.goals


def _service_writer(ws: Workspace) -> ServiceWriter:
    return ServiceWriter(ws.workers, ws.observations, ws.goals)


def _batch_writer(ws: Workspace) -> BatchWriter:
    return BatchWriter(ws.store, ws.author, ws.goals)


def test_the_batch_refuses_what_the_services_refuse(workspace: Workspace) -> None:
    writer = _batch_writer(workspace)
    practice = workspace.catalog.get("cpm-practice")
    with pytest.raises(InvalidInputError, match="name"), writer.unit():
        writer.add_worker("  ", role="", office="", unit="", county="")
    with pytest.raises(InvalidInputError, match="not a value of the scale"), writer.unit():
        worker = writer.add_worker("Ana Reyes", role="", office="", unit="", county="")
        writer.observe(worker, practice, demo.Setting.HOME_VISIT,
                       datetime.now().astimezone(), {practice.items[0].id: (7, None)})
    # Nothing of a refused unit was written.
    assert workspace.workers.find() == []
    assert _scalar(workspace, "SELECT count(*) FROM audit_log WHERE entity = 'worker'") == 0


@pytest.mark.parametrize("name", ["", "   ", "Ana\x00Reyes", "Ana\ud800", "Ana\nReyes", "A" * 121])
def test_the_batch_refuses_a_bad_name_with_the_services_own_message(
        workspace: Workspace, name: str) -> None:
    with pytest.raises(InvalidInputError) as by_service:
        _service_writer(workspace).add_worker(name, role="", office="", unit="", county="")
    writer = _batch_writer(workspace)
    with pytest.raises(InvalidInputError) as by_batch, writer.unit():
        writer.add_worker(name, role="", office="", unit="", county="")
    assert str(by_batch.value) == str(by_service.value)
    assert workspace.workers.find() == []


@pytest.mark.parametrize("note", ["\x00", "x\udfff", "n" * 4_001])
def test_the_batch_refuses_a_bad_evidence_note_as_rate_many_does(workspace: Workspace,
                                                                 note: str) -> None:
    practice = workspace.catalog.get("cpm-practice")
    ratings = {practice.items[0].id: (2, note)}
    started = datetime.now().astimezone()
    worker = workspace.workers.add("Ana Reyes")
    with pytest.raises(InvalidInputError) as by_service:
        _service_writer(workspace).observe(worker.id, practice, demo.Setting.HOME_VISIT, started,
                                           ratings)
    writer = _batch_writer(workspace)
    with pytest.raises(InvalidInputError) as by_batch, writer.unit():
        batch_worker = writer.add_worker("Marcus Johnson", role="", office="", unit="",
                                         county="")
        writer.observe(batch_worker, practice, demo.Setting.HOME_VISIT, started, ratings)
    assert str(by_batch.value) == str(by_service.value)
    assert [w.name for w in workspace.workers.find()] == ["Ana Reyes"]
    assert _scalar(workspace, "SELECT count(*) FROM rating") == 0
