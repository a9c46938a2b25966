"""Spell-check where coaches write: a misspelled word typed into an evidence note or a debrief
note is underlined, a right-click offers the correction, choosing it replaces the word (one
Ctrl+Z brings it back), the Spanish UI checks Spanish, and a word added to the dictionary is
still known after the app is closed and opened again."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot

from cfpm_coach.services.spelling import PERSONAL_WORDS_SETTING
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.settings_dialog import SettingsDialog
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.ui.widgets import spell_check
from cfpm_coach.views.observations import ObservationDetail
from tests.ui.conftest import returning_coach, wait_idle
from tests.ui.journeys.driver import activate, press, type_text, when_modal
from tests.ui.journeys.steps import ALT, CTRL

# The offscreen platform cannot grab the keyboard for a popup menu; a desktop can.
pytestmark = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlined(field: QPlainTextEdit) -> list[str]:
    """The words the field shows with a spell-check underline (its layout's formats)."""
    words = []
    block = field.document().begin()
    while block.isValid():
        layout = block.layout()
        for found in layout.formats() if layout is not None else []:
            if found.format.underlineStyle() == WAVY:
                words.append(block.text()[found.start:found.start + found.length])
        block = block.next()
    return words


_opened: list[MainWindow] = []


@pytest.fixture(autouse=True)
def _closed_at_the_end() -> Iterator[None]:
    """Every window a test opened is closed and its database worker stopped, also after a
    failure (a window collected with its worker running aborts the process)."""
    yield
    while _opened:
        _close(_opened.pop())


def _open(qtbot: QtBot, data_dir: Path, observation_id: object | None) -> MainWindow:
    """The app on data_dir showing an observation (None: the draft it offers back)."""
    application()
    win = open_main_window(returning_coach(data_dir))
    _opened.append(win)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.backend.opened, timeout=20_000):
        pass
    win.show()
    wait_idle(qtbot, win)  # the look for a draft to offer back is done
    if observation_id is not None:
        win.flow.open(observation_id)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: win.checklist.detail is not None, timeout=20_000)
    wait_idle(qtbot, win)
    return win


def _close(win: MainWindow) -> None:
    if win in _opened:
        _opened.remove(win)
    win.close()
    win.backend.shutdown()


def _first_note(qtbot: QtBot, win: MainWindow) -> QPlainTextEdit:
    """Click into the first behavior's evidence note, as a coach does."""
    note = win.checklist.rows[win.checklist._order[0]].note
    win.activateWindow()
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(note.hasFocus, timeout=5_000)
    return note


def _right_click_word(qtbot: QtBot, field: QPlainTextEdit, word: str) -> QMenu:
    """Right-click in the middle of word; returns the menu that opens."""
    cursor = QTextCursor(field.document())
    cursor.setPosition(field.toPlainText().index(word) + len(word) // 2)
    spot = field.viewport().mapTo(field.window(), field.cursorRect(cursor).center())
    # Through the window, as the platform delivers a click: Qt makes the context-menu event.
    window = field.window().windowHandle()
    QTest.mouseClick(window, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, spot)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5_000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def _choose(qtbot: QtBot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5_000)


@pytest.fixture
def spanish(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The UI in Spanish for one test."""
    assert i18n.install(application(), "es") == "es"
    yield
    i18n.install(application(), "en")


def test_a_misspelled_evidence_word_is_underlined_and_corrected_from_the_menu(
        qtbot: QtBot, data_dir: Path, draft: ObservationDetail, workspace: Workspace) -> None:
    win = _open(qtbot, data_dir, draft.id)
    note = _first_note(qtbot, win)
    type_text("Parents recieve the plan")
    qtbot.waitUntil(lambda: underlined(note) == ["recieve"], timeout=10_000)

    menu = _right_click_word(qtbot, note, "recieve")
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "receive" and "Add to Dictionary" in texts and "Ignore" in texts
    assert "Paste" in " ".join(texts)  # the field's own menu is still there, below
    _choose(qtbot, menu, "receive")
    assert note.toPlainText() == "Parents receive the plan"
    assert underlined(note) == []

    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note.toPlainText() == "Parents recieve the plan"
    qtbot.waitUntil(lambda: underlined(note) == ["recieve"], timeout=5_000)
    _close(win)


def test_debrief_notes_are_checked_and_acronyms_and_numbers_are_not(
        qtbot: QtBot, data_dir: Path, draft: ObservationDetail, workspace: Workspace) -> None:
    win = _open(qtbot, data_dir, draft.id)
    win.checklist.finish_button.click()
    qtbot.waitUntil(lambda: win.flow.finish_dialog is not None, timeout=10_000)
    dialog = win.flow.finish_dialog
    assert dialog is not None
    for field in (dialog.strengths, dialog.growth_areas, dialog.next_steps, dialog.goal_text):
        qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
        type_text("Led the CFT on 3rd May; explaned the plan")
        qtbot.waitUntil(lambda field=field: underlined(field) == ["explaned"], timeout=10_000)
    dialog.later_button.click()
    wait_idle(qtbot, win)
    _close(win)


def test_the_spanish_ui_checks_spanish(qtbot: QtBot, data_dir: Path, draft: ObservationDetail,
                                       workspace: Workspace, spanish: None) -> None:
    win = _open(qtbot, data_dir, draft.id)
    note = _first_note(qtbot, win)
    type_text("La familia wanted apoyo; los niños están contentos")
    qtbot.waitUntil(lambda: underlined(note) == ["wanted"], timeout=10_000)
    menu = _right_click_word(qtbot, note, "wanted")
    assert "Añadir al diccionario" in [action.text() for action in menu.actions()]
    _choose(qtbot, menu, "Ignorar")  # for this session only
    qtbot.waitUntil(lambda: underlined(note) == [], timeout=5_000)
    _close(win)
    assert _kept_words(data_dir) is None


def _kept_words(data_dir: Path) -> str | None:
    """The coach's words as the store's file holds them (None: none kept)."""
    [store] = data_dir.glob("*.sqlite3")
    with sqlite3.connect(store) as db:
        row = db.execute("SELECT value FROM app_setting WHERE key = ?",
                         (PERSONAL_WORDS_SETTING,)).fetchone()
    return None if row is None else str(row[0])


def test_a_word_added_to_the_dictionary_is_known_after_a_restart(
        qtbot: QtBot, data_dir: Path, draft: ObservationDetail, workspace: Workspace,
        messages: list[str]) -> None:
    win = _open(qtbot, data_dir, draft.id)
    note = _first_note(qtbot, win)
    type_text("Xochitl led the meeting")
    qtbot.waitUntil(lambda: underlined(note) == ["Xochitl"], timeout=10_000)
    _choose(qtbot, _right_click_word(qtbot, note, "Xochitl"), "Add to Dictionary")
    qtbot.waitUntil(lambda: underlined(note) == [], timeout=5_000)
    assert note.toPlainText() == "Xochitl led the meeting"  # adding a word does not edit
    _close(win)
    # In the store (encrypted with it under a passphrase), never in a file beside it.
    assert _kept_words(data_dir) == '["xochitl"]'
    assert sorted(p.name for p in data_dir.iterdir() if "dictionar" in p.name) == []

    again = _open(qtbot, data_dir, None)  # "Resume rating", the prompt's default
    assert "was still open when CFPM Coach last closed" in messages[-1]
    note = _first_note(qtbot, again)
    note.selectAll()
    type_text("Xochitl cannot recieve")
    qtbot.waitUntil(lambda: underlined(note) == ["recieve"], timeout=10_000)
    _close(again)


def test_spell_check_turned_off_in_settings_underlines_nothing(
        qtbot: QtBot, data_dir: Path, draft: ObservationDetail, workspace: Workspace,
        real_dialogs: None) -> None:
    win = _open(qtbot, data_dir, draft.id)
    note = _first_note(qtbot, win)
    type_text("Parents recieve the plan")
    qtbot.waitUntil(lambda: underlined(note) == ["recieve"], timeout=10_000)

    def turn_off(dialog: SettingsDialog) -> None:
        assert dialog.spelling.isChecked()
        press(Qt.Key.Key_M, ALT)  # Underline &misspelled words in notes
        qtbot.waitUntil(lambda: not dialog.spelling.isChecked(), timeout=2_000)  # animateClick
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    answered = when_modal(SettingsDialog, turn_off)
    activate(qtbot, win)
    press(Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    qtbot.waitUntil(lambda: underlined(note) == [], timeout=5_000)
    assert not spell_check.is_enabled(data_dir)  # remembered for the next start
    _close(win)


def test_the_reason_for_an_amendment_is_checked(
        qtbot: QtBot, data_dir: Path, draft: ObservationDetail, workspace: Workspace,
        real_dialogs: None) -> None:
    workspace.observations.finalize(draft.id, allow_partial=True)
    win = _open(qtbot, data_dir, draft.id)
    seen: list[list[str]] = []

    def give_reason(dialog: QInputDialog) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        assert editor is not None and editor.hasFocus()
        type_text("Rated the wrong vist")
        qtbot.waitUntil(lambda: underlined(editor) == ["vist"], timeout=10_000)
        seen.append(underlined(editor))
        dialog.reject()

    asked = when_modal(QInputDialog, give_reason)
    win.commands.amend_action.trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert seen == [["vist"]]
