"""A goal made from the checklist's Finish dialog; the next observation highlights its behavior."""

import os
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.start_dialog import StartDialog, StartRequest
from cfpm_coach.ui.worker_dialog import WorkerFields
from tests.ui.conftest import wait_idle

GOAL = "Ask the parent who they want at the next CFT"


def _start(qtbot: QtBot, win: MainWindow, monkeypatch: pytest.MonkeyPatch,
           request: StartRequest) -> None:
    monkeypatch.setattr(StartDialog, "ask", classmethod(lambda cls, *a, **k: request))
    win.commands.new_observation_action.trigger()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.checklist and
                    win.checklist.detail is not None, timeout=10_000)
    wait_idle(qtbot, win)


def test_goal_from_the_checklist_is_highlighted_in_the_next_observation(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    worker = WorkerFields("Rosa Díaz", "Social Worker II", "Unit 3", "Harbor", "Sample")
    _start(qtbot, window, monkeypatch, StartRequest(
        None, worker, "cpm-practice", "home_visit", datetime.now().astimezone(), "", "",
        instrument_version=1))
    first = window.checklist.detail
    assert first is not None
    assert not any(row.property("goal") for row in window.checklist.rows.values())

    window.commands.finalize_action.trigger()
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    dialog = window.flow.finish_dialog
    assert dialog is not None
    dialog.goal_text.setText(GOAL)
    for index in range(dialog.goal_behaviors.count()):
        entry = dialog.goal_behaviors.item(index)
        wanted = entry.data(Qt.ItemDataRole.UserRole) == "engagement.2"
        entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    dialog.has_due.setChecked(True)
    qtbot.mouseClick(dialog.add_goal_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.workspace is not None
    [goal] = window.workspace.goals.of_worker(first.summary.worker_id)
    assert goal.text == GOAL and goal.behavior_ids == ["engagement.2"]
    assert goal.observation_id == first.id and goal.due_date is not None
    dialog.reject()

    _start(qtbot, window, monkeypatch, StartRequest(
        first.summary.worker_id, None, "cpm-practice", "cft_meeting",
        datetime.now().astimezone(), "", "", instrument_version=1))
    assert window.checklist.detail is not None and window.checklist.detail.id != first.id
    highlighted = [b for b, row in window.checklist.rows.items() if row.property("goal")]
    assert highlighted == ["engagement.2"]
    row = window.checklist.rows["engagement.2"]
    assert not row.goal_badge.isHidden() and GOAL in row.goal_badge.toolTip()
    assert window.checklist.rows["engagement.1"].goal_badge.isHidden()
    if os.environ.get("CFPM_SCREENSHOTS"):
        window.resize(1100, 760)
        window.checklist.scroll_area.ensureWidgetVisible(row)
        window.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/checklist-goal.png")
