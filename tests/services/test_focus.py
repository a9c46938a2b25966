"""Suggested focus follows its written rules and shows the ratings behind each suggestion."""

from datetime import UTC, datetime, timedelta

from cfpm_coach.services.focus import LOWEST, UNSEEN
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView


def _observe(ws: Workspace, worker: WorkerView, days_ago: int, special: dict[str, int],
             status: str = "final") -> None:
    practice = ws.catalog.get("cpm-practice", 1)
    obs = ws.observations.start(worker.id, "cpm-practice", "home_visit",
                                started_at=datetime.now(UTC) - timedelta(days=days_ago), instrument_version=1)
    for item in practice.items:
        ws.observations.rate(obs.id, item.id, special.get(item.id, 3))
    if status == "final":
        ws.observations.finalize(obs.id)


def test_lowest_rated_then_not_seen_with_evidence(workspace: Workspace,
                                                  worker: WorkerView) -> None:
    # oldest to newest; 0 is "no opportunity to observe"
    _observe(workspace, worker, 90, {"engagement.1": 2, "engagement.2": 2, "assessment.1": 0,
                                     "engagement.3": 2})
    _observe(workspace, worker, 60, {"engagement.1": 1, "engagement.2": 2, "assessment.1": 0,
                                     "engagement.3": 2})
    _observe(workspace, worker, 30, {"engagement.1": 1, "engagement.2": 2, "assessment.1": 0,
                                     "engagement.3": 1})
    _observe(workspace, worker, 1, {"engagement.1": 1}, status="draft")  # drafts do not count

    # Rated on v1, suggested in the newest version's behaviors through its crosswalk
    # (engagement.1 -> engage.1, .3 -> engage.2, .2 -> foundation.2, assessment.1 -> inquiry.1);
    # behaviors new in v2 are not comparable, never "not seen".
    focus = workspace.workers.history(worker.id).focus
    assert [(f.behavior_id, f.reason) for f in focus] == [
        ("engage.1", LOWEST), ("engage.2", LOWEST), ("foundation.2", LOWEST),
        ("inquiry.1", UNSEEN)]
    first = focus[0]
    assert first.mean is not None and round(first.mean, 2) == 1.33
    assert [e.value for e in first.evidence] == [1, 1, 2]  # newest first
    assert first.evidence[0].started_at > first.evidence[-1].started_at
    assert [e.value for e in focus[3].evidence] == [None, None, None]
    assert focus[3].evidence[0].level == "No opportunity to observe"


def test_no_suggestions_without_finished_observations_and_unseen_needs_two(
        workspace: Workspace, worker: WorkerView) -> None:
    assert workspace.workers.history(worker.id).focus == []
    _observe(workspace, worker, 10, {"assessment.1": 0})
    assert workspace.workers.history(worker.id).focus == []  # one "no opportunity" is no signal
