"""Leadership: a leader's self-assessment next to how others rate them, now and over time."""

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.ui.language.texts import tr
from cfpm_coach.ui.models.table_models import locale_date
from cfpm_coach.ui.widgets.figure_trees import DASH, decimal, figure_tree, percent, resize_columns
from cfpm_coach.ui.widgets.worker_picker import WorkerPicker
from cfpm_coach.views.leadership import LeadershipComparison
from cfpm_coach.views.worker_choice import WorkerChoice


def _points(gap: float | None) -> str:
    return DASH if gap is None else tr("%1 pts").replace(
        "%1", f"{round(gap * 100):+d}")


def _leader_label(worker: WorkerChoice) -> str:
    return f"{worker.name} \u00b7 {worker.office}" if worker.office else worker.name


class LeadershipDialog(QDialog):
    """Pick a leader; see self vs others by group, by behavior and by quarter."""

    leader_chosen = Signal(object)  # worker id
    pdf_requested = Signal(object)  # worker id

    def __init__(self, parent: QWidget | None, workers: Sequence[WorkerChoice],
                 selected: uuid.UUID | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Leadership: Self vs. Others"))
        self.setObjectName("leadershipDialog")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.leader = WorkerPicker(workers, selected, label=_leader_label)
        self.leader.setAccessibleName(self.tr("Leader"))
        form.addRow(self.tr("&Leader"), self.leader)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setObjectName("leadershipSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.groups = figure_tree("leadershipGroups", [self.tr("Group"), self.tr("Self"),
                                                  self.tr("Others"), self.tr("Gap")])
        self.behaviors = figure_tree("leadershipBehaviors", [self.tr("Behavior"), self.tr("Self"),
                                                        self.tr("Others (mean)"),
                                                        self.tr("Ratings")])
        self.over_time = figure_tree("leadershipOverTime", [self.tr("Quarter"), self.tr("Group"),
                                                       self.tr("Self"), self.tr("Others")])
        self.tabs.addTab(self.groups, self.tr("By group"))
        self.tabs.addTab(self.behaviors, self.tr("By behavior"))
        self.tabs.addTab(self.over_time, self.tr("Over time"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(self.tr("Save as &PDF\u2026"))
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(self._on_pdf)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.leader.currentIndexChanged.connect(self._on_leader)

    def select_leader(self, worker_id: uuid.UUID) -> bool:
        """Choose a leader by id; False when they are not listed."""
        return self.leader.select(worker_id)

    @Slot()
    def _on_leader(self) -> None:
        self.leader_chosen.emit(self.leader.currentData())

    @Slot()
    def _on_pdf(self) -> None:
        self.pdf_requested.emit(self.leader.currentData())

    def show_missing(self, message: str) -> None:
        """No comparison for this leader yet."""
        self.summary.setText(message)
        for tree in (self.groups, self.behaviors, self.over_time):
            tree.clear()
        self.pdf_button.setEnabled(False)

    def show_comparison(self, data: LeadershipComparison) -> None:
        """Fill the three tabs."""
        when = (locale_date(data.self_assessed_at)
                if data.self_assessed_at else self.tr("no self-assessment yet"))
        self.summary.setText(self.tr(
            "Self: the latest self-assessment (%1). Others: %2 by coaches or staff in the last "
            "year. Shares are of behaviors rated %3; a positive gap means the leader "
            "rates themselves higher than others do.").replace("%1", when).replace(
                "%3", data.instrument.scale.level(data.instrument.scale.proficient_threshold)
                .label).replace(
                "%2", self.tr("1 observation") if data.others_observations == 1 else
                self.tr("%1 observations").replace("%1", str(data.others_observations))))
        labels = {g.id: g.label for g in data.instrument.groups}
        self.groups.clear()
        for group in data.groups:
            self.groups.addTopLevelItem(QTreeWidgetItem([
                group.label, percent(group.self_score.share_proficient),
                f"{percent(group.others_score.share_proficient)} "
                f"({group.others_score.observed})", _points(group.gap)]))
        self.behaviors.clear()
        for behavior in data.behaviors:
            self.behaviors.addTopLevelItem(QTreeWidgetItem([
                behavior.label, DASH if behavior.self_value is None else str(behavior.self_value),
                decimal(behavior.others_mean, 1),
                str(behavior.others_count)]))
        self.over_time.clear()
        for quarter, group_id, mine, theirs in data.over_time:
            self.over_time.addTopLevelItem(QTreeWidgetItem([
                quarter, labels.get(group_id, group_id), percent(mine), percent(theirs)]))
        self.pdf_button.setEnabled(True)
        resize_columns(self.groups, self.behaviors, self.over_time)
