"""An office's implementation supports, assessed like an observation: started on an office and
its county at a stage, rated on the 3-level scale (or 'could not be assessed'), finalized,
audited; and never counted in any worker's figures."""

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from cfpm_coach.errors import InvalidInputError, NotFoundError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView

OFFICE, COUNTY = "North Valley", "Sample County"


def assess_office(ws: Workspace, *, in_place: int = 3, stage: str = "installation",
                  office: str = OFFICE, county: str = COUNTY) -> ObservationDetail:
    """A finalized assessment: the first `in_place` items In place, one that could not be
    assessed, the rest partly in place."""
    started = ws.observations.start_office(office, county, stage, "cpm-implementation",
                                           "team_meeting")
    for number, item in enumerate(started.instrument.items):
        value = 3 if number < in_place else 0 if number == in_place else 2
        ws.observations.rate(started.id, item.id, value)
    return ws.observations.finalize(started.id)


def rate_practice(ws: Workspace, worker: WorkerView, value: int) -> ObservationDetail:
    """A finalized practice observation with every behavior at one value."""
    draft = ws.observations.start(worker.id, "cpm-practice", "home_visit")
    for item in draft.instrument.items:
        ws.observations.rate(draft.id, item.id, value)
    return ws.observations.finalize(draft.id)


def pdf_lines(path: Path) -> list[str]:
    """The PDF's lines as pdftotext -layout reads them, spaces folded."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [" ".join(line.split()) for line in out.splitlines()]


def pdf_text(path: Path) -> str:
    """The PDF's text, one line, spaces folded."""
    return " ".join(pdf_lines(path))


def test_an_office_is_assessed_rated_finalized_and_audited(workspace: Workspace) -> None:
    done = assess_office(workspace)
    summary = done.summary
    assert summary.worker_id is None and summary.worker_name == f"{OFFICE}, {COUNTY}"
    assert (summary.office, summary.county, summary.implementation_stage) == (
        OFFICE, COUNTY, "installation")
    assert summary.status == "final" and not done.editable
    assert done.scores.no_opportunity == 1  # "could not be assessed" is left out of scores
    assert done.scores.overall.proficient == 3
    trail = workspace.audit.observation_trail(done.id)
    kinds = {(line.entity, line.action) for line in trail}
    assert {("Observation", "create"), ("Rating", "create")} <= kinds
    assert all(f"{OFFICE}, {COUNTY}" in line.what for line in trail)
    created = next(line for line in trail if line.entity == "Observation"
                   and line.action == "create")
    assert {"office", "county", "implementation stage"} <= set(created.fields)


def test_starting_an_office_assessment_refuses_what_is_not_one(workspace: Workspace) -> None:
    obs = workspace.observations
    with pytest.raises(InvalidInputError, match="implementation stage: 'launch'"):
        obs.start_office(OFFICE, COUNTY, "launch", "cpm-implementation", "team_meeting")
    with pytest.raises(InvalidInputError, match="office: is required"):
        obs.start_office("  ", COUNTY, "installation", "cpm-implementation", "team_meeting")
    with pytest.raises(InvalidInputError, match="county"):
        obs.start_office(OFFICE, "", "installation", "cpm-implementation", "team_meeting")
    with pytest.raises(InvalidInputError, match="rates a person, not an office"):
        obs.start_office(OFFICE, COUNTY, "installation", "cpm-practice", "team_meeting")
    assert obs.find() == []


def test_an_office_assessment_changes_no_worker_figure(workspace: Workspace,
                                                       worker: WorkerView) -> None:
    rate_practice(workspace, worker, 2)
    today = date.today()
    period = (today - timedelta(days=30), today + timedelta(days=1))
    before_workers = workspace.workers.find()
    before_unit = workspace.reports.unit_data(OFFICE, *period)
    before_history = workspace.workers.history(worker.id)
    assess_office(workspace)  # the same office and county as the worker's
    assert workspace.workers.find() == before_workers
    assert workspace.workers.offices() == [OFFICE]
    after_unit = workspace.reports.unit_data(OFFICE, *period)
    assert after_unit == before_unit
    assert workspace.workers.history(worker.id).observations == before_history.observations
    assert len(workspace.observations.find()) == 2


def test_where_each_office_stands(workspace: Workspace, worker: WorkerView) -> None:
    leader = workspace.workers.add("Lee Park", role="Supervisor", office=OFFICE, county=COUNTY)
    workspace.workers.add("Sam Ortiz", office="South Bay", county=COUNTY)
    rate_practice(workspace, worker, 3)
    lead = workspace.observations.start(leader.id, "cpm-leadership", "team_meeting")
    for item in lead.instrument.items:
        workspace.observations.rate(lead.id, item.id, 3)
    workspace.observations.finalize(lead.id)
    assess_office(workspace, in_place=1, stage="exploration")
    latest = assess_office(workspace, in_place=4, stage="initial_implementation")

    standings = workspace.offices.standings()
    assert [(o.office, o.county) for o in standings.offices] == [
        (OFFICE, COUNTY), ("South Bay", COUNTY)]
    north, south = standings.offices
    assert north.assessed_at == latest.summary.started_at and north.assessments == 2
    assert north.stage == "initial_implementation"
    supports = {d.id: d for d in north.supports}
    assert list(supports) == [g.id for g in latest.instrument.groups]
    first = latest.instrument.groups[0]
    # Items 0-3 In place, item 4 not assessed: the first domain's share counts only the scored.
    in_first = sum(1 for n, item in enumerate(latest.instrument.items)
                   if item.id.startswith(first.id + ".") and n < 4)
    scored_first = sum(1 for n, item in enumerate(latest.instrument.items)
                       if item.id.startswith(first.id + ".") and n != 4)
    assert supports[first.id].ratings == scored_first
    assert supports[first.id].share == pytest.approx(in_first / scored_first)
    assert north.leaders == 1 and all(d.share == 1.0 for d in north.leadership if d.ratings)
    assert [m.share for m in north.practice] == [1.0] and north.workers == 2
    assert standings.supports_level == "In place"
    # An office with no assessment says so: no date, no stage, no profile.
    assert (south.assessed_at, south.stage, south.supports, south.assessments) == (
        None, None, [], 0)


def test_the_office_pdf_prints_supports_stage_leadership_and_practice(
        workspace: Workspace, worker: WorkerView, tmp_path: Path) -> None:
    rate_practice(workspace, worker, 3)
    assess_office(workspace, in_place=2, stage="full_implementation")
    workspace.workers.add("Sam Ortiz", office="South Bay", county=COUNTY)
    printed = workspace.offices.pdf(OFFICE, COUNTY, tmp_path / "north.pdf", deterministic=True)
    text = pdf_text(printed)
    assert "Where the office stands" in text and f"Office {OFFICE}" in text
    assert "Full implementation" in text
    assert "Implementation supports (share" in text and "In place)" in text
    # Readiness: two In place, one not assessed (left out), one partly: 2 of 3. The domain's
    # label wraps; its share is on its first line.
    assert any(line.startswith("Organizational 67%") for line in pdf_lines(printed))
    assert "No leadership" in text
    assert "South Bay" not in text  # one office only
    nothing = workspace.offices.pdf("South Bay", COUNTY, tmp_path / "south.pdf",
                         deterministic=True)
    south = pdf_text(nothing)
    assert "Not assessed yet" in south and "No implementation-supports" in south
    with pytest.raises(NotFoundError, match="No office 'Atlantis'"):
        workspace.offices.pdf("Atlantis", COUNTY, tmp_path / "none.pdf")
    assert not (tmp_path / "none.pdf").exists()
