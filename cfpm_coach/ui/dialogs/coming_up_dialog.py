"""Coming up: follow-ups due this week or overdue, and workers not observed for a while."""

import uuid

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.services.coming_up import ComingUp
from cfpm_coach.ui.models.table_models import locale_date
from cfpm_coach.ui.widgets.figure_trees import figure_tree, resize_columns

ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE = QColor("#b3261e")


class ComingUpDialog(QDialog):
    """Two lists; double-click (or Enter) on a row opens that worker's page."""

    worker_requested = Signal(object)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Coming Up"))
        self.setObjectName("comingUpDialog")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.follow_ups_title = QLabel()
        self.follow_ups = figure_tree("comingUpFollowUps", [self.tr("Due"), self.tr("Worker"),
                                                       self.tr("Goal"), self.tr("Behaviors")],
                                self.tr("Follow-ups due"))
        self.quiet_title = QLabel()
        self.quiet = figure_tree("comingUpNotObserved", [self.tr("Worker"), self.tr("Office"),
                                                    self.tr("Last observed")],
                           self.tr("Workers not observed lately"))
        for title, tree in ((self.follow_ups_title, self.follow_ups),
                            (self.quiet_title, self.quiet)):
            layout.addWidget(title)
            layout.addWidget(tree, 1)
            tree.itemActivated.connect(self._on_activated)
        hint = QLabel(self.tr("Double-click a row to open the worker. The number of weeks is "
                              "in Settings."))
        hint.setEnabled(False)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        refresh = QPushButton(self.tr("&Refresh"))
        buttons.addButton(refresh, QDialogButtonBox.ButtonRole.ActionRole)
        refresh.clicked.connect(self.refresh_requested)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def show_data(self, data: ComingUp, labels: dict[str, str]) -> None:
        """Fill both lists."""
        self.follow_ups_title.setText(self.tr("<b>Follow-ups due by %1</b> (and overdue)").replace(
            "%1", locale_date(data.until, "ddd dd MMM")))
        self.follow_ups.clear()
        for item in data.follow_ups:
            due = locale_date(item.due_date, "ddd dd MMM")
            row = QTreeWidgetItem([
                self.tr("Overdue since %1").replace("%1", due) if item.overdue else due,
                item.worker_name, item.text,
                ", ".join(labels.get(b, b) for b in item.behavior_ids)])
            row.setData(0, ID_ROLE, item.worker_id)
            row.setToolTip(2, item.text)
            if item.overdue:
                row.setForeground(0, QBrush(OVERDUE))
            self.follow_ups.addTopLevelItem(row)
        if not data.follow_ups:
            self.follow_ups.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing due this week.")]))
        self.quiet_title.setText(self.tr("<b>Not observed for %1 weeks or more</b>").replace(
            "%1", str(data.weeks)))
        self.quiet.clear()
        for worker in data.not_observed:
            last = (locale_date(worker.last_observed_at)
                    if worker.last_observed_at else self.tr("Never"))
            row = QTreeWidgetItem([worker.name, worker.office, last])
            row.setData(0, ID_ROLE, worker.worker_id)
            self.quiet.addTopLevelItem(row)
        if not data.not_observed:
            self.quiet.addTopLevelItem(QTreeWidgetItem([self.tr("Everyone was observed lately.")]))
        resize_columns(self.follow_ups, self.quiet)

    @Slot(QTreeWidgetItem, int)
    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        worker_id = item.data(0, ID_ROLE)
        if isinstance(worker_id, uuid.UUID):
            self.worker_requested.emit(worker_id)
