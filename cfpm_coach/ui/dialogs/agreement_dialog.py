"""Inter-rater agreement: co-observed visits, pairs of coaches over time, behaviors to calibrate."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.domain.agreement import PairAgreement
from cfpm_coach.ui.language.texts import QT_TR_NOOP, tr
from cfpm_coach.ui.models.table_models import local_date
from cfpm_coach.ui.widgets.figure_trees import DASH, decimal, figure_tree, percent, resize_columns
from cfpm_coach.views.agreement import AgreementReport


def _figures(agreement: PairAgreement) -> list[str]:
    return [str(agreement.items), percent(agreement.exact), percent(agreement.within_one),
            decimal(agreement.kappa_linear), decimal(agreement.kappa_quadratic)]


FIGURES = [QT_TR_NOOP("Items"), QT_TR_NOOP("Exact"), QT_TR_NOOP("Within one"),
           QT_TR_NOOP("\u03ba linear"), QT_TR_NOOP("\u03ba quadratic")]


def figure_headings() -> list[str]:
    """The figures' column headings in the UI language."""
    return [tr(text) for text in FIGURES]


class AgreementDialog(QDialog):
    """Three tabs over one report; Save PDF asks the flow for the same figures on paper."""

    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inter-Rater Agreement"))
        self.setObjectName("agreementDialog")
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Visits two coaches rated with the same pair code. Exact and within-one agreement "
            "count the behaviors both rated; Cohen's weighted kappa corrects for chance (1 is "
            "perfect, 0 is chance); Krippendorff's alpha covers visits with more than two "
            "coaches. Every figure says how many items it rests on."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        self.visits = figure_tree("agreementVisits", [self.tr("Date"), self.tr("Worker"),
                                                 self.tr("Coaches"), *figure_headings(), "\u03b1"])
        self.pairs = figure_tree("agreementPairs", [self.tr("Coaches"), self.tr("Visits / month"),
                                               *figure_headings()])
        self.behaviors = figure_tree("agreementBehaviors", [
            self.tr("Behavior"), self.tr("Items"), self.tr("Exact"), self.tr("Within one"),
            self.tr("Mean difference")])
        self.tabs.addTab(self.behaviors, self.tr("Calibrate first"))
        self.tabs.addTab(self.pairs, self.tr("Pairs of coaches"))
        self.tabs.addTab(self.visits, self.tr("Visits"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(self.tr("Save as &PDF\u2026"))
        self.pdf_button.setObjectName("agreementPdf")
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(self.pdf_requested)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def show_report(self, report: AgreementReport) -> None:
        """Fill the three tabs."""
        self.visits.clear()
        for visit in report.visits:
            self.visits.addTopLevelItem(QTreeWidgetItem([
                local_date(visit.started_at), visit.worker_name,
                " & ".join(visit.coaches), *_figures(visit.agreement),
                decimal(visit.alpha) if len(visit.coaches) > 2 else DASH]))
        self.pairs.clear()
        for pair in report.coach_pairs:
            row = QTreeWidgetItem([" & ".join(pair.coaches),
                                   self.tr("%1 visits").replace("%1", str(pair.visits)),
                                   *_figures(pair.agreement)])
            for month, agreement in pair.by_month:
                row.addChild(QTreeWidgetItem(["", month, *_figures(agreement)]))
            self.pairs.addTopLevelItem(row)
            row.setExpanded(True)
        self.pairs.setRootIsDecorated(True)
        self.behaviors.clear()
        for behavior in report.behaviors:
            self.behaviors.addTopLevelItem(QTreeWidgetItem([
                behavior.label, str(behavior.items), percent(behavior.exact),
                percent(behavior.within_one), decimal(behavior.mean_difference)]))
        if not report.visits:
            self.behaviors.addTopLevelItem(QTreeWidgetItem([self.tr(
                "No co-observed visits yet: start an observation with a pair code, and import "
                "the other coach's bundle (or sync with the hub).")]))
        self.pdf_button.setEnabled(bool(report.visits))
        resize_columns(self.visits, self.pairs, self.behaviors)
