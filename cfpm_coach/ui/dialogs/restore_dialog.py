"""Choosing a backup to go back to, with a preview of its date and what it holds; and the
question asked when the data file is damaged."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.errors import CoachError
from cfpm_coach.services.recovery import BackupView, describe_backup
from cfpm_coach.ui.language.texts import QT_TR_NOOP, tr
from cfpm_coach.ui.models.table_models import RowsModel, local_time
from cfpm_coach.ui.runtime.errors import show_error


def size_text(size: int) -> str:
    """Bytes as KB or MB."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} KB"


def preview_text(backup: BackupView) -> str:
    """One backup in words: when, what kind, what it holds."""
    return tr("Written %1 (%2, %3): %4 workers, %5 observations, %6 ratings.") \
        .replace("%1", local_time(backup.taken_at)).replace("%2", tr(backup.kind)) \
        .replace("%3", size_text(backup.size)).replace("%4", str(backup.workers)) \
        .replace("%5", str(backup.observations)).replace("%6", str(backup.ratings))


class BackupsModel(RowsModel[BackupView]):
    """Backups, newest first."""

    WRITTEN, KIND, SIZE, WORKERS, OBSERVATIONS, RATINGS = range(6)
    HEADERS = (QT_TR_NOOP("Written"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Size"),
               QT_TR_NOOP("Workers"), QT_TR_NOOP("Observations"), QT_TR_NOOP("Ratings"))

    def display(self, row: BackupView, column: int) -> str:
        if column == self.WRITTEN:
            return local_time(row.taken_at)
        if column == self.KIND:
            return self.tr(row.kind)
        if column == self.SIZE:
            return size_text(row.size)
        return str((row.workers, row.observations, row.ratings)[column - self.WORKERS])

    def tooltip(self, row: BackupView, column: int) -> str | None:
        return str(row.path)


class RestoreDialog(QDialog):
    """The backups in the data folder, or a file the coach chooses; a preview; Restore."""

    def __init__(self, parent: QWidget | None, backups: list[BackupView],
                 describe: Callable[[Path], BackupView] = describe_backup) -> None:
        super().__init__(parent)
        self.describe = describe
        self.setWindowTitle(self.tr("Restore from a Backup"))
        self.setObjectName("restoreDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Choose the backup to go back to. What CFPM Coach holds now is backed up first, so "
            "a restore can be undone by restoring that copy."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = BackupsModel(self)
        self.model.set_rows(backups)
        self.table = QTableView()
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows choose a row
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("There are no backups in the data folder yet."))
        self.empty.setVisible(not backups)
        layout.addWidget(self.empty)
        self.preview = QLabel()
        self.preview.setObjectName("backupPreview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = QPushButton(self.tr("Choose a file\u2026"))
        self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.choose_button.clicked.connect(self._choose_file)
        self.restore_button = self.buttons.addButton(self.tr("Restore"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if backups:
            self.table.selectRow(0)
        self._on_selected()
        self.resize(720, 420)

    def chosen(self) -> BackupView | None:
        """The selected backup."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    @Slot()
    def _on_selected(self) -> None:
        backup = self.chosen()
        self.restore_button.setEnabled(backup is not None)
        self.preview.setText("" if backup is None else preview_text(backup))

    def add_file(self, path: Path) -> None:
        """Describe a file the coach chose and select it (an error if it is not a backup)."""
        backup = self.describe(path)
        self.model.set_rows([backup, *(b for b in self.model.rows() if b.path != path)])
        self.empty.hide()
        self.table.selectRow(0)

    @Slot()
    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), "",
                                              self.tr("CFPM Coach backup (*.sqlite3)"))
        if not name:
            return
        try:
            self.add_file(Path(name))
        except CoachError as exc:
            show_error(self, exc, self.tr("That file is not a backup"))

    @classmethod
    def ask(cls, parent: QWidget | None, backups: list[BackupView],
            describe: Callable[[Path], BackupView] = describe_backup) -> Path | None:
        """Open the dialog; the chosen backup's file, or None when cancelled."""
        dialog = cls(parent, backups, describe)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.chosen()
        return chosen.path if chosen else None


class DamagedDialog:
    """The data file is damaged: say so, name the newest good backup, offer to restore it."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, backup: BackupView | None) -> bool:
        """True when the coach chose to restore the backup."""
        box = QMessageBox(parent)
        box.setObjectName("damagedStore")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(tr("Your Data File Is Damaged"))
        box.setText(message)
        if backup is None:
            box.setInformativeText(tr(
                "No good backup was found in the data folder. Nothing was changed; ask your "
                "county's support contact for help, and keep the file."))
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            return False
        box.setInformativeText(
            tr("The newest good backup: %1\n\nRestore it? The damaged file is moved aside "
                "(renamed, never deleted) and the backup is put in its place.")
            .replace("%1", preview_text(backup)))
        restore = box.addButton(tr("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.exec()
        return box.clickedButton() is restore
