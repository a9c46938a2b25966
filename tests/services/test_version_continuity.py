"""A worker rated on cpm-practice v1 and then v2: one trend where the crosswalk maps,
"not comparable" where it does not; v1 observations still open, score, trend and print;
the casework component travels with the observation."""

import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cfpm_coach.domain.trends import monthly_trend
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.hub import fidelity
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView

V2_SOURCE = "Paraphrased from public CPM descriptions, not the official practice profile."


def _observe(ws: Workspace, worker: WorkerView, days_ago: int, version: int,
             values: dict[str, int], default: int = 3, casework: str | None = None) -> object:
    instrument = ws.catalog.get("cpm-practice", version)
    obs = ws.observations.start(worker.id, "cpm-practice", "home_visit",
                                started_at=datetime.now(UTC) - timedelta(days=days_ago),
                                instrument_version=version, casework_component=casework)
    ws.observations.rate_many(obs.id, {i.id: (values.get(i.id, default), None)
                                       for i in instrument.items})
    return ws.observations.finalize(obs.id)


def _pdf_text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())


@pytest.fixture
def mixed(workspace: Workspace, worker: WorkerView) -> WorkerView:
    """Two v1 observations (about 3 and 2 months ago), then two on v2 (a month ago, today)."""
    # 32 days apart: four different calendar months whatever today is.
    _observe(workspace, worker, 97, 1, {"engagement.1": 1, "engagement.2": 1})
    _observe(workspace, worker, 65, 1, {"engagement.1": 2})
    _observe(workspace, worker, 33, 2, {"engage.1": 1, "foundation.1": 1})
    _observe(workspace, worker, 1, 2, {"foundation.1": 2}, casework="assessment")
    return worker


def test_one_trend_runs_across_the_versions_where_the_crosswalk_maps(
        workspace: Workspace, mixed: WorkerView) -> None:
    practice = workspace.practice_instrument()
    assert practice is not None and practice.version == 2
    history = workspace.workers.history(mixed.id)
    trend = monthly_trend(practice, history.observations)
    assert len(trend.months) == 4 and trend.observations == [1, 1, 1, 1]
    # Engagement: v1's engagement.1/.3/.4 and monitoring.2 carried into engage.1/.2/.3/.5.
    assert trend.series["engage"] == [pytest.approx(3 / 4), pytest.approx(3 / 4),
                                      pytest.approx(4 / 5), 1.0]
    assert all(share is not None for share in trend.series["inquiry"])
    # Foundation: only "open and honest" continues a v1 behavior (engagement.2).
    assert trend.series["foundation"][:2] == [0.0, 1.0]
    assert not trend.not_comparable
    assert trend.series["foundation"][2:] == [pytest.approx(3 / 4), pytest.approx(3 / 4)]


def test_an_element_with_no_v1_counterpart_is_reported_not_comparable(
        workspace: Workspace, worker: WorkerView) -> None:
    """A v2 behavior new in v2 is neither a rating nor a gap in v1 months: not comparable."""
    _observe(workspace, worker, 65, 1, {})
    _observe(workspace, worker, 33, 1, {})
    _observe(workspace, worker, 1, 2, {"engage.4": 1, "accountability.4": 1})
    history = workspace.workers.history(worker.id)
    focus = {f.behavior_id: f for f in history.focus}
    assert set(focus) == {"engage.4", "accountability.4"}
    evidence = focus["engage.4"].evidence
    assert [e.comparable for e in evidence] == [True, False, False]
    assert [e.value for e in evidence] == [1, None, None]
    # Never "not seen lately" for behaviors the earlier version lacked.
    assert all(f.reason == "lowest" for f in history.focus)

    start, end = date.today() - timedelta(days=120), date.today()
    report = workspace.reports.worker_data(worker.id, start, end)
    months = report.months
    assert ("foundation.1", months[0]) in report.not_comparable
    assert ("foundation.2", months[0]) not in report.not_comparable
    assert ("foundation.1", months[-1]) not in report.not_comparable


def test_goals_set_on_v1_behaviors_follow_the_v2_behaviors_that_continue_them(
        workspace: Workspace, mixed: WorkerView) -> None:
    workspace.goals.add(mixed.id, "Explain the process plainly", ["engagement.1"])
    history = workspace.workers.history(mixed.id)
    # Newest first: v2 today (engage.1 = 3), v2 a month ago (1), then v1 (2, 1).
    assert history.recent_ratings["engagement.1"] == [3, 1, 2, 1]
    assert history.recent_ratings["engage.1"] == [3, 1, 2, 1]
    assert history.behavior_labels["engagement.1"] == \
        workspace.catalog.get("cpm-practice", 1).item("engagement.1").label


def test_the_worker_list_reads_a_latest_v1_observation_in_v2_elements(
        workspace: Workspace, worker: WorkerView) -> None:
    _observe(workspace, worker, 5, 1, {"engagement.1": 1}, default=3)
    listed = workspace.workers.get(worker.id).element_scores
    assert listed["engage"] == pytest.approx(3 / 4)
    assert listed["teaming"] == 1.0
    assert listed["foundation"] == 1.0  # only engagement.2, rated 3


def test_v1_observations_still_open_score_and_print(workspace: Workspace, mixed: WorkerView,
                                                    tmp_path: Path) -> None:
    v1 = workspace.catalog.get("cpm-practice", 1)
    [oldest] = [o for o in workspace.observations.find(worker_id=mixed.id)
                if o.instrument_version == 1 and o.group_scores["engagement"].observed == 5
                and o.group_scores["engagement"].proficient == 3]
    detail = workspace.observations.get(oldest.id)
    assert detail.instrument.key == ("cpm-practice", 1)
    assert detail.scores.overall.observed == 22
    assert detail.scores.by_group["engagement"].share_proficient == pytest.approx(3 / 5)
    record = _pdf_text(workspace.reports.observation_pdf(oldest.id, tmp_path / "v1.pdf"))
    for group in v1.groups:
        assert group.label in record
    assert "paraphrase of public Core Practice Model material" in record  # v1's own source

    newest = workspace.observations.find(worker_id=mixed.id)[0]
    assert newest.instrument_version == 2 and newest.casework_component == "assessment"
    record = _pdf_text(workspace.reports.observation_pdf(newest.id, tmp_path / "v2.pdf"))
    assert "Casework component Assessment" in record
    assert V2_SOURCE in record and "version 2" in record

    summary = _pdf_text(workspace.reports.worker_pdf(
        mixed.id, date.today() - timedelta(days=120), date.today(), tmp_path / "w.pdf"))
    assert "4 finished" in summary and "Casework component Assessment 1" in summary
    assert V2_SOURCE in summary


def test_the_hubs_fidelity_counts_v1_ratings_where_the_crosswalk_maps(
        workspace: Workspace) -> None:
    practice = workspace.catalog.get("cpm-practice")
    v1_ratings = {"engagement.1": 3, "engagement.3": 1, "transition.2": 3, "transition.3": 2}
    earlier = {("obs", 1, "North", "Sample", "2026-01"): v1_ratings}
    carried = fidelity.carried_tallies(workspace.catalog, practice, earlier)
    table = fidelity.aggregate(practice, carried.tallies, {("North", "Sample", "2026-01"): 1},
                               ["element"], not_comparable=carried.not_comparable)
    rows = {row.key: row for row in table.rows}
    assert (rows[("engage",)].observed, rows[("engage",)].proficient) == (2, 1)
    assert (rows[("advocacy",)].observed, rows[("advocacy",)].proficient) == (1, 0)
    assert set(carried.not_comparable) == {"engage.4", "accountability.4", "foundation.1",
                                           "foundation.3", "foundation.4"}
    assert table.as_dict()["not_comparable"] == list(carried.not_comparable)


def test_a_casework_component_is_optional_and_checked(workspace: Workspace,
                                                      worker: WorkerView) -> None:
    plain = workspace.observations.start(worker.id, "cpm-practice", "home_visit")
    assert plain.summary.casework_component is None
    assert plain.instrument.version == 2  # new observations use the newest version
    chosen = workspace.observations.start(worker.id, "cpm-practice", "cft_meeting",
                                          casework_component="transition")
    assert chosen.summary.casework_component == "transition"
    with pytest.raises(InvalidInputError, match="casework component: 'intake' is not one of"):
        workspace.observations.start(worker.id, "cpm-practice", "home_visit",
                                     casework_component="intake")


def test_workers_on_v1_each_list_their_own_bars(workspace: Workspace) -> None:
    # The list computes each element once per distinct set of source ratings: two workers who
    # differ in one rating must not share a bar, two who agree must show the same.
    from cfpm_coach.domain.scoring import score_values

    patterns = [{}, {"engagement.1": 1}, {"engagement.1": 1}, {"transition.2": 0, "transition.3": 1},
                {"transition.3": 2, "assessment.4": 0, "engagement.2": 1}]
    workers = [workspace.workers.add(f"Patterned {n}") for n in range(len(patterns))]
    for worker, values in zip(workers, patterns, strict=True):
        _observe(workspace, worker, 3, 1, values, default=3)
    v1, v2 = workspace.catalog.get("cpm-practice", 1), workspace.catalog.get("cpm-practice", 2)
    listed = {w.id: w.element_scores for w in workspace.workers.find()}
    for worker, values in zip(workers, patterns, strict=True):
        ratings = {i.id: values.get(i.id, 3) for i in v1.items}
        carried = workspace.catalog.carried("cpm-practice", 1, ratings, v2) or {}
        expected = {g.id: score_values((carried.get(i.id) for i in g.items),
                                       v2.scale).share_proficient for g in v2.groups}
        assert listed[worker.id] == expected
    assert listed[workers[0].id] != listed[workers[1].id] != listed[workers[3].id]
    assert listed[workers[1].id] == listed[workers[2].id]
