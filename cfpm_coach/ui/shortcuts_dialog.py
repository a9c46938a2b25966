"""Help › Keyboard shortcuts: every key the app answers to, on one page."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

SHORTCUTS = (
    ("Anywhere", (
        ("Ctrl+N", "New observation"),
        ("Ctrl+Shift+N", "Add worker"),
        ("Ctrl+F", "Find a worker"),
        ("Ctrl+U", "Coming up: follow-ups due and workers not observed lately"),
        ("F9", "Sync now"),
        ("Ctrl+Shift+Y", "Sync status"),
        ("Ctrl+E", "Export a bundle to a folder"),
        ("Ctrl+B", "Back up your data"),
        ("Ctrl+,", "Settings"),
        ("F5", "Refresh"),
        ("F1", "Guide to the practice model"),
        ("Ctrl+/", "This list of shortcuts"),
        ("Ctrl+Q", "Quit (everything is already saved)"),
    )),
    ("On the checklist", (
        ("J / \u2193", "Next behavior"),
        ("K / \u2191", "Previous behavior"),
        ("1, 2, 3", "Rate Emerging, Acquiring, Accomplished (then moves on)"),
        ("N or 0", "No opportunity to observe"),
        ("Delete", "Clear the rating"),
        ("Enter", "Write the evidence note; Enter or Esc returns"),
        ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo the last ratings"),
        ("Ctrl+Enter", "Finish: notes, goals, finalize"),
        ("Ctrl+Shift+H", "Change history of the observation (who changed what, when)"),
    )),
)


class ShortcutsDialog(QDialog):
    """A read-only table of shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("shortcutsDialog")
        layout = QVBoxLayout(self)
        parts = []
        for section, rows in SHORTCUTS:
            parts.append(f"<h3>{self.tr(section)}</h3><table cellspacing='6'>")
            parts += [f"<tr><td><b>{keys}</b></td><td>{self.tr(what)}</td></tr>"
                      for keys, what in rows]
            parts.append("</table>")
        text = QLabel("".join(parts))
        text.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
