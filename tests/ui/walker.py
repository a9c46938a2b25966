"""Look at a window or dialog the way a person does: what text is on screen, how big it is.

Each check returns what is wrong, in words, so one assertion lists every offender at once.
"""

import re
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTextEdit,
    QWidget,
)

# A 1366x768 laptop, the smallest screen coaches use.
LAPTOP = QSize(1366, 768)
# "&" then a letter, after taking out "&&" (an escaped, really-meant ampersand).
_MNEMONIC = re.compile(r"&[^&\s]")
# Internal ids of behaviors and elements ("engagement.1", "lean_in.3") and instruments
# ("cpm-practice"): never for a person's eyes.
INTERNAL_ID = re.compile(r"\b[a-z][a-z_]+\.\d+\b|\bcpm-[a-z]+\b")


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and text.lstrip().startswith("<")):
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return

    def columns(parent: QModelIndex) -> int:
        try:
            return model.columnCount(parent)
        except TypeError:  # QListWidget's model keeps it private: one column
            return 1

    def walk(parent: QModelIndex, depth: int) -> Iterator[str]:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str):
                    yield value
                if column == 0 and depth < 3 and model.rowCount(index) > 0:
                    yield from walk(index, depth + 1)

    yield from walk(QModelIndex(), 0)
    header = getattr(view, "horizontalHeader", None)
    if header is not None:
        for column in range(columns(QModelIndex())):
            value = model.headerData(column, Qt.Orientation.Horizontal)
            if isinstance(value, str):
                yield value


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can read in root: title, labels, list rows."""
    yield f"{type(root).__name__} title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget):
            continue
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}".strip()
        if isinstance(widget, QLabel):
            yield where, _plain(widget)
        elif isinstance(widget, QAbstractItemView):
            for text in _item_texts(widget):
                yield where, text
        elif isinstance(widget, QLineEdit | QTextEdit | QAbstractSpinBox):
            continue  # what was typed is the coach's, not the app's


def literal_ampersands(root: QWidget) -> list[str]:
    """Texts that show an "&" meant as a keyboard mnemonic: a QLabel with no buddy shows the
    "&" itself; buttons, menus and group boxes turn it into an underline, so they are fine."""
    found = []
    if _MNEMONIC.search(root.windowTitle().replace("&&", "")):
        found.append(f"window title {root.windowTitle()!r}")
    for label in root.findChildren(QLabel):
        if not _shown(label) or label.buddy() is not None:
            continue
        text = _plain(label)
        if _MNEMONIC.search(text.replace("&&", "")):
            found.append(f"label {text!r} in {type(root).__name__}")
    return found


def internal_ids(root: QWidget) -> list[str]:
    """Visible texts that carry an internal id such as `engagement.1`."""
    return [f"{where}: {text!r}" for where, text in visible_texts(root)
            if INTERNAL_ID.search(text)]


def too_big(root: QWidget, screen: QSize = LAPTOP) -> list[str]:
    """root's size or its smallest possible size past screen (a window that cannot fit)."""
    found = []
    name = f"{type(root).__name__} {root.windowTitle()!r}"
    for what, size in (("size", root.size()), ("minimum size", root.minimumSizeHint())):
        if size.width() > screen.width() or size.height() > screen.height():
            found.append(f"{name} {what} {size.width()}x{size.height()} is larger than "
                         f"{screen.width()}x{screen.height()}")
    return found


# A name of 30 letters ("Maria Guadalupe Hernandez Soto") and a little room around it.
NAME_ROOM_CHARS = 30


def cramped_fields(root: QWidget) -> list[str]:
    """Text fields in a dialog too narrow for a long name: it scrolls out of view as typed
    (Add worker's name field was 150 px for "Marisol Ortega-Hernandez")."""
    if not root.isWindow() or root.inherits("QMainWindow"):
        return []
    found = []
    for field in root.findChildren(QLineEdit):
        if not _shown(field) or field.parent() is None or field.parent().inherits("QAbstractSpinBox"):
            continue
        if field.maxLength() < NAME_ROOM_CHARS or field.echoMode() != QLineEdit.EchoMode.Normal:
            continue  # short codes and passphrases are not names
        room = field.fontMetrics().averageCharWidth() * NAME_ROOM_CHARS
        if field.width() < room:
            name = field.accessibleName() or field.objectName() or field.placeholderText()
            found.append(f"{type(root).__name__} {root.windowTitle()!r}: field {name!r} is "
                         f"{field.width()} px, a 30-letter name needs {room}")
    return found


def wrong_default_button(root: QWidget) -> list[str]:
    """The button Enter presses in a dialog, when it is one that cancels, closes or browses
    (Enter pressed Cancel in Export: the dialog never heard of the button marked default)."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

    if not isinstance(root, QDialog) or root.inherits("QMessageBox") \
            or root.inherits("QProgressDialog"):
        return []
    buttons = [b for b in root.findChildren(QPushButton) if b.isVisible()]
    pressed = next((b for b in buttons if b.isDefault()), None)
    if pressed is None:
        return []
    box = pressed.parent()
    role = box.buttonRole(pressed) if isinstance(box, QDialogButtonBox) else None
    wrong = (role in (QDialogButtonBox.ButtonRole.RejectRole,
                      QDialogButtonBox.ButtonRole.DestructiveRole)
             or pressed.text().replace("&", "").rstrip("\u2026.") in ("Browse", "Examinar"))
    has_accept = any(isinstance(b.parent(), QDialogButtonBox)
                     and b.parent().buttonRole(b) in (QDialogButtonBox.ButtonRole.AcceptRole,
                                                      QDialogButtonBox.ButtonRole.YesRole)
                     for b in buttons)
    if wrong and has_accept:
        return [f"{type(root).__name__} {root.windowTitle()!r}: Enter presses "
                f"{pressed.text()!r}"]
    return []


def clipped_labels(root: QWidget) -> list[str]:
    """Wrapped labels given fewer pixels than their lines need (a shown dialog that did not
    grow when a message appeared squeezes its text into half-drawn lines). Dialogs only: the
    main window's checklist key hint yields its room on purpose (it is clipped there)."""
    if root.inherits("QMainWindow"):
        return []
    found = []
    for label in [root, *root.findChildren(QLabel)]:
        if not isinstance(label, QLabel) or not _shown(label) or not label.wordWrap():
            continue
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            found.append(f"{type(root).__name__} {root.windowTitle()!r}: {_plain(label)[:40]!r} "
                         f"has {label.height()} px of the {needed} it needs")
    return found


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def iso_dates(root: QWidget) -> list[str]:
    """Visible texts with an ISO date (2026-11-29): dates follow the coach's locale."""
    return [f"{where}: {text!r}" for where, text in visible_texts(root) if ISO_DATE.search(text)]


# Parts of a composite control: measured as the control they belong to (a combo box's arrow, a
# spin box's line edit, a scroll bar's buttons), not as targets of their own.
_PARTS_OF = ("QAbstractSpinBox", "QComboBox", "QLineEdit", "QScrollBar", "QTabBar",
             "QCalendarWidget", "QAbstractItemView", "QMenu")


def small_touch_targets(root: QWidget, target: int) -> list[str]:
    """What a finger presses in root and finds shorter than target px: buttons, check boxes,
    fields, combo and spin boxes, and the rows of lists and tables (the finish dialog's behavior
    list had 14 px rows, its goal field 22 px, in the touch density)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPlainTextEdit

    found = []
    name = f"{type(root).__name__} {root.windowTitle()!r}"
    for widget in root.findChildren(QWidget):
        if not _shown(widget) or not widget.isEnabled() or not widget.window().isVisible():
            continue
        parent = widget.parentWidget()
        inside = parent is not None and any(
            parent.inherits(kind) or (parent.parentWidget() is not None
                                      and parent.parentWidget().inherits(kind))
            for kind in _PARTS_OF)
        label = (widget.accessibleName() or widget.objectName()
                 or getattr(widget, "text", lambda: "")() or "")
        what = f"{name}: {type(widget).__name__} {label!r}"
        if isinstance(widget, QAbstractItemView):
            model = widget.model()
            if model is not None and model.rowCount() > 0 and not widget.isHidden():
                # A table's row with its grid line (what the row's own rectangle leaves out).
                height = (widget.rowHeight(0) if isinstance(widget, QTableView)
                          else widget.visualRect(model.index(0, 0)).height())
                if 0 < height < target:
                    found.append(f"{what}: rows {height} px")
        elif isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox
                        | QPlainTextEdit | QTextEdit) and not inside:
            if isinstance(widget, QPlainTextEdit | QTextEdit) and widget.isReadOnly():
                continue  # text to read, not a target
            if widget.height() < target:
                found.append(f"{what}: {widget.height()} px")
    return found
