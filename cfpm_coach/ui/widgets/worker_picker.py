"""A worker picker that stays quick with 50,000 names: type part of a name or office."""

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QWidget

from cfpm_coach.views.worker_choice import WorkerChoice

USER_ROLE = Qt.ItemDataRole.UserRole


def choice_label(choice: WorkerChoice) -> str:
    """The name, then the office when there is one ("Ana Reyes \u2014 Fresno")."""
    return f"{choice.name} \u2014 {choice.office}" if choice.office else choice.name


class WorkerPicker(QComboBox):
    """An editable combo over the workers' labels; typing shows the workers whose name or office
    contains the text, Down and Enter pick one.

    The labels sit in a QStringListModel (one call from a Python list; filtered in C++ as the
    coach types) and the ids in a Python list beside it, by row: a Python model or an item per
    worker cost a Python call per row on every keystroke at 50,000 workers.
    """

    def __init__(self, choices: Sequence[WorkerChoice], selected: uuid.UUID | None = None,
                 parent: QWidget | None = None, *,
                 label: Callable[[WorkerChoice], str] = choice_label) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Sized by a name's length, not by measuring each of 50,000 labels.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        self._keys: list[str | None] = [choice.key for choice in choices]
        self._labels = QStringListModel([label(choice) for choice in choices], self)
        self.setModel(self._labels)
        completer = QCompleter(self._labels, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self._completer = completer
        for view in (self.view(), completer.popup()):
            if isinstance(view, QListView):
                view.setUniformItemSizes(True)  # lists measure one row, not 50,000
        line = self.lineEdit()
        assert line is not None  # editable: the combo made it
        self._line = line
        line.setPlaceholderText(self.tr("Type part of a name or office"))
        if selected is not None:
            self.select(selected)

    def select(self, worker_id: uuid.UUID) -> bool:
        """Choose a worker by id; False when the picker does not list them."""
        key = worker_id.hex
        if key not in self._keys:
            return False
        self.setCurrentIndex(self._keys.index(key))
        return True

    def add_new(self, label: str) -> None:
        """List a worker not saved yet (made in the dialog) first, and choose them."""
        self._keys.insert(0, None)
        self.insertItem(0, label)
        self.setCurrentIndex(0)

    def current_id(self) -> uuid.UUID | None:
        """The chosen worker's id; None for a new worker or when nothing is chosen."""
        index = self.currentIndex()
        if not 0 <= index < len(self._keys):
            return None
        key = self._keys[index]
        return uuid.UUID(key) if key is not None else None

    def currentData(self, role: int = USER_ROLE) -> Any:
        """The chosen worker's id for the user role, as a combo with item data would give."""
        return self.current_id() if role == USER_ROLE else super().currentData(role)

    def settle(self) -> str | None:
        """Make what was typed the chosen worker: None when one worker is chosen, else why not
        (a sentence for the coach)."""
        typed = self.currentText()
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == typed:
            return None
        needle = typed.strip().casefold()
        if not needle:
            return self.tr("Choose a worker: type part of a name or office, then pick one "
                           "from the list with the arrow keys and Enter.")
        labels = [label.casefold() for label in self._labels.stringList()]
        exact = [row for row, label in enumerate(labels) if label == needle]
        found = exact or [row for row, label in enumerate(labels) if needle in label]
        if len(found) == 1:
            self.setCurrentIndex(found[0])
            return None
        if not found:
            return self.tr("No worker's name or office contains \u201c%1\u201d.").replace(
                "%1", typed.strip())
        return self.tr("%1 workers match \u201c%2\u201d: pick one from the list with the "
                       "arrow keys and Enter.").replace("%1", str(len(found))).replace(
            "%2", typed.strip())

    def show_matches(self) -> None:
        """Open the list of the workers matching what was typed (nothing when none does)."""
        self._completer.setCompletionPrefix(self.currentText().strip())
        self._completer.complete()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Select the shown name, so typing replaces it (not when a click placed the cursor,
        nor when the list of matches closes over what is being typed)."""
        super().focusInEvent(event)
        if event.reason() not in (Qt.FocusReason.MouseFocusReason,
                                  Qt.FocusReason.PopupFocusReason):
            self._line.selectAll()
