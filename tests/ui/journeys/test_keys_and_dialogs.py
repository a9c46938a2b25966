"""Shortcuts from the search field, the Finish dialog's goal list, and Later's name (issue 16)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.export_dialog import ExportDialog
from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import (
    activate,
    click,
    find_button,
    focus_widget,
    press,
    type_text,
    when_modal,
)
from tests.ui.windows import window_on

ROOT = Path(__file__).resolve().parents[3]
INTERNAL_ID = re.compile(r"\b[a-z_]+\.\d+\b")


def test_ctrl_e_and_ctrl_n_work_from_the_search_field(qtbot: QtBot, data_dir: Path) -> None:
    """Problem 7: at start-up the search field had the focus and ate Ctrl+E."""
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        activate(qtbot, window)
        qtbot.mouseClick(window.workers_panel.search, Qt.MouseButton.LeftButton)
        assert focus_widget() is window.workers_panel.search
        type_text("Ame")
        exported = when_modal(ExportDialog, lambda d: d.reject())
        press(Qt.Key.Key_E, steps.CTRL)
        qtbot.waitUntil(lambda: bool(exported), timeout=10_000)
        assert window.workers_panel.search.text() == "Ame"

        activate(qtbot, window)
        qtbot.mouseClick(window.workers_panel.search, Qt.MouseButton.LeftButton)
        started = when_modal(StartDialog, lambda d: d.reject())
        press(Qt.Key.Key_N, steps.CTRL)
        qtbot.waitUntil(lambda: bool(started), timeout=10_000)


def test_finish_ticks_nothing_and_shows_labels_not_ids(qtbot: QtBot, data_dir: Path) -> None:
    """Problem 5: the behavior that had focus was ticked for the goal; the list showed ids."""
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        steps.start_by_keyboard(qtbot, window)
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Amelia Ortiz"), timeout=10_000)
        activate(qtbot, window)
        for _ in range(3):
            press(Qt.Key.Key_J)
        assert window.checklist.focused_behavior() == window.checklist._order[3]
        press(Qt.Key.Key_Return, steps.CTRL)
        qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
        dialog = window.flow.finish_dialog
        assert isinstance(dialog, FinishDialog)
        goals = dialog.goal_behaviors
        entries = [goals.item(i) for i in range(goals.count())]
        # One entry per behavior of the instrument rated: the default, cpm-practice v2, with its
        # 22 practice and 4 foundation behaviors.
        detail = window.checklist.detail
        assert detail is not None and detail.instrument.key == ("cpm-practice", 2)
        behaviors = [item.id for item in detail.instrument.items]
        assert len(behaviors) == 26
        assert [e.data(Qt.ItemDataRole.UserRole) for e in entries] == behaviors
        assert [e.text() for e in entries if e.checkState() == Qt.CheckState.Checked] == []
        shown = [e.text() for e in entries]
        assert not [text for text in shown if INTERNAL_ID.search(text)], shown[:3]
        click(qtbot, find_button(dialog, "Keep as draft"))
        qtbot.waitUntil(lambda: window.flow.finish_dialog is None, timeout=5_000)


def test_later_asks_for_the_name_at_the_first_observation(qtbot: QtBot, data_dir: Path) -> None:
    """Problem 11: "Later" left the coach "Unnamed coach" with nothing asking again."""
    later = when_modal(WelcomeDialog, lambda d: click(qtbot, find_button(d, "Later")))
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(later), timeout=10_000)
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")

        def give_name(_dialog: QInputDialog) -> None:
            type_text("Dana Whitfield")
            press(Qt.Key.Key_Return)

        named = when_modal(QInputDialog, give_name)
        dialog = steps.start_by_keyboard(qtbot, window)
        assert named, "nobody asked for the coach's name"
        assert dialog.result() == QDialog.DialogCode.Accepted
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Amelia Ortiz"), timeout=10_000)
        assert window.workspace is not None
        assert window.workspace.profile.coach().name == "Dana Whitfield"
        assert window.checklist.detail is not None
        assert window.checklist.detail.summary.coach_name == "Dana Whitfield"
        assert "Dana Whitfield" in window.windowTitle()


def test_ctrl_e_from_the_search_field_on_a_real_x_server(data_dir: Path, workspace: object,
                                                         worker: object) -> None:
    """Problem 7 as seen on X11: there a line edit binds Ctrl+E itself (offscreen Qt does not)."""
    workspace.profile.update_coach(name="Dana Whitfield")  # type: ignore[attr-defined]
    workspace.close()  # type: ignore[attr-defined]
    assert shutil.which("xvfb-run"), "xvfb-run is needed (Debian package xvfb)"
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-m", "tests.ui.journeys.x11_child", str(data_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines[:2] == ["FOCUS search", "FOCUS search"], done.stdout
    assert lines[-1] == "OPENED ExportDialog StartDialog", done.stdout
