"""Drive the real main window: worker, observation by keyboard, notes, finalize, amend, undo."""

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.ui.widgets.behavior_row import BehaviorRow
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import click, find_button, press, type_text, when_modal

KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3}


def _db_ratings(win: MainWindow) -> dict[str, tuple[int | None, str]]:
    assert win.workspace is not None
    with sqlite3.connect(win.workspace.store.path) as conn:
        rows = conn.execute(
            "SELECT behavior_id, value, note FROM rating WHERE deleted_at IS NULL").fetchall()
    return {b: (v, n) for b, v, n in rows}


def _start(qtbot: QtBot, win: MainWindow, name: str, office: str = "") -> None:
    """The worker added, then Ctrl+N, the practice instrument's earlier version (22 behaviors),
    Enter: the checklist of that worker."""
    steps.add_worker(qtbot, win, name, office)
    steps.start_by_keyboard(qtbot, win, steps.earlier_practice_version)
    qtbot.waitUntil(lambda: steps.on_checklist_of(win, name), timeout=10_000)
    wait_idle(qtbot, win)


def _focus(qtbot: QtBot, win: MainWindow, behavior_id: str) -> BehaviorRow:
    """Give the keyboard focus to a behavior's row, as a click on it would."""
    row = win.checklist.rows[behavior_id]
    win.activateWindow()
    row.setFocus()
    qtbot.waitUntil(row.hasFocus, timeout=5_000)
    return row


def _focused_row() -> BehaviorRow:
    widget = QApplication.focusWidget()
    assert isinstance(widget, BehaviorRow), widget
    return widget


def test_add_worker_from_the_menu(qtbot: QtBot, window: MainWindow, real_dialogs: None) -> None:
    def fill(_dialog: WorkerDialog) -> None:
        type_text("Nguyễn Thị Hồng")
        for value in ("Social Worker III", "Unit 2", "Harbor", "Sample"):
            press(Qt.Key.Key_Tab)
            type_text(value)
        press(Qt.Key.Key_Return)

    answered = when_modal(WorkerDialog, fill)
    window.commands.add_worker_action.trigger()
    assert answered
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.worker_page.worker_id is not None, timeout=10_000)
    assert window.worker_page.name.text() == "Nguyễn Thị Hồng"
    assert window.workers_panel.office.findText("Harbor") >= 0


def test_whole_observation_by_keyboard(qtbot: QtBot, window: MainWindow,
                                       real_dialogs: None) -> None:
    _start(qtbot, window, "José Peña", "Eastside")
    checklist = window.checklist
    assert checklist.detail is not None and len(checklist.rows) == 22
    _focus(qtbot, window, checklist._order[0])

    # J/K move, then rate all 22 with number keys and N; each rating moves to the next row.
    qtbot.keyClick(_focused_row(), Qt.Key.Key_J)
    assert _focused_row().item.id == checklist._order[1]
    qtbot.keyClick(_focused_row(), Qt.Key.Key_K)
    assert _focused_row().item.id == checklist._order[0]
    expected: dict[str, int] = {}
    for index, behavior_id in enumerate(checklist._order):
        row = _focused_row()
        assert row.item.id == behavior_id
        if index % 7 == 6:
            qtbot.keyClick(row, Qt.Key.Key_N)
            expected[behavior_id] = 0
        else:
            value = 1 + index % 3
            qtbot.keyClick(row, KEYS[value])
            expected[behavior_id] = value
    wait_idle(qtbot, window)
    assert checklist.progress.value() == 22
    assert checklist.save_state.text().startswith("Saved")

    # Enter opens the note of the focused behavior; Enter again saves it and returns.
    qtbot.keyClick(_focus(qtbot, window, "assessment.2"), Qt.Key.Key_Return)
    note = checklist.rows["assessment.2"].note
    assert note.hasFocus()
    qtbot.keyClicks(note, "Asked what the family wanted from the meeting")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    stored = _db_ratings(window)
    assert {b: v for b, (v, _n) in stored.items()} == expected
    assert stored["assessment.2"][1] == "Asked what the family wanted from the meeting"

    # Ctrl+Enter opens the finish dialog; notes are typed and saved, then Finalize.
    qtbot.keyClick(_focused_row(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    dialog = window.flow.finish_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.strengths, "Clear about the purpose of the meeting")
    qtbot.keyClicks(dialog.next_steps, "Invite supports earlier")
    dialog.goal_text.setText("Invite the family's supports")
    dialog.check_behaviors(["engagement.5"])
    dialog.add_goal_button.click()
    dialog.finalize_button.click()
    qtbot.waitUntil(lambda: checklist.detail is not None
                    and checklist.detail.summary.status == "final", timeout=10_000)
    wait_idle(qtbot, window)
    assert not checklist.detail.editable
    assert checklist.detail.strengths == "Clear about the purpose of the meeting"
    assert all(row.read_only for row in checklist.rows.values())

    # Back to the worker: the history lists it with its score, the goal is there.
    checklist.close_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.worker_page
                    and window.worker_page.observations_model.rowCount() == 1, timeout=10_000)
    model = window.worker_page.observations_model
    observed = [v for v in expected.values() if v]
    share = sum(1 for v in observed if v == 3) / len(observed)
    assert model.data(model.index(0, model.STATUS)) == "Final"
    assert model.data(model.index(0, model.SCORE)) == f"{round(share * 100)}%"
    assert window.worker_page.goals_model.rowCount() == 1


def _finalize_partial(qtbot: QtBot, win: MainWindow) -> None:
    """Finalize in the finish dialog, then "Finalize partial" when asked about open behaviors."""
    win.commands.finalize_action.trigger()
    qtbot.waitUntil(lambda: win.flow.finish_dialog is not None, timeout=10_000)
    partial = when_modal(QMessageBox, lambda box: click(qtbot, find_button(
        box, "Finalize partial")))
    win.flow.finish_dialog.finalize_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(partial), timeout=10_000)


def test_amend_with_a_reason(qtbot: QtBot, window: MainWindow, real_dialogs: None) -> None:
    _start(qtbot, window, "Mei Chen")
    checklist = window.checklist
    qtbot.keyClick(_focus(qtbot, window, "engagement.1"), Qt.Key.Key_1)
    wait_idle(qtbot, window)
    _finalize_partial(qtbot, window)
    qtbot.waitUntil(lambda: checklist.detail.summary.status == "final", timeout=10_000)  # type: ignore[union-attr]
    assert checklist.detail.scores.unrated == 21  # type: ignore[union-attr]

    def give_reason(dialog: QInputDialog) -> None:
        type_text("Rated the wrong visit segment")
        click(qtbot, find_button(dialog, "OK"))

    assert window.commands.amend_action.isEnabled()
    reasoned = when_modal(QInputDialog, give_reason)
    window.commands.amend_action.trigger()
    assert reasoned
    qtbot.waitUntil(lambda: checklist.detail.editable, timeout=10_000)  # type: ignore[union-attr]
    assert "Rated the wrong visit segment" in checklist.banner.text()
    qtbot.keyClick(_focus(qtbot, window, "engagement.1"), Qt.Key.Key_3)
    wait_idle(qtbot, window)
    _finalize_partial(qtbot, window)
    qtbot.waitUntil(lambda: not checklist.detail.editable, timeout=10_000)  # type: ignore[union-attr]
    detail = checklist.detail
    assert detail is not None and detail.summary.status == "amended"
    assert detail.value("engagement.1") == 3
    assert [a.reason for a in detail.amendments] == ["Rated the wrong visit segment"]


def test_undo_reverts_the_last_ratings(qtbot: QtBot, window: MainWindow,
                                       real_dialogs: None) -> None:
    _start(qtbot, window, "Bao Tran")
    checklist = window.checklist
    _focus(qtbot, window, checklist._order[0])
    for key in (Qt.Key.Key_3, Qt.Key.Key_2, Qt.Key.Key_1):
        qtbot.keyClick(_focused_row(), key)
    wait_idle(qtbot, window)
    first, second, third = checklist._order[:3]
    assert {b: v for b, (v, _) in _db_ratings(window).items()} == {first: 3, second: 2, third: 1}
    qtbot.keyClick(_focused_row(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(_focused_row(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    values = {b: v for b, (v, _) in _db_ratings(window).items()}
    assert values == {first: 3, second: None, third: None}
    assert checklist.rows[second].value is None and checklist.progress.value() == 1


def test_finalize_refused_then_kept_rating(qtbot: QtBot, window: MainWindow,
                                           real_dialogs: None) -> None:
    _start(qtbot, window, "Rosa Delgado")
    asked: list[str] = []

    def keep_rating(box: QMessageBox) -> None:
        asked.append(box.text())
        click(qtbot, find_button(box, "Keep rating"))

    window.commands.finalize_action.trigger()
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    when_modal(QMessageBox, keep_rating)
    window.flow.finish_dialog.finalize_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    wait_idle(qtbot, window)
    assert asked[0].startswith("22 behaviors are neither rated nor marked")
    assert window.checklist.detail is not None
    assert window.checklist.detail.summary.status == "draft"


def test_closing_right_after_typing_keeps_the_note(qtbot: QtBot, window: MainWindow,
                                                   real_dialogs: None) -> None:
    _start(qtbot, window, "Ana Reyes")
    row = _focus(qtbot, window, "engagement.3")
    qtbot.keyClick(row, Qt.Key.Key_Return)
    qtbot.keyClicks(row.note, "Reflected the parent's worry back")
    db = window.workspace.store.path  # type: ignore[union-attr]
    window.close()  # within the typing pause: nothing was saved yet
    window.backend.shutdown()
    with sqlite3.connect(db) as conn:
        notes = conn.execute("SELECT note FROM rating WHERE behavior_id = 'engagement.3'").fetchall()
    assert notes == [("Reflected the parent's worry back",)]


def test_mark_a_goal_met_from_the_worker_page(qtbot: QtBot, window: MainWindow,
                                              worker: object, workspace: object) -> None:
    goal = workspace.goals.add(worker.id, "Invite supports", ["engagement.5"])  # type: ignore[attr-defined]
    window.refresh_workers()
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() == 1, timeout=10_000)
    window.show_worker(worker.id)  # type: ignore[attr-defined]
    page = window.worker_page
    qtbot.waitUntil(lambda: page.goals_model.rowCount() == 1, timeout=10_000)
    assert not page.goal_met_button.isEnabled()
    page.goals.selectRow(0)
    assert page.goal_met_button.isEnabled()
    page.goal_met_button.click()
    qtbot.waitUntil(lambda: page.goals_model.rows()[0].status == "met", timeout=10_000)
    assert workspace.goals.of_worker(worker.id)[0].status == "met"  # type: ignore[attr-defined]
    assert page.goals_model.rows()[0].id == goal.id
