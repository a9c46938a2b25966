"""The audit trail window: who changed what and when, for the whole store or one observation."""

import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.services.audit import ACTION_LABELS, ENTITY_LABELS, AuditLine, AuditPage
from cfpm_coach.services.audit import CONTEXT as AUDIT_CONTEXT
from cfpm_coach.ui.language.texts import QT_TR_NOOP
from cfpm_coach.ui.models.table_models import SORT_ROLE, RowsModel, local_date, local_time


def _say(text: str) -> str:
    """A record kind, change or field name of the trail in the UI language."""
    return QCoreApplication.translate(AUDIT_CONTEXT, text)


def _fields(row: AuditLine) -> str:
    return ", ".join(_say(name) for name in row.fields)


def _about(row: AuditLine) -> str:
    """The behavior, the worker and the observation's date (in the coach's locale), or the
    kind of record when it is about none of them."""
    parts = [*row.about, *([local_date(row.observed_at)] if row.observed_at else [])]
    return " \u2014 ".join(parts) if parts else _say(row.entity)


class AuditModel(RowsModel[AuditLine]):
    """Audit lines: when, who, what, action, the fields changed (names only), revision."""

    WHEN, WHO, KIND, WHAT, ACTION, FIELDS, REVISION = range(7)
    HEADERS = (QT_TR_NOOP("When"), QT_TR_NOOP("Who"), QT_TR_NOOP("Record"), QT_TR_NOOP("About"),
               QT_TR_NOOP("Change"), QT_TR_NOOP("Fields"), QT_TR_NOOP("Rev."))

    def display(self, row: AuditLine, column: int) -> str:
        values = (local_time(row.at, seconds=True), row.who, _say(row.entity),
                  _about(row), _say(row.action), _fields(row), str(row.revision))
        return values[column]

    def sort_key(self, row: AuditLine, column: int) -> Any:
        if column == self.WHEN:
            return row.at.timestamp()
        if column == self.REVISION:
            return row.revision
        return super().sort_key(row, column)

    def tooltip(self, row: AuditLine, column: int) -> str | None:
        device = self.tr("Device %s, record %s") % (row.device, row.entity_id)
        if column == self.FIELDS:
            return self.tr("Fields changed: %s") % _fields(row) + "\n" + device
        return device

    def append(self, lines: list[AuditLine]) -> None:
        """Add an older page below the rows shown."""
        first = self.rowCount()
        self.beginInsertRows(self.index(0, 0).parent(), first, first + len(lines) - 1)
        self._rows.extend(lines)
        self.endInsertRows()


class AuditDialog(QDialog):
    """A table of changes; the store's trail loads a page at a time."""

    page_requested = Signal(int, str)  # offset, table ("" for every table)

    def __init__(self, parent: QWidget | None, observation_id: uuid.UUID | None = None,
                 title: str = "") -> None:
        super().__init__(parent)
        self.observation_id = observation_id
        self.setObjectName("auditDialog")
        self.setWindowTitle(title or self.tr("Audit Trail"))
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Every change, newest first: who made it, on which record, and which fields changed. "
            "What was written is not shown here."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        filters = QHBoxLayout()
        self.table_filter = QComboBox()
        self.table_filter.setAccessibleName(self.tr("Show changes to"))
        self.table_filter.addItem(self.tr("All records"), "")
        for key, label in ENTITY_LABELS.items():
            self.table_filter.addItem(_say(label), key)
        self.table_filter.currentIndexChanged.connect(self._on_filter)
        self.table_filter.setVisible(observation_id is None)
        filters.addWidget(self.table_filter)
        filters.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        filters.addWidget(self.count)
        layout.addLayout(filters)

        self.model = AuditModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setObjectName("auditTable")
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows choose a row
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AuditModel.WHAT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.more = QPushButton(self.tr("Load &older changes"))
        self.more.setObjectName("auditMore")
        self.more.clicked.connect(self._on_more)
        self.more.setVisible(False)
        buttons.addButton(self.more, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def show_page(self, page: AuditPage) -> None:
        """Show the first page, or add an older one."""
        if page.offset == 0:
            self.model.set_rows(page.lines)
            self.view.sortByColumn(AuditModel.WHEN, Qt.SortOrder.DescendingOrder)
            self._size_columns()
        else:
            self.model.append(page.lines)
        self.more.setVisible(page.has_more)
        self.count.setText(self.tr("%1 of %2 changes").replace("%1", str(self.model.rowCount()))
                           .replace("%2", str(page.total)))

    def show_lines(self, lines: list[AuditLine]) -> None:
        """Show one observation's whole trail."""
        self.show_page(AuditPage(lines, 0, len(lines)))

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()

        def widest(labels: Iterable[str]) -> str:
            return max((_say(label) for label in labels), key=metrics.horizontalAdvance)

        for column, sample in ((AuditModel.WHEN, "2026-11-25 10:42:00"),
                               (AuditModel.WHO, "A coach's name here"),
                               (AuditModel.KIND, widest(ENTITY_LABELS.values())),
                               (AuditModel.ACTION, widest(ACTION_LABELS.values())),
                               (AuditModel.FIELDS, ", ".join((_say("evidence note"),
                                                              _say("rating")))),
                               (AuditModel.REVISION, "Rev.")):
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    @Slot()
    def _on_more(self) -> None:
        self.page_requested.emit(self.model.rowCount(), self.table_filter.currentData())

    @Slot(int)
    def _on_filter(self, _index: int) -> None:
        self.page_requested.emit(0, self.table_filter.currentData())
