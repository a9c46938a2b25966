"""A long evidence note typed into the checklist and a 100 KB debrief note pasted into the finish
dialog are saved as they are entered and are all there after the app is closed and reopened;
a note too big to keep is refused with a message that says why."""

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cfpm_coach.services.inputs import NOTE_MAX
from cfpm_coach.ui import prompts
from cfpm_coach.ui.app import open_main_window
from cfpm_coach.ui.finish_dialog import FinishDialog
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.start_dialog import StartDialog, StartRequest
from cfpm_coach.ui.worker_dialog import WorkerFields
from tests.ui.conftest import wait_idle

# Evidence typed key by key (a coach's long note); the debrief pasted (a long text from elsewhere).
EVIDENCE = ("Asked the family what a good meeting looks like for them; " * 12).strip()
DEBRIEF = ("Strong engagement: named the family's own words back. مريم 👩🏽‍⚕️ 王秀英 \u202e "
           * 2_000)[:NOTE_MAX - 3] + "END"


def _stored(win: MainWindow, sql: str) -> list[tuple[object, ...]]:
    assert win.workspace is not None
    with sqlite3.connect(win.workspace.store.path) as conn:
        return conn.execute(sql).fetchall()


def _paste(qtbot: QtBot, widget: object, text: str) -> None:
    """Ctrl+V into a focused field, as a person pasting from another program."""
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # type: ignore[arg-type]


def _open_finish(qtbot: QtBot, win: MainWindow) -> FinishDialog:
    win.checklist.finish_button.click()
    qtbot.waitUntil(lambda: win.flow.finish_dialog is not None, timeout=10_000)
    assert win.flow.finish_dialog is not None
    return win.flow.finish_dialog


def test_long_notes_are_saved_and_survive_reopening(qtbot: QtBot, window: MainWindow,
                                                    data_dir: Path, qapp,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    request = StartRequest(None, WorkerFields("Ana Reyes", "SW", "U1", "Harbor", "S"),
                           "cpm-practice", "home_visit", datetime.now().astimezone(), "", "",
                                                                      instrument_version=1)
    monkeypatch.setattr(StartDialog, "ask", classmethod(lambda cls, *a, **k: request))
    window.commands.new_observation_action.trigger()
    qtbot.waitUntil(lambda: window.checklist.detail is not None, timeout=10_000)

    note = window.checklist.rows["engagement.1"].note
    note.setFocus()
    qtbot.keyClicks(note, EVIDENCE)
    qtbot.keyClick(note, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert _stored(window, "SELECT note FROM rating") == [(EVIDENCE,)]

    dialog = _open_finish(qtbot, window)
    _paste(qtbot, dialog.strengths, DEBRIEF)
    assert dialog.strengths.toPlainText() == DEBRIEF
    # Saved after the typing pause, with no button pressed.
    qtbot.waitUntil(lambda: _stored(window, "SELECT strengths FROM observation") == [(DEBRIEF,)],
                    timeout=10_000)

    # A megabyte is refused with the reason, and what was saved before stays saved.
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    report = "A pasted report, line after line.\n" * 30_000  # 1 MB
    _paste(qtbot, dialog.next_steps, report)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [f"next steps: at most {NOTE_MAX:,} characters "
                     f"(this has {len(report.strip()):,})"]
    dialog.later_button.click()
    wait_idle(qtbot, window)
    assert _stored(window, "SELECT strengths, next_steps FROM observation") == [(DEBRIEF, "")]

    window.close()
    window.backend.shutdown()
    monkeypatch.setattr(prompts, "offer_recovery", lambda _parent, _draft: True)
    reopened = open_main_window(data_dir)
    qtbot.addWidget(reopened)
    reopened.show()
    qtbot.waitUntil(lambda: reopened.checklist.detail is not None, timeout=20_000)
    wait_idle(qtbot, reopened)
    assert reopened.checklist.rows["engagement.1"].note.text() == EVIDENCE
    assert _open_finish(qtbot, reopened).strengths.toPlainText() == DEBRIEF
    reopened.flow.finish_dialog.later_button.click()  # type: ignore[union-attr]
    wait_idle(qtbot, reopened)
    reopened.close()
    reopened.backend.shutdown()
