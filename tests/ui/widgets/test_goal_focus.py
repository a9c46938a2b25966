"""A goal made from the checklist's Finish dialog; the next observation highlights its behavior."""

import os

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps

GOAL = "Ask the parent who they want at the next CFT"


def _start(qtbot: QtBot, win: MainWindow) -> StartDialog:
    """Ctrl+N, the practice instrument's earlier version (22 behaviors), Enter; the checklist."""
    before = win.checklist.detail.id if win.checklist.detail is not None else None
    dialog = steps.start_by_keyboard(qtbot, win, steps.earlier_practice_version)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.checklist and
                    win.checklist.detail is not None and win.checklist.detail.id != before,
                    timeout=10_000)
    wait_idle(qtbot, win)
    return dialog


def test_goal_from_the_checklist_is_highlighted_in_the_next_observation(
        qtbot: QtBot, window: MainWindow, real_dialogs: None) -> None:
    steps.add_worker(qtbot, window, "Rosa Díaz", "Harbor", role="Social Worker II",
                     unit="Unit 3", county="Sample")
    _start(qtbot, window)
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

    second = _start(qtbot, window)  # the worker observed is preselected
    assert second.worker.currentData() == first.summary.worker_id
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
