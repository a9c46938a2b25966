"""Spell-check as you type in the fields coaches write in: misspelled words get a red wavy
underline; a right-click on one offers corrections, "Add to Dictionary" and "Ignore" above the
field's usual menu.

The words come from services/spelling.py in the UI's language. The word list is read on a
thread the first time a field has words to check (never at start-up), and every field is
checked again when it is ready. Checking works per paragraph (QSyntaxHighlighter), so typing
in a long note re-checks only the paragraph typed in.
"""

import logging
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSettings, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from cfpm_coach.services import spelling
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.language.texts import tr

if TYPE_CHECKING:
    from cfpm_coach.ui.runtime.backend import Backend

SETTING_KEY = "ui/spell_check"
UNDERLINE_COLOR = QColor("#d32f2f")
# A pasted document of one enormous paragraph is left unchecked: re-checking it on every key
# would make typing in it lag (a 4,000-letter paragraph takes about 7 ms a key on a busy
# 2-core machine, so this one about 18 ms).
LONGEST_CHECKED_PARAGRAPH = 10_000
log = logging.getLogger(__name__)


def _utf16_offsets(text: str) -> list[int] | None:
    """Qt's offset (UTF-16 units) of each character of text, or None when they are the same."""
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    offsets, position = [], 0
    for character in text:
        offsets.append(position)
        position += 2 if ord(character) > 0xFFFF else 1
    offsets.append(position)
    return offsets


class _Session:
    """Where the coach's words are kept, on or off, and the word list's state."""

    # A plain class: a dataclass's generated methods cost milliseconds of start-up.
    def __init__(self) -> None:
        self.data_dir: Path | None = None
        self.enabled = True
        self.speller: spelling.Speller | None = None
        self.loading = False
        self.unavailable = False  # the word list could not be read: no underlines this session


class SpellChecking(QObject):
    """The app's spell-checking: its language, on or off, and every field it underlines in."""

    ready = Signal()  # the word list was read (emitted on the GUI thread)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = _Session()
        self.highlighters: weakref.WeakSet[SpellHighlighter] = weakref.WeakSet()
        self.ready.connect(self.recheck_all)

    def configure(self, backend: "Backend", language: str | None = None) -> None:
        """Check in language (the UI's by default) with the coach's words kept in the store
        backend has open (read on its worker; words added are stored through it)."""
        data_dir = backend.data_dir
        language = language or i18n.current_language()
        speller = self.session.speller
        enabled = is_enabled(data_dir)
        if speller is not None and speller.language == language \
                and self.session.data_dir == data_dir and self.session.enabled == enabled:
            return
        if speller is None or speller.language != language or self.session.data_dir != data_dir:
            def keep(words: list[str]) -> None:
                backend.write(lambda ws: ws.profile.set_setting(
                    spelling.PERSONAL_WORDS_SETTING, words))

            personal = spelling.PersonalWords(keep=keep)
            self.session.speller = spelling.Speller(language, personal)

            def kept(value: object) -> None:
                personal.take(spelling.stored_words(value))
                self.recheck_all()

            backend.read(lambda ws: ws.profile.setting(spelling.PERSONAL_WORDS_SETTING, []),
                         kept)
        self.session.data_dir = data_dir
        self.session.enabled = enabled
        self.recheck_all()

    def accept_vocabulary(self, texts: list[str]) -> None:
        """Take the words of texts (the instrument's, the worker's name) as spelled right."""
        if self.session.speller is not None:
            self.session.speller.accept_vocabulary(texts)

    def set_enabled(self, enabled: bool) -> None:
        """Turn underlining on or off in every field at once."""
        self.session.enabled = enabled
        self.recheck_all()

    def speller(self) -> spelling.Speller | None:
        """The speller when it is on and its word list is read; else None (and the list is
        being read)."""
        speller = self.session.speller
        if speller is None or not self.session.enabled or self.session.unavailable:
            return None
        if speller.ready:
            return speller
        if not self.session.loading:
            self.session.loading = True
            threading.Thread(target=self._read_word_list, args=(speller.language,),
                             name="spelling-word-list", daemon=True).start()
        return None

    def _read_word_list(self, language: str) -> None:
        try:
            spelling.word_list(language)
        except Exception as exc:  # a damaged install: notes still work, without underlines
            log.warning("spelling word list %s could not be read: %s", language,
                        type(exc).__name__)
            self.session.unavailable = True
        self.session.loading = False
        self.ready.emit()

    @Slot()
    def recheck_all(self) -> None:
        """Check every field again (the list was read, a word was added, checking turned on)."""
        for highlighter in list(self.highlighters):
            if shiboken6.isValid(highlighter):  # its field may be gone, its wrapper not yet
                highlighter.rehighlight()
            else:
                self.highlighters.discard(highlighter)


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the misspelled words of one field's document."""

    def __init__(self, document: QTextDocument, checking: SpellChecking) -> None:
        super().__init__(document)
        self.checking = checking
        self.misspelled = QTextCharFormat()
        self.misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelled.setUnderlineColor(UNDERLINE_COLOR)
        checking.highlighters.add(self)

    def highlightBlock(self, text: str) -> None:
        if not text.strip() or len(text) > LONGEST_CHECKED_PARAGRAPH:
            return
        speller = self.checking.speller()
        if speller is None:
            return
        offsets = _utf16_offsets(text)
        for span in speller.misspelled(text):
            start, end = (span.start, span.end) if offsets is None else (offsets[span.start],
                                                                          offsets[span.end])
            self.setFormat(start, end - start, self.misspelled)


class SpellMenu(QObject):
    """Puts corrections at the top of a field's right-click menu and carries out the choice."""

    def __init__(self, edit: QPlainTextEdit, checking: SpellChecking) -> None:
        super().__init__(edit)
        self.edit = edit
        self.checking = checking
        self._word: tuple[int, int, str] | None = None  # document start, end, word
        edit.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            self.menu_at(event.pos()).popup(event.globalPos())
            return True
        return super().eventFilter(watched, event)

    def menu_at(self, position: QPoint) -> QMenu:
        """The field's menu for a right-click at position (viewport coordinates)."""
        menu = self.edit.createStandardContextMenu()
        menu.setParent(self.edit, menu.windowFlags())
        menu.setObjectName("spellMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        speller = self.checking.speller()
        word = self._misspelled_at(position, speller)
        self._word = word
        if speller is None or word is None or self.edit.isReadOnly():
            return menu
        first = menu.actions()[0] if menu.actions() else None
        suggestions = speller.suggestions(word[2])
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            bold = QFont(action.font())
            bold.setBold(True)
            action.setFont(bold)
            action.setData(("replace", suggestion))
            menu.insertAction(first, action)  # type: ignore[arg-type]
        if not suggestions:
            none = QAction(tr("No Suggestions"), menu)
            none.setEnabled(False)
            menu.insertAction(first, none)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        add = QAction(tr("Add to Dictionary"), menu)
        add.setData(("add", word[2]))
        ignore = QAction(tr("Ignore"), menu)
        ignore.setData(("ignore", word[2]))
        menu.insertActions(first, [add, ignore])  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        menu.triggered.connect(self._chosen)
        return menu

    def _misspelled_at(self, position: QPoint,
                       speller: spelling.Speller | None) -> tuple[int, int, str] | None:
        if speller is None:
            return None
        cursor = self.edit.cursorForPosition(position)
        block = cursor.block()
        text = block.text()
        offsets = _utf16_offsets(text)
        in_block = cursor.positionInBlock()
        index = in_block if offsets is None or in_block not in offsets else offsets.index(in_block)
        span = spelling.word_at(text, index)
        if span is None or speller.is_known(span.word):
            return None
        start, end = (span.start, span.end) if offsets is None else (offsets[span.start],
                                                                      offsets[span.end])
        return block.position() + start, block.position() + end, span.word

    @Slot(QAction)
    def _chosen(self, action: QAction) -> None:
        data = action.data()
        if not isinstance(data, tuple) or self._word is None:
            return
        kind, text = data
        speller = self.checking.session.speller
        if kind == "replace":
            self._replace(text)
        elif kind == "ignore" and speller is not None:
            speller.ignore(text)
            self.checking.recheck_all()
        elif kind == "add" and speller is not None:
            speller.add(text)  # stored through the backend; a failure is reported there
            self.checking.recheck_all()

    def _replace(self, suggestion: str) -> None:
        assert self._word is not None
        start, end, _word = self._word
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()  # one Ctrl+Z brings the word back
        cursor.insertText(suggestion)
        cursor.endEditBlock()
        self.edit.setTextCursor(cursor)


_checking: list[SpellChecking] = []


def checking() -> SpellChecking:
    """The app's one SpellChecking (made on first use, on the GUI thread)."""
    if not _checking or not shiboken6.isValid(_checking[0]):
        # Owned by the application, so it goes with it, never during the interpreter's exit
        # after Qt is gone (which crashed in none_dealloc).
        _checking[:] = [SpellChecking(QCoreApplication.instance())]
    return _checking[0]


def attach(edit: QPlainTextEdit) -> SpellHighlighter:
    """Check the spelling of what is typed in edit; returns its highlighter."""
    highlighter = SpellHighlighter(edit.document(), checking())
    SpellMenu(edit, checking())
    edit.setProperty("spellChecked", True)
    return highlighter


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def is_enabled(data_dir: Path) -> bool:
    """Whether spell-check is on for this data folder (on unless turned off in Settings)."""
    value = _settings(data_dir).value(SETTING_KEY, True)
    return value not in (False, "false", "0", 0)


def set_enabled(data_dir: Path, enabled: bool) -> None:
    """Remember spell-check on or off for this data folder, and apply it at once."""
    settings = _settings(data_dir)
    settings.setValue(SETTING_KEY, enabled)
    settings.sync()
    checking().set_enabled(enabled)
