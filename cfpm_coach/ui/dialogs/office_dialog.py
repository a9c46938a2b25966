"""Where each office stands: per office its implementation supports and stage, its leaders'
profile and its practice trend side by side; one office saved as PDF."""

from itertools import zip_longest

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.ui.language.office_texts import stage_label
from cfpm_coach.ui.models.table_models import local_date, month_label
from cfpm_coach.ui.widgets.figure_trees import DASH, figure_tree, percent, resize_columns
from cfpm_coach.views.offices import DomainShare, OfficeStanding, OfficeStandings

PLACE_ROLE = Qt.ItemDataRole.UserRole
OBSERVATION_ROLE = Qt.ItemDataRole.UserRole + 1


def _share(domain: DomainShare) -> str:
    return f"{domain.label}: {percent(domain.share) if domain.ratings else DASH}"


class OfficeDialog(QDialog):
    """One row per office, its figures listed under it; Save as PDF prints the chosen office."""

    pdf_requested = Signal(object)  # (office, county)
    observation_opened = Signal(object)  # an assessment's id

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Where each office stands"))
        self.setObjectName("officeDialog")
        self.resize(1120, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Per office: the latest implementation-supports assessment (share of supports in "
            "place) and the office's stage, its leaders' latest leadership observations, and "
            "its workers' practice fidelity by month, side by side: does practice move where "
            "supports are in place?"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = figure_tree("officeStandings", [
            self.tr("Office"), self.tr("Stage"), self.tr("Last assessed"),
            self.tr("Implementation supports in place"), self.tr("Leadership at standard"),
            self.tr("Practice at standard, by month")], self.tr("Where each office stands"))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.currentItemChanged.connect(self._follow_current)
        self.tree.itemActivated.connect(self._open)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(self.tr("Save office as &PDF"))
        self.pdf_button.setObjectName("officePdf")
        self.pdf_button.setEnabled(False)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(self._ask_pdf)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def show_standings(self, standings: OfficeStandings) -> None:
        """Fill the list: an office per row, its figures side by side under it."""
        self.tree.clear()
        for standing in standings.offices:
            self.tree.addTopLevelItem(self._office_row(standing))
        if not standings.offices:
            self.tree.addTopLevelItem(QTreeWidgetItem([self.tr(
                "No office yet: give workers an office, or assess an office's implementation "
                "supports (New observation, then the implementation-supports instrument).")]))
        self.tree.expandAll()
        resize_columns(self.tree)
        first = self.tree.topLevelItem(0)
        if first is not None and standings.offices:
            self.tree.setCurrentItem(first)

    def _office_row(self, standing: OfficeStanding) -> QTreeWidgetItem:
        place = f"{standing.office}, {standing.county}" if standing.county else standing.office
        assessed = (local_date(standing.assessed_at) if standing.assessed_at
                    else self.tr("Not assessed yet"))
        row = QTreeWidgetItem([
            place, stage_label(standing.stage) or DASH, assessed,
            self.tr("Assessments: %1").replace("%1", str(standing.assessments)),
            self.tr("Leaders observed: %1").replace("%1", str(standing.leaders)),
            self.tr("Workers: %1").replace("%1", str(standing.workers))])
        row.setData(0, PLACE_ROLE, (standing.office, standing.county))
        leadership = standing.leadership if any(d.ratings for d in standing.leadership) else []
        practice = [f"{month_label(m.month)}: {percent(m.share) if m.ratings else DASH}"
                    for m in standing.practice]
        for supports, led, trend in zip_longest(
                [_share(d) for d in standing.supports], [_share(d) for d in leadership],
                practice, fillvalue=""):
            child = QTreeWidgetItem(["", "", "", supports, led, trend])
            child.setData(0, PLACE_ROLE, (standing.office, standing.county))
            row.addChild(child)
        for line in standing.lines:  # Enter or a double click opens it on the checklist
            status = {ObservationStatus.DRAFT.value: self.tr("Draft"),
                      ObservationStatus.FINAL.value: self.tr("Final"),
                      ObservationStatus.AMENDED.value: self.tr("Amended")
                      }.get(line.status, line.status)
            child = QTreeWidgetItem([self.tr("Assessment: %1").replace(
                "%1", local_date(line.started_at)), stage_label(line.stage) or DASH, status])
            child.setData(0, PLACE_ROLE, (standing.office, standing.county))
            child.setData(0, OBSERVATION_ROLE, line.id)
            child.setToolTip(0, self.tr("Enter or double-click to open this assessment"))
            row.addChild(child)
        return row

    @Slot(QTreeWidgetItem, int)
    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        observation_id = item.data(0, OBSERVATION_ROLE)
        if observation_id is not None:
            self.observation_opened.emit(observation_id)

    @Slot()
    def _follow_current(self) -> None:
        item = self.tree.currentItem()
        self.pdf_button.setEnabled(item is not None and item.data(0, PLACE_ROLE) is not None)

    def chosen_place(self) -> tuple[str, str] | None:
        """The (office, county) of the row chosen, or None."""
        item = self.tree.currentItem()
        place = item.data(0, PLACE_ROLE) if item is not None else None
        return (str(place[0]), str(place[1])) if place else None

    @Slot()
    def _ask_pdf(self) -> None:
        place = self.chosen_place()
        if place is not None:
            self.pdf_requested.emit(place)
