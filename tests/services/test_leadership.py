"""Self vs others for a leader: the latest self-assessment against others' ratings of the year."""

from datetime import UTC, datetime, timedelta

import pytest

from cfpm_coach.errors import NotFoundError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView


def rate_leader(ws: Workspace, leader: WorkerView, setting: str, values: dict[str, int],
                default: int, days_ago: int = 1) -> None:
    instrument = ws.catalog.get("cpm-leadership")
    obs = ws.observations.start(leader.id, "cpm-leadership", setting,
                                started_at=datetime.now(UTC) - timedelta(days=days_ago))
    for item in instrument.items:
        ws.observations.rate(obs.id, item.id, values.get(item.id, default))
    ws.observations.finalize(obs.id)


def test_self_vs_others_per_group_and_behavior(workspace: Workspace) -> None:
    leader = workspace.workers.add("Dana Cruz", role="Supervisor", office="Harbor")
    with pytest.raises(NotFoundError):
        workspace.reports.self_vs_others(leader.id)
    rate_leader(workspace, leader, "self_assessment", {}, 3, days_ago=400)  # older self view
    rate_leader(workspace, leader, "self_assessment", {"connect.1": 2}, 3, days_ago=5)
    rate_leader(workspace, leader, "team_meeting", {"lean_in.1": 3}, 2, days_ago=20)
    rate_leader(workspace, leader, "office_visit", {"lean_in.1": 3}, 2, days_ago=10)
    rate_leader(workspace, leader, "office_visit", {}, 3, days_ago=500)  # older than a year

    result = workspace.reports.self_vs_others(leader.id)
    assert result.others_observations == 2
    groups = {g.group_id: g for g in result.groups}
    lean_in = groups["lean_in"]
    assert lean_in.self_score.share_proficient == 1.0
    assert lean_in.others_score.observed == 8 and lean_in.others_score.share_proficient == 0.25
    assert lean_in.gap == pytest.approx(0.75)
    assert groups["connect"].self_score.share_proficient == pytest.approx(0.75)
    behaviors = {b.behavior_id: b for b in result.behaviors}
    assert behaviors["connect.1"].self_value == 2
    assert behaviors["lean_in.1"].others_mean == 3 and behaviors["lean_in.1"].others_count == 2
    assert behaviors["lift_up.1"].others_mean == 2
    quarters = sorted({q for q, *_ in result.over_time})
    assert len(quarters) >= 2  # the old self-assessment and the recent ones
    assert result.self_assessed_at is not None
    assert result.self_assessed_at > datetime.now(UTC) - timedelta(days=6)
