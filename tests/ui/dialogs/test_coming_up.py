"""Coming up: follow-ups due this week (and overdue), workers not observed for N weeks."""

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.shell.main_window import MainWindow


@pytest.fixture
def planned(data_dir: Path) -> dict[str, object]:
    """Goals due at different times and workers observed at different times."""
    today = date.today()
    now = datetime.now(UTC)
    with Workspace.open(data_dir) as ws:
        ana = ws.workers.add("Ana Reyes", office="North")
        ben = ws.workers.add("Ben Ortiz", office="North")
        cam = ws.workers.add("Cam Lee", office="South")
        ws.goals.add(ana.id, "Ask who the family wants at the CFT", ["engagement.1"],
                     due_date=today + timedelta(days=3))
        ws.goals.add(ana.id, "Check understanding after next steps", ["assessment.1"],
                     due_date=today - timedelta(days=2))
        ws.goals.add(ana.id, "Later goal", [], due_date=today + timedelta(days=20))
        met = ws.goals.add(ana.id, "Already met", [], due_date=today + timedelta(days=1))
        ws.goals.update(met.id, status="met")
        ws.observations.start(ben.id, "cpm-practice", "home_visit",
                              started_at=now - timedelta(weeks=10), instrument_version=1)
        ws.observations.start(cam.id, "cpm-practice", "home_visit",
                              started_at=now - timedelta(weeks=1), instrument_version=1)
        ws.coming_up.set_weeks(6)
        data = ws.coming_up.plan(today)
    assert [f.text for f in data.follow_ups] == ["Check understanding after next steps",
                                                 "Ask who the family wants at the CFT"]
    assert [f.overdue for f in data.follow_ups] == [True, False]
    assert [q.name for q in data.not_observed] == ["Ana Reyes", "Ben Ortiz"]
    return {"ana": ana.id, "ben": ben.id}


def test_coming_up_lists_follow_ups_and_quiet_workers(
        qtbot: QtBot, planned: dict[str, object], window: MainWindow) -> None:
    window.commands.coming_up_action.trigger()
    qtbot.waitUntil(lambda: window.tools.coming_up_dialog is not None
                    and window.tools.coming_up_dialog.isVisible(), timeout=10_000)
    dialog = window.tools.coming_up_dialog
    assert dialog is not None
    follow = dialog.follow_ups
    assert follow.topLevelItemCount() == 2
    overdue = follow.topLevelItem(0)
    assert overdue.text(0).startswith("Overdue since") and overdue.text(1) == "Ana Reyes"
    assert overdue.text(2) == "Check understanding after next steps"
    assert overdue.text(3) != "assessment.1"  # the behavior's label, not its id
    assert follow.topLevelItem(1).text(2) == "Ask who the family wants at the CFT"
    quiet = dialog.quiet
    assert [quiet.topLevelItem(i).text(0) for i in range(quiet.topLevelItemCount())] == \
        ["Ana Reyes", "Ben Ortiz"]
    assert quiet.topLevelItem(0).text(2) == "Never"
    assert "6 weeks" in dialog.quiet_title.text()

    # Activating a row opens that worker's page.
    quiet.itemActivated.emit(quiet.topLevelItem(1), 0)
    qtbot.waitUntil(lambda: window.worker_page.isVisible() and
                    "Ben Ortiz" in window.worker_page.name.text(), timeout=10_000)
    if os.environ.get("CFPM_SCREENSHOTS"):
        dialog.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/coming-up.png")
