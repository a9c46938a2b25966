"""A long evidence note typed into the checklist and a 100 KB debrief note pasted into the finish
dialog are saved as they are entered and are all there after the app is closed and reopened;
a note too big to keep is refused with a message that says why."""

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from cfpm_coach.services.inputs import NOTE_MAX
from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog
from cfpm_coach.ui.shell.app import open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, focus_widget, press, type_text

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
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # type: ignore[arg-type]


def _open_finish(qtbot: QtBot, win: MainWindow) -> FinishDialog:
    win.checklist.finish_button.click()
    qtbot.waitUntil(lambda: win.flow.finish_dialog is not None, timeout=10_000)
    assert win.flow.finish_dialog is not None
    return win.flow.finish_dialog


def test_long_notes_are_saved_and_survive_reopening(qtbot: QtBot, window: MainWindow,
                                                    data_dir: Path, qapp,  # type: ignore[no-untyped-def]
                                                    messages: list[str]) -> None:
    steps.add_worker(qtbot, window, "Ana Reyes", "Harbor", role="SW", unit="U1", county="S")
    steps.start_by_keyboard(qtbot, window, steps.earlier_practice_version)
    qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Ana Reyes"), timeout=10_000)
    activate(qtbot, window)
    assert focus_widget() is window.checklist.rows["engagement.1"]
    press(Qt.Key.Key_Return)  # the note of the behavior with the focus
    type_text(EVIDENCE)
    press(Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert _stored(window, "SELECT note FROM rating") == [(EVIDENCE,)]

    dialog = _open_finish(qtbot, window)
    _paste(qtbot, dialog.strengths, DEBRIEF)
    assert dialog.strengths.toPlainText() == DEBRIEF
    # Saved after the typing pause, with no button pressed.
    qtbot.waitUntil(lambda: _stored(window, "SELECT strengths FROM observation") == [(DEBRIEF,)],
                    timeout=10_000)

    # A megabyte is refused with the reason, and what was saved before stays saved.
    report = "A pasted report, line after line.\n" * 30_000  # 1 MB
    _paste(qtbot, dialog.next_steps, report)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == [f"next steps: at most {NOTE_MAX:,} characters "
                        f"(this has {len(report.strip()):,})"]
    dialog.later_button.click()
    wait_idle(qtbot, window)
    assert _stored(window, "SELECT strengths, next_steps FROM observation") == [(DEBRIEF, "")]

    window.close()
    window.backend.shutdown()
    # The draft is offered back: its prompt is read, and its default is "Resume rating".
    reopened = open_main_window(data_dir)
    qtbot.addWidget(reopened)
    reopened.show()
    qtbot.waitUntil(lambda: reopened.checklist.detail is not None, timeout=20_000)
    wait_idle(qtbot, reopened)
    assert len(messages) == 2 and "was still open when CFPM Coach last closed" in messages[1]
    assert reopened.checklist.rows["engagement.1"].note.text() == EVIDENCE
    assert _open_finish(qtbot, reopened).strengths.toPlainText() == DEBRIEF
    reopened.flow.finish_dialog.later_button.click()  # type: ignore[union-attr]
    wait_idle(qtbot, reopened)
    reopened.close()
    reopened.backend.shutdown()
