"""A worker's page: who, trend of each element, observation history, goals."""

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.vocabulary import GoalStatus
from cfpm_coach.ui.models.table_models import ROW_ROLE, GoalsModel, ObservationsModel
from cfpm_coach.ui.widgets.focus_panel import FocusPanel
from cfpm_coach.ui.widgets.trend_chart import TrendChart
from cfpm_coach.views.history import GoalView, WorkerHistory
from cfpm_coach.views.observations import ObservationSummary


def _table(model: ObservationsModel | GoalsModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows choose a row
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # A 500-observation history is sized from the rows near the top, not all of them.
    table.horizontalHeader().setResizeContentsPrecision(40)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _rows_height(table: QTableView, rows: int) -> int:
    """The height that shows the header and rows rows of table."""
    return (table.horizontalHeader().sizeHint().height()
            + table.verticalHeader().defaultSectionSize() * rows + 2 * table.frameWidth())


class _PageLayout(QVBoxLayout):
    """The page's layout, which a scroll area sizes to the viewport or the page's minimum,
    whichever is taller. Its wrapped labels would have it ask for its preferred height (tall
    tables and all) instead, and the page scrolled at every text size."""

    def hasHeightForWidth(self) -> bool:
        """Never to the scroll area (the wrapped labels still get their height inside)."""
        return False


# How long after the worker list shows the hidden page is built: past the list's own paint, and
# well before a person can read the list and choose someone (~40 ms of work on a quiet machine).
BUILD_DELAY_MS = 250
# What _build_page makes: asked for before then, they build the page.
_PAGE_PARTS = frozenset({
    "name", "details", "edit_button", "active_button", "report_button", "new_button",
    "chart_title", "chart", "observations_model", "observations", "focus", "goals_model", "goals",
    "goal_met_button", "goal_open_button", "goal_drop_button", "scroll_area"})


class WorkerPage(QWidget):
    """Everything about one worker; an empty state when none is selected."""

    observation_opened = Signal(object)  # observation id
    new_observation_requested = Signal()
    edit_worker_requested = Signal()
    toggle_active_requested = Signal()
    goal_status_requested = Signal(object, str)  # goal id, new status
    report_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workerPage")
        self.history: WorkerHistory | None = None
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.empty = QLabel(self.tr(
            "Select a worker on the left, or add one with File \u203a Add worker (Ctrl+Shift+N)."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("emptyState")
        self.stack.addWidget(self.empty)
        # The page itself (chart, tables, focus panel) is hidden until a worker is chosen: it is
        # built when the window asks (build_soon, once the worker list is on screen), or sooner
        # when something asks for a part.
        self._page_built = False

    def build_soon(self) -> None:
        """Build the hidden page shortly, after what is on screen has painted (a person cannot
        choose a worker sooner; a part asked for before then builds it at once)."""
        if not self._page_built:
            QTimer.singleShot(BUILD_DELAY_MS, self, self._build_page)

    def __getattr__(self, name: str) -> object:
        """A part of the page asked for before it was built: build it now."""
        if name in _PAGE_PARTS and not self.__dict__.get("_page_built", True):
            self._build_page()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @Slot()
    def _build_page(self) -> None:
        if self._page_built:
            return
        self._page_built = True
        page = QWidget()
        layout = _PageLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.name = QLabel()
        self.name.setObjectName("pageTitle")
        self.details = QLabel()
        self.details.setObjectName("subtitle")
        # A long name or office wraps rather than widening the page (and with it the window).
        for label in (self.name, self.details):
            label.setWordWrap(True)
        titles.addWidget(self.name)
        titles.addWidget(self.details)
        header.addLayout(titles, 1)
        self.edit_button = QPushButton(self.tr("Edit\u2026"))
        self.edit_button.clicked.connect(self.edit_worker_requested)
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.clicked.connect(self.toggle_active_requested)
        self.report_button = QPushButton(self.tr("Coaching summary\u2026"))
        self.report_button.setToolTip(self.tr("This worker's coaching summary as PDF (Ctrl+R)"))
        self.report_button.clicked.connect(self.report_requested)
        self.new_button = QPushButton(self.tr("New observation"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_observation_requested)
        for button in (self.edit_button, self.active_button, self.report_button, self.new_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.chart_title = QLabel()
        self._title_chart("Accomplished")
        self.chart_title.setObjectName("sectionTitle")
        self.chart_title.setWordWrap(True)
        layout.addWidget(self.chart_title)
        self.chart = TrendChart()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Observations"))
        label.setObjectName("sectionTitle")
        lower_layout.addWidget(label)
        self.observations_model = ObservationsModel(self)
        self.observations = _table(self.observations_model, self.tr("Observation history"))
        self.observations.setObjectName("observationsTable")
        self.observations.horizontalHeader().setStretchLastSection(False)
        self.observations.setWordWrap(False)  # one line a visit: a long text is elided
        self.observations.horizontalHeader().setSectionResizeMode(
            ObservationsModel.SETTING, QHeaderView.ResizeMode.Stretch)
        self.observations.installEventFilter(self)
        self.observations.activated.connect(self._on_observation_activated)
        # Three rows of history always in view (it was squeezed to one and a half behind the
        # splitter on a laptop); the chart above gives way first. Sized in _fit_to_font.
        lower_layout.addWidget(self.observations, 3)
        self.focus = FocusPanel()
        lower_layout.addWidget(self.focus)
        goals_label = QLabel(self.tr("Goals"))
        goals_label.setObjectName("sectionTitle")
        # The goal buttons sit on the heading's line: the table keeps that row's height.
        goals_heading = QHBoxLayout()
        goals_heading.addWidget(goals_label)
        goals_heading.addStretch(1)
        lower_layout.addLayout(goals_heading)
        self.goals_model = GoalsModel(self)
        self.goals = _table(self.goals_model, self.tr("Coaching goals"))
        self.goals.setObjectName("goalsTable")
        self.goals.horizontalHeader().setSectionResizeMode(
            GoalsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.goals.horizontalHeader().setStretchLastSection(False)
        # A goal always in view, above a horizontal scroll bar when the columns need one; on a
        # short window the goals give way (and scroll) before the history does. Sized in
        # _fit_to_font.
        lower_layout.addWidget(self.goals, 1)
        self.goal_met_button = QPushButton(self.tr("Mark goal met"))
        self.goal_open_button = QPushButton(self.tr("Reopen goal"))
        self.goal_drop_button = QPushButton(self.tr("Drop goal"))
        for button, status in ((self.goal_met_button, GoalStatus.MET),
                               (self.goal_open_button, GoalStatus.OPEN),
                               (self.goal_drop_button, GoalStatus.DROPPED)):
            button.setProperty("goal_status", status.value)
            button.clicked.connect(self._on_goal_button)
            goals_heading.addWidget(button)
        self.goals.selectionModel().selectionChanged.connect(self._update_goal_buttons)
        self._update_goal_buttons()
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        # When the larger text sizes leave the page more than a laptop's screen can show, it
        # scrolls as a whole: every part keeps the room it needs to be read (the history
        # and goals were squeezed to a row or less on a 1366x768 screen at "Larger").
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("workerPageScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(page)
        self.stack.addWidget(self.scroll_area)
        self._fit_to_font()

    @Slot()
    def _fit_to_font(self) -> None:
        """Room at the font in use: nine lines for the chart's axis, months and legend, three
        rows of history, a goal above its scroll bar."""
        self.chart.setMinimumHeight(self.fontMetrics().height() * 9)
        self.observations.setMinimumHeight(_rows_height(self.observations, 3))
        self._share_columns()
        self.goals.setMinimumHeight(_rows_height(self.goals, 1)
                                    + self.goals.horizontalScrollBar().sizeHint().height())

    @Slot()
    def _share_columns(self) -> None:
        """The instrument's whole title when the row has room for every column, else the
        setting and the title share what there is, each elided (the setting alone gave way,
        to "ettin", at Larger text)."""
        table, header = self.observations, self.observations.horizontalHeader()
        needed = sum(max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
                     for column in range(header.count()))
        fits = needed <= table.viewport().width()
        mode = QHeaderView.ResizeMode
        header.setSectionResizeMode(ObservationsModel.INSTRUMENT,
                                    mode.ResizeToContents if fits else mode.Stretch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The history's columns follow its width."""
        if watched is self.observations and event.type() == QEvent.Type.Resize:
            self._share_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        """A new text size (Settings, Ctrl+=) gives the chart and tables room for it: now,
        and again once the tables' headers have taken the new font too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.__dict__.get("_page_built"):
            self._fit_to_font()
            QTimer.singleShot(0, self, self._fit_to_font)  # dies with the page

    @property
    def worker_id(self) -> uuid.UUID | None:
        """The worker shown."""
        return self.history.worker.id if self.history else None

    def clear(self) -> None:
        """Show the empty state."""
        self.history = None
        self.stack.setCurrentIndex(0)

    def _title_chart(self, proficient: str) -> None:
        """The chart's title names the level scores count from on the practice instrument."""
        self.chart_title.setText(self.tr("Practice elements over time (share %1)").replace(
            "%1", proficient))

    def show_history(self, history: WorkerHistory, practice: Instrument | None) -> None:
        """Show a worker's page."""
        self.history = history
        self.focus.show_suggestions(history.focus)
        worker = history.worker
        self.name.setText(worker.name + ("" if worker.active else self.tr(" (inactive)")))
        parts = [p for p in (worker.role, worker.unit, worker.office, worker.county) if p]
        self.details.setText(" \u00b7 ".join(parts))
        self.active_button.setText(self.tr("Deactivate") if worker.active else self.tr("Reactivate"))
        self.new_button.setEnabled(worker.active)
        self.observations_model.set_rows(history.observations)
        self._share_columns()
        if practice is not None:
            self.goals_model.labels = {**history.behavior_labels,
                                       **{item.id: item.label for item in practice.items}}
            scale = practice.scale
            self.goals_model.recent = {
                behavior: ", ".join("\u2014" if v is None else scale.level(v).label
                                    if scale.is_scored(v) else self.tr("N/O") for v in values)
                for behavior, values in history.recent_ratings.items()}
        self.goals_model.set_rows(history.goals)
        self._update_goal_buttons()
        self.chart.set_trend(history.trend)
        if practice is not None:
            proficient = practice.scale.level(practice.scale.proficient_threshold).label
            self._title_chart(proficient)
            self.observations_model.set_proficient_label(proficient)
        self.stack.setCurrentIndex(1)

    def selected_goal(self) -> GoalView | None:
        """The goal selected in the goals table."""
        rows = self.goals.selectionModel().selectedRows()
        return self.goals_model.data(rows[0], ROW_ROLE) if rows else None

    @Slot()
    def _update_goal_buttons(self) -> None:
        goal = self.selected_goal()
        self.goal_met_button.setEnabled(goal is not None and goal.status != GoalStatus.MET)
        self.goal_open_button.setEnabled(goal is not None and goal.status != GoalStatus.OPEN)
        self.goal_drop_button.setEnabled(goal is not None and goal.status != GoalStatus.DROPPED)

    @Slot()
    def _on_goal_button(self) -> None:
        goal = self.selected_goal()
        button = self.sender()
        if goal is not None and button is not None:
            self.goal_status_requested.emit(goal.id, str(button.property("goal_status")))

    def selected_observation(self) -> ObservationSummary | None:
        """The observation selected in the history."""
        rows = self.observations.selectionModel().selectedRows()
        return self.observations_model.data(rows[0], ROW_ROLE) if rows else None

    @Slot()
    def _on_observation_activated(self) -> None:
        selected = self.selected_observation()
        if selected is not None:
            self.observation_opened.emit(selected.id)
