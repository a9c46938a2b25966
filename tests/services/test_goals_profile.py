"""Goals and the coach profile."""

from datetime import date

import pytest

from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.workspace import PLACEHOLDER_COACH_NAME, Workspace
from cfpm_coach.views.workers import WorkerView


def test_goal_lifecycle(workspace: Workspace, worker: WorkerView) -> None:
    later = workspace.goals.add(worker.id, "Invite supports", ["engagement.5"],
                                due_date=date(2026, 12, 20))
    sooner = workspace.goals.add(worker.id, "Check understanding",
                                 ["engagement.1", "engagement.1", "assessment.2"],
                                 due_date=date(2026, 12, 1))
    assert sooner.behavior_ids == ["engagement.1", "assessment.2"]
    assert [g.text for g in workspace.goals.of_worker(worker.id)] == [
        "Check understanding", "Invite supports"]
    met = workspace.goals.update(sooner.id, status="met")
    assert met.status == "met"
    workspace.goals.remove(later.id)
    assert [g.id for g in workspace.goals.of_worker(worker.id)] == [sooner.id]


def test_goal_validation(workspace: Workspace, worker: WorkerView) -> None:
    with pytest.raises(InvalidInputError, match="unknown"):
        workspace.goals.add(worker.id, "x", ["made.up"])
    with pytest.raises(InvalidInputError, match="required"):
        workspace.goals.add(worker.id, "  ", ["engagement.1"])
    goal = workspace.goals.add(worker.id, "ok", ["engagement.1"])
    with pytest.raises(InvalidInputError, match="status"):
        workspace.goals.update(goal.id, status="someday")


def test_profile_created_once_and_editable(workspace: Workspace) -> None:
    coach = workspace.profile.coach()
    assert coach.name == PLACEHOLDER_COACH_NAME
    assert coach.device_id == workspace.author.device_id
    updated = workspace.profile.update_coach(name="Rosa Delgado", county="Sample County")
    assert (updated.name, updated.county, updated.id) == ("Rosa Delgado", "Sample County",
                                                          coach.id)
    workspace.close()
    again = Workspace.open(workspace.paths.data_dir)
    try:
        assert again.profile.coach() == updated
        assert again.author == workspace.author
    finally:
        again.close()


def test_settings_round_trip(workspace: Workspace) -> None:
    assert workspace.profile.setting("default_instrument", "cpm-practice") == "cpm-practice"
    workspace.profile.set_setting("default_instrument", "cpm-leadership")
    assert workspace.profile.setting("default_instrument") == "cpm-leadership"
