"""Drive the real main window: worker, observation by keyboard, notes, finalize, amend, undo."""

import sqlite3
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cfpm_coach.ui import prompts
from cfpm_coach.ui.behavior_row import BehaviorRow
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.start_dialog import StartDialog, StartRequest
from cfpm_coach.ui.worker_dialog import WorkerDialog, WorkerFields
from tests.ui.conftest import wait_idle

KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3}


def _db_ratings(win: MainWindow) -> dict[str, tuple[int | None, str]]:
    assert win.workspace is not None
    with sqlite3.connect(win.workspace.store.path) as conn:
        rows = conn.execute(
            "SELECT behavior_id, value, note FROM rating WHERE deleted_at IS NULL").fetchall()
    return {b: (v, n) for b, v, n in rows}


def _start(qtbot: QtBot, win: MainWindow, monkeypatch: pytest.MonkeyPatch,
           new_worker: WorkerFields) -> None:
    request = StartRequest(None, new_worker, "cpm-practice", "cft_meeting",
                           datetime.now().astimezone(), "", "", instrument_version=1)
    monkeypatch.setattr(StartDialog, "ask", classmethod(lambda cls, *a, **k: request))
    win.commands.new_observation_action.trigger()
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.checklist, timeout=10_000)
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


def test_add_worker_from_the_menu(qtbot: QtBot, window: MainWindow,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fields = WorkerFields("Nguyễn Thị Hồng", "Social Worker III", "Unit 2", "Harbor", "Sample")
    monkeypatch.setattr(WorkerDialog, "ask", classmethod(lambda cls, *a, **k: fields))
    window.commands.add_worker_action.trigger()
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.worker_page.worker_id is not None, timeout=10_000)
    assert window.worker_page.name.text() == "Nguyễn Thị Hồng"
    assert window.workers_panel.office.findText("Harbor") >= 0


def test_whole_observation_by_keyboard(qtbot: QtBot, window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _start(qtbot, window, monkeypatch, WorkerFields("José Peña", "SW", "U1", "Eastside", "S"))
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


def test_amend_with_a_reason(qtbot: QtBot, window: MainWindow,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    _start(qtbot, window, monkeypatch, WorkerFields("Mei Chen", "", "", "", ""))
    checklist = window.checklist
    monkeypatch.setattr(prompts, "confirm_partial", lambda *a: True)
    qtbot.keyClick(_focus(qtbot, window, "engagement.1"), Qt.Key.Key_1)
    wait_idle(qtbot, window)
    window.commands.finalize_action.trigger()
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    window.flow.finish_dialog.finalize_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: checklist.detail.summary.status == "final", timeout=10_000)  # type: ignore[union-attr]
    assert checklist.detail.scores.unrated == 21  # type: ignore[union-attr]

    monkeypatch.setattr(prompts, "ask_amend_reason", lambda *a: "Rated the wrong visit segment")
    assert window.commands.amend_action.isEnabled()
    window.commands.amend_action.trigger()
    qtbot.waitUntil(lambda: checklist.detail.editable, timeout=10_000)  # type: ignore[union-attr]
    assert "Rated the wrong visit segment" in checklist.banner.text()
    qtbot.keyClick(_focus(qtbot, window, "engagement.1"), Qt.Key.Key_3)
    wait_idle(qtbot, window)
    window.commands.finalize_action.trigger()
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    window.flow.finish_dialog.finalize_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not checklist.detail.editable, timeout=10_000)  # type: ignore[union-attr]
    detail = checklist.detail
    assert detail is not None and detail.summary.status == "amended"
    assert detail.value("engagement.1") == 3
    assert [a.reason for a in detail.amendments] == ["Rated the wrong visit segment"]


def test_undo_reverts_the_last_ratings(qtbot: QtBot, window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _start(qtbot, window, monkeypatch, WorkerFields("Bao Tran", "", "", "", ""))
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
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _start(qtbot, window, monkeypatch, WorkerFields("Rosa Delgado", "", "", "", ""))
    asked: list[list[str]] = []
    monkeypatch.setattr(prompts, "confirm_partial", lambda _p, labels: asked.append(labels))
    window.commands.finalize_action.trigger()
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    window.flow.finish_dialog.finalize_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    wait_idle(qtbot, window)
    assert len(asked[0]) == 22
    assert window.checklist.detail is not None
    assert window.checklist.detail.summary.status == "draft"


def test_closing_right_after_typing_keeps_the_note(qtbot: QtBot, window: MainWindow,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _start(qtbot, window, monkeypatch, WorkerFields("Ana Reyes", "", "", "", ""))
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
