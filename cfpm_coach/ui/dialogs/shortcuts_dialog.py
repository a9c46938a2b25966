"""Help › Keyboard shortcuts: every key the app answers to, on one page."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cfpm_coach.ui.language.texts import QT_TR_NOOP, tr

SHORTCUTS = (
    (QT_TR_NOOP("Anywhere"), (
        ("Ctrl+N", QT_TR_NOOP("New observation")),
        ("Ctrl+Shift+N", QT_TR_NOOP("Add worker")),
        ("Ctrl+F", QT_TR_NOOP("Find a worker")),
        ("Ctrl+U", QT_TR_NOOP("Coming up: follow-ups due and workers not observed lately")),
        ("F9", QT_TR_NOOP("Sync now")),
        ("Ctrl+Shift+Y", QT_TR_NOOP("Sync status")),
        ("Ctrl+E", QT_TR_NOOP("Export a bundle to a folder")),
        ("Ctrl+B", QT_TR_NOOP("Back up your data")),
        ("Ctrl+,", QT_TR_NOOP("Settings")),
        ("F5", QT_TR_NOOP("Refresh")),
        ("Ctrl+= / Ctrl+-", QT_TR_NOOP("Larger or smaller text (also in Settings)")),
        ("F1", QT_TR_NOOP("Guide to the practice model")),
        ("Ctrl+/", QT_TR_NOOP("This list of shortcuts")),
        ("Ctrl+Q", QT_TR_NOOP("Quit (everything is already saved)")),
    )),
    (QT_TR_NOOP("On the checklist"), (
        ("J / \u2193", QT_TR_NOOP("Next behavior")),
        ("K / \u2191", QT_TR_NOOP("Previous behavior")),
        ("1, 2, 3\u2026", QT_TR_NOOP("Rate by the level's number on the instrument's scale "
                                     "(then moves on)")),
        ("N / 0", QT_TR_NOOP("No opportunity to observe")),
        ("Delete", QT_TR_NOOP("Clear the rating")),
        ("Enter", QT_TR_NOOP("Write the evidence note; Enter or Esc returns")),
        ("Ctrl+Z / Ctrl+Shift+Z", QT_TR_NOOP("Undo / redo the last ratings")),
        ("Ctrl+Enter", QT_TR_NOOP("Finish: notes, goals, finalize")),
        ("Ctrl+Shift+H", QT_TR_NOOP("Change history of the observation (who changed what, when)")),
    )),
)


class ShortcutsDialog(QDialog):
    """A read-only table of shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.setObjectName("shortcutsDialog")
        layout = QVBoxLayout(self)
        parts = []
        for section, rows in SHORTCUTS:
            parts.append(f"<h3>{tr(section)}</h3><table cellspacing='6'>")
            parts += [f"<tr><td><b>{keys}</b></td><td>{tr(what)}</td></tr>"
                      for keys, what in rows]
            parts.append("</table>")
        text = QLabel("".join(parts))
        text.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
