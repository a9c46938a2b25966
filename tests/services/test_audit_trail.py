"""The audit trail as people see it: who changed what and when, never what was written."""

import dataclasses
from pathlib import Path

from cfpm_coach.services.audit import AuditLine
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView

NOTE = "Mother said the youth sleeps at her aunt's on weekends"
REASON = "Rated the wrong behavior during the visit"


def _all_text(lines: list[AuditLine]) -> str:
    return " ".join(str(dataclasses.asdict(line)) for line in lines)


def _rate_finalize_amend(ws: Workspace, draft: ObservationDetail) -> None:
    obs = ws.observations
    for item in draft.instrument.items:
        obs.rate(draft.id, item.id, 3)
    obs.set_evidence(draft.id, "engagement.1", NOTE)
    obs.write_notes(draft.id, strengths=NOTE)
    obs.finalize(draft.id)
    obs.amend(draft.id, REASON)
    obs.rate(draft.id, "engagement.1", 2)


def test_an_observations_trail_names_fields_never_text(
        workspace: Workspace, worker: WorkerView, draft: ObservationDetail) -> None:
    _rate_finalize_amend(workspace, draft)
    other = workspace.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
    workspace.observations.rate(other.id, "engagement.1", 2)

    trail = workspace.audit.observation_trail(draft.id)
    assert trail == sorted(trail, key=lambda line: line.at, reverse=True)
    assert all(line.observation_id == draft.id for line in trail)
    assert other.id not in {line.entity_id for line in trail}
    kinds = {(line.entity, line.action) for line in trail}
    assert {("Observation", "create"), ("Rating", "create"), ("Amendment", "create")} <= kinds
    newest = trail[0]
    assert newest.entity == "Rating" and newest.fields == ["rating"]
    assert newest.what.startswith(draft.instrument.items[0].label)
    assert worker.name in newest.what
    assert newest.who == workspace.profile.coach().name or newest.who.startswith("device ")
    note_lines = [line for line in trail if "evidence note" in line.fields]
    assert note_lines, "setting the evidence note is in the trail"
    text = _all_text(trail)
    assert NOTE not in text and REASON not in text
    assert "strengths" in text  # the field's name is shown


def test_the_stores_trail_pages_and_filters(workspace: Workspace, worker: WorkerView,
                                            draft: ObservationDetail) -> None:
    _rate_finalize_amend(workspace, draft)
    first = workspace.audit.store_trail(limit=10)
    assert len(first.lines) == 10 and first.has_more and first.total > 20
    second = workspace.audit.store_trail(offset=10, limit=10)
    assert not {id(line) for line in first.lines} & {id(line) for line in second.lines}
    assert first.lines[-1].at >= second.lines[0].at
    everything = workspace.audit.store_trail(limit=10_000)
    assert not everything.has_more and len(everything.lines) == everything.total
    workers = workspace.audit.store_trail(entity="worker")
    assert workers.total == 1 and workers.lines[0].what == worker.name
    assert NOTE not in _all_text(everything.lines)


def test_the_trail_travels_in_bundles(workspace: Workspace, worker: WorkerView,
                                      draft: ObservationDetail, tmp_path: Path) -> None:
    _rate_finalize_amend(workspace, draft)
    team_key = tmp_path / "team.key"
    recipient = keys.new_team_identity(team_key)
    result = workspace.exchange.export(tmp_path / "out", recipient, full=True)
    with Workspace.open(tmp_path / "central") as central:
        central.exchange.import_bundle(result.path, team_key,
                                       [workspace.exchange.device_public_key()])
        here = [(ln.at, ln.entity, ln.action, ln.fields) for ln in
                workspace.audit.observation_trail(draft.id)]
        there = [(ln.at, ln.entity, ln.action, ln.fields) for ln in
                 central.audit.observation_trail(draft.id)]
        assert there == here
