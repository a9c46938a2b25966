"""One behavior on the checklist: label, description, indicators on hover, rating buttons, note."""

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QToolTip,
    QWidget,
)

from cfpm_coach.domain.instruments import Item, RatingScale
from cfpm_coach.ui.language.texts import tr
from cfpm_coach.ui.widgets.note_field import NoteField

NOTE_SAVE_DELAY_MS = 600


def item_help(item: Item, scale: RatingScale) -> str:
    """Rich text: description, indicators and what each level looks like."""
    parts = [f"<b>{html.escape(item.label)}</b><br>{html.escape(item.description)}",
             "<br><br><b>" + html.escape(tr("Look for"))
             + "</b><ul>"]
    parts += [f"<li>{html.escape(text)}</li>" for text in item.indicators]
    parts.append("</ul>")
    if item.anchors:
        parts.append("<b>" + html.escape(tr("Levels")) + "</b><ul>")
        for value in scale.scored_values:
            if value in item.anchors:
                label = html.escape(scale.level(value).label)
                parts.append(f"<li><b>{value} {label}</b>: {html.escape(item.anchors[value])}</li>")
        parts.append("</ul>")
    return "".join(parts)


class BehaviorRow(QFrame):
    """A focusable row; keys: a scored level's digit rates, N no opportunity, Enter note, J/K move."""

    rating_chosen = Signal(str, object)  # behavior id, value (int) or None to clear
    note_changed = Signal(str, str)  # behavior id, text: debounced while typing, and on leave
    move_requested = Signal(int)  # -1 up, +1 down
    focused = Signal(str)

    def __init__(self, item: Item, scale: RatingScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.scale = scale
        self.value: int | None = None
        self._saved_note = ""
        self.setObjectName("behaviorRow")
        self.setProperty("behavior", item.id)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(item.label)
        self.setAccessibleDescription(item.description)
        self.setToolTip(item_help(item, scale))

        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        title = QLabel(f"<b>{html.escape(item.label)}</b>")
        title.setWordWrap(True)
        self.goal_badge = QLabel(self.tr("Goal"))
        self.goal_badge.setObjectName("goalBadge")
        self.goal_badge.setAccessibleName(self.tr("A coaching goal is on this behavior"))
        self.goal_badge.hide()
        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(title, 1)
        heading.addWidget(self.goal_badge, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(heading, 0, 0)
        self.info = QToolButton()
        self.info.setText("?")
        self.info.setAutoRaise(True)
        self.info.setToolTip(item_help(item, scale))
        self.info.setAccessibleName(self.tr("What to look for: %s") % item.label)
        # Read aloud as plain words, not the tooltip's markup.
        self.info.setAccessibleDescription("; ".join([item.description, *item.indicators]))
        self.info.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.info.clicked.connect(self._show_help)
        grid.addWidget(self.info, 0, 1, Qt.AlignmentFlag.AlignTop)
        description = QLabel(item.description)
        description.setWordWrap(True)
        description.setObjectName("behaviorDescription")
        grid.addWidget(description, 1, 0, 1, 2)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so a click on the chosen value can clear it
        ordered = list(scale.scored_values) + list(scale.unscored_values)
        self.buttons: dict[int, QPushButton] = {}
        for value in ordered:
            level = scale.level(value)
            key = str(value) if scale.is_scored(value) else "N"
            button = QPushButton(f"{key}  {level.label}" if scale.is_scored(value)
                                 else self.tr("N/O"))
            button.setCheckable(True)
            # One level of several: a screen reader says "radio button", not "check box" (Qt
            # gives a checkable button that role when it is auto-exclusive; the non-exclusive
            # group above still decides what a click does, so the chosen level can be cleared).
            button.setAutoExclusive(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"{level.label} ({key})" +
                              (f"\n{item.anchors[value]}" if value in item.anchors else ""))
            # The behavior, the value and the level, as the button shows them ("... : 3
            # Accomplished"); the level's anchor, when there is one, as its description.
            button.setAccessibleName(f"{item.label}: {value} {level.label}"
                                     if scale.is_scored(value) else
                                     f"{item.label}: {level.label}")
            button.setAccessibleDescription(item.anchors.get(value, ""))
            button.setProperty("level", level.code)
            self.group.addButton(button, value)
            self.buttons[value] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 0, 1, 2)
        self.group.buttonClicked.connect(self._clicked)

        self.note = NoteField()
        self.note.setPlaceholderText(self.tr("Evidence: what you saw or heard (Enter)"))
        self.note.setAccessibleName(self.tr("Evidence note for %s") % item.label)
        self.note.setMaxLength(4000)
        self.note.setClearButtonEnabled(True)
        grid.addWidget(self.note, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textEdited.connect(self._note_timer.start)
        self.note.editingFinished.connect(self.flush_note)
        self.note.installEventFilter(self)

    # -- state -------------------------------------------------------------------------------

    def set_value(self, value: int | None) -> None:
        """Show a value as chosen (no signal)."""
        self.value = value
        for button_value, button in self.buttons.items():
            button.setChecked(button_value == value)
        self.setProperty("rated", value is not None)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_goals(self, texts: list[str]) -> None:
        """Mark the behavior as the focus of open coaching goals (their texts in the tooltip)."""
        self.goal_badge.setVisible(bool(texts))
        self.goal_badge.setToolTip("\n".join(f"\u2022 {text}" for text in texts))
        self.setProperty("goal", bool(texts))
        self.style().unpolish(self)
        self.style().polish(self)

    def set_note(self, text: str) -> None:
        """Show a saved note (no signal)."""
        self._saved_note = text
        if self.note.text() != text:
            self.note.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock the controls."""
        for button in self.buttons.values():
            button.setEnabled(not read_only)
        self.note.setReadOnly(read_only)
        self.note.setClearButtonEnabled(not read_only)  # a clear button that cannot clear misleads

    @property
    def read_only(self) -> bool:
        """True when the observation cannot change."""
        return self.note.isReadOnly()

    # -- input -------------------------------------------------------------------------------

    @Slot(QAbstractButton)
    def _clicked(self, button: QAbstractButton) -> None:
        value = self.group.id(button)
        self.setFocus()
        self.rating_chosen.emit(self.item.id, None if value == self.value else value)

    @Slot()
    def flush_note(self) -> None:
        """Save the note now if it changed since the last save."""
        self._note_timer.stop()
        text = self.note.text().strip()
        if not self.read_only and text != self._saved_note:
            self._saved_note = text
            self.note_changed.emit(self.item.id, text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text().lower()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_J):
            self.move_requested.emit(1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_K):
            self.move_requested.emit(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.note.setFocus()
            self.note.selectAll()
        elif not self.read_only and text.isdigit() and int(text) in self.scale.scored_values:
            self.rating_chosen.emit(self.item.id, int(text))
        elif not self.read_only and text in ("n", "0") and self.scale.unscored_values:
            self.rating_chosen.emit(self.item.id, self.scale.unscored_values[0])
        elif not self.read_only and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rating_chosen.emit(self.item.id, None)
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            leave = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
            if leave and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.flush_note()
                self.setFocus()
                return True
        if watched is self.note and event.type() == QEvent.Type.FocusIn:
            self.focused.emit(self.item.id)
        return super().eventFilter(watched, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.item.id)

    def _show_help(self) -> None:
        QToolTip.showText(self.info.mapToGlobal(self.info.rect().bottomLeft()),
                          item_help(self.item, self.scale), self.info)
