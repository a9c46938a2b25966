"""The checklist: every behavior of the instrument, grouped, rated by keyboard or mouse.

Each change goes to the database worker at once; the header says "Saved" with the time once it is
committed. Ctrl+Z undoes the last ratings of this session.
"""

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.domain import pairing
from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.ui.models.table_models import clock_time, local_time, setting_label
from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.runtime.errors import show_error
from cfpm_coach.ui.widgets.behavior_row import BehaviorRow
from cfpm_coach.views.history import GoalView
from cfpm_coach.views.observations import ObservationDetail


class RateCommand(QUndoCommand):
    """One rating change; undo puts the previous value back (through the services too)."""

    def __init__(self, page: "ChecklistPage", behavior_id: str, old: int | None,
                 new: int | None) -> None:
        super().__init__(QCoreApplication.translate("ChecklistPage", "Rate %s") % page.label_of(behavior_id))
        self._page, self._behavior_id, self._old, self._new = page, behavior_id, old, new

    def redo(self) -> None:
        self._page.apply_rating(self._behavior_id, self._new)

    def undo(self) -> None:
        self._page.apply_rating(self._behavior_id, self._old)


def _elapsed(since: datetime, until: datetime | None = None) -> str:
    seconds = max(0, int(((until or datetime.now(UTC)) - since).total_seconds()))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ChecklistPage(QWidget):
    """One observation being rated (or read, once finalized)."""

    close_requested = Signal()
    finish_requested = Signal()
    amend_requested = Signal()
    discard_requested = Signal()
    report_requested = Signal()
    reload_requested = Signal()  # show what the database holds now (after a failed save)
    saved_at = Signal(str)  # local time text of the last commit

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.detail: ObservationDetail | None = None
        self.rows: dict[str, BehaviorRow] = {}
        self._order: list[str] = []
        self._group_labels: dict[str, QLabel] = {}
        self.undo_stack = QUndoStack(self)
        self._in_flight = 0
        self.setObjectName("checklistPage")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QFrame()
        header.setObjectName("checklistHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title, 1)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("timer")
        # A label's name is its text ("0:12:05", "All changes saved"): a screen reader reads
        # that, and what it is as the description (a fixed name would hide the text).
        self.timer_label.setAccessibleDescription(self.tr("Time since the observation started"))
        top.addWidget(self.timer_label)
        head.addLayout(top)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        head.addWidget(self.meta)
        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m behaviors rated"))
        self.progress.setAccessibleName(self.tr("Overall progress"))
        status.addWidget(self.progress, 1)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleDescription(self.tr("Save state"))
        status.addWidget(self.save_state)
        head.addLayout(status)
        self.banner = QLabel()
        self.banner.setObjectName("lockedBanner")
        self.banner.setWordWrap(True)
        head.addWidget(self.banner)
        outer.addWidget(header)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area, 1)

        actions = QHBoxLayout()
        actions.setContentsMargins(16, 8, 16, 12)
        self.discard_button = QPushButton(self.tr("Discard draft\u2026"))
        self.discard_button.clicked.connect(self.discard_requested)
        actions.addWidget(self.discard_button)
        self.hint = hint = QLabel()
        self._show_key_hint(1, 3)
        hint.setObjectName("keyHint")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A hint must never make the window wider: it wraps, then yields its space.
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # hidden on a read-only record, buttons stay put
        hint.setSizePolicy(policy)
        hint.setMinimumWidth(0)
        actions.addWidget(hint, 1)
        self.close_button = QPushButton(self.tr("Back to worker"))
        self.close_button.clicked.connect(self.close_requested)
        actions.addWidget(self.close_button)
        self.report_button = QPushButton(self.tr("Print record\u2026"))
        self.report_button.setToolTip(self.tr("This observation's record as PDF (Ctrl+Shift+R)"))
        self.report_button.clicked.connect(self.report_requested)
        actions.addWidget(self.report_button)
        self.amend_button = QPushButton(self.tr("Amend\u2026"))
        self.amend_button.clicked.connect(self.amend_requested)
        actions.addWidget(self.amend_button)
        self.finish_button = QPushButton(self.tr("Finish\u2026"))
        self.finish_button.setDefault(True)
        self.finish_button.setToolTip(self.tr("Notes, next steps and finalize (Ctrl+Enter)"))
        self.finish_button.clicked.connect(self.finish_requested)
        actions.addWidget(self.finish_button)
        outer.addLayout(actions)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    # -- loading -----------------------------------------------------------------------------

    @property
    def observation_id(self) -> uuid.UUID | None:
        """The observation shown."""
        return self.detail.id if self.detail else None

    def label_of(self, behavior_id: str) -> str:
        """A behavior's label."""
        return self.rows[behavior_id].item.label if behavior_id in self.rows else behavior_id

    def _show_key_hint(self, lowest: int, highest: int) -> None:
        """The keys of this checklist: the digits of the instrument's own scored levels."""
        self.hint.setText(self.tr("J/K move \u00b7 %1\u2013%2 rate \u00b7 N no opportunity \u00b7 "
                                  "Enter note \u00b7 Ctrl+Z undo").replace(
            "%1", str(lowest)).replace("%2", str(highest)))

    def load(self, detail: ObservationDetail) -> None:
        """Show an observation; rebuilds the rows when it is another one."""
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        if not same:
            self.undo_stack.clear()
            # Imported here: Qt's text classes cost start-up milliseconds, a checklist does not.
            from cfpm_coach.ui.widgets import spell_check

            spelling = spell_check.checking()
            spelling.configure(self.backend)
            spelling.accept_vocabulary(_own_words(detail))
            self._build(detail)
            self._show_key_hint(detail.instrument.scale.minimum, detail.instrument.scale.maximum)
            self._in_flight = 0
            self.save_state.setText(self.tr("All changes saved") if detail.editable else "")
        for behavior_id, row in self.rows.items():
            rating = detail.ratings.get(behavior_id)
            row.set_value(rating.value if rating else None)
            row.set_note(rating.note if rating else "")
            row.set_read_only(not detail.editable)
        summary = detail.summary
        self.title.setText(f"{summary.worker_name} \u00b7 {detail.instrument.title}")
        meta = [setting_label(summary.setting), self.tr("started %s") % local_time(
            summary.started_at), self.tr("coach %s") % summary.coach_name]
        if detail.co_observer:
            meta.append(self.tr("co-observer %s") % detail.co_observer)
        if detail.pair_code:
            meta.append(self.tr("pair code %s") % pairing.display(detail.pair_code))
        if detail.case_reference:
            meta.append(self.tr("case ref. %s") % detail.case_reference)
        self.meta.setText(" \u00b7 ".join(meta))
        self._update_state()
        self._update_progress()
        if not same:
            # A resumed draft must not put the first key press on a behavior already rated.
            self.focus_first_missing()

    def clear(self) -> None:
        """No observation shown (the window is back on the worker's page)."""
        self.flush_notes()
        self.detail = None
        self.undo_stack.clear()
        self._clock.stop()

    def show_goals(self, goals: list[GoalView]) -> None:
        """Highlight the behaviors the worker's open goals are about."""
        texts: dict[str, list[str]] = {}
        for goal in goals:
            for behavior_id in goal.behavior_ids:
                texts.setdefault(behavior_id, []).append(goal.text)
        for behavior_id, row in self.rows.items():
            row.set_goals(texts.get(behavior_id, []))

    def _build(self, detail: ObservationDetail) -> None:
        content = QWidget()
        content.setObjectName("checklistContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.setSpacing(6)
        self.rows.clear()
        self._order.clear()
        self._group_labels.clear()
        instrument = detail.instrument
        for group in instrument.groups:
            heading = QLabel()
            heading.setObjectName("groupHeading")
            heading.setToolTip(group.description)
            heading.setAccessibleName(group.label)
            self._group_labels[group.id] = heading
            layout.addWidget(heading)
            for item in group.items:
                row = BehaviorRow(item, instrument.scale)
                row.rating_chosen.connect(self._on_rating_chosen)
                row.note_changed.connect(self._on_note_changed)
                row.move_requested.connect(self._on_move)
                row.focused.connect(self._on_row_focused)
                self.rows[item.id] = row
                self._order.append(item.id)
                layout.addWidget(row)
        layout.addStretch(1)
        self.scroll_area.setWidget(content)
        # Tab goes from the last behavior's note on to the page's buttons, as they are shown
        # (made before the rows, they came before them, and Tab left the checklist for the
        # workers list instead).
        previous: QWidget = self.rows[self._order[-1]].note if self._order else self.scroll_area
        for button in (self.discard_button, self.close_button, self.report_button,
                       self.amend_button, self.finish_button):
            QWidget.setTabOrder(previous, button)
            previous = button

    def _update_state(self) -> None:
        detail = self.detail
        if detail is None:
            return
        editable = detail.editable
        status = detail.summary.status
        self.finish_button.setVisible(editable)
        self.hint.setVisible(editable)  # no "1-3 rate ... Ctrl+Z undo" where nothing can change
        self.discard_button.setVisible(status == ObservationStatus.DRAFT)
        self.amend_button.setVisible(not editable)
        self.report_button.setVisible(not editable)
        if editable and status == ObservationStatus.AMENDED:
            reason = detail.amendments[-1].reason if detail.amendments else ""
            self.banner.setText(self.tr("Amending: %s") % reason)
        elif not editable:
            self.banner.setText(self.tr(
                "Finalized %s. Read-only: use Amend, with a reason, to correct it.") % local_time(
                detail.finalized_at))
        self.banner.setVisible(status != ObservationStatus.DRAFT)
        if editable and status == ObservationStatus.DRAFT:
            self._clock.start()
        else:
            self._clock.stop()
        self._tick()

    def _tick(self) -> None:
        if self.detail is None:
            return
        summary = self.detail.summary
        until = None if self._clock.isActive() else (summary.ended_at or self.detail.finalized_at)
        self.timer_label.setText(_elapsed(summary.started_at, until))

    def _update_progress(self) -> None:
        if self.detail is None:
            return
        done = 0
        for group in self.detail.instrument.groups:
            rated = sum(1 for item in group.items if self.rows[item.id].value is not None)
            done += rated
            self._group_labels[group.id].setText(
                f"{group.label}  <span style='font-weight:normal'>\u00b7 "
                + self.tr("%1 of %2 rated").replace("%1", str(rated)).replace(
                    "%2", str(len(group.items))) + "</span>")
        self.progress.setRange(0, len(self._order))
        self.progress.setValue(done)

    # -- editing -----------------------------------------------------------------------------

    @Slot(str, object)
    def _on_rating_chosen(self, behavior_id: str, value: int | None) -> None:
        row = self.rows[behavior_id]
        if row.read_only or row.value == value:
            return
        self.undo_stack.push(RateCommand(self, behavior_id, row.value, value))
        sender = self.sender()
        if row.hasFocus() and value is not None and sender is row:
            self._advance(behavior_id)

    def apply_rating(self, behavior_id: str, value: int | None) -> None:
        """Show a value and commit it through the services."""
        assert self.detail is not None
        observation_id = self.detail.id
        self.rows[behavior_id].set_value(value)
        self._update_progress()
        self._saving()
        self.backend.write(
            lambda ws: ws.observations.rate(observation_id, behavior_id, value),
            self._on_saved, self._on_save_failed,
        )

    @Slot(str, str)
    def _on_note_changed(self, behavior_id: str, text: str) -> None:
        assert self.detail is not None
        observation_id = self.detail.id
        self._saving()
        self.backend.write(
            lambda ws: ws.observations.set_evidence(observation_id, behavior_id, text),
            self._on_saved, self._on_save_failed,
        )

    def flush_notes(self) -> None:
        """Save any note still waiting for its typing pause."""
        for row in self.rows.values():
            row.flush_note()

    def _saving(self) -> None:
        self._in_flight += 1
        self.save_state.setText(self.tr("Saving\u2026"))

    def _on_saved(self, _result: object) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._in_flight == 0:
            stamp = clock_time(datetime.now(UTC), seconds=True)
            self.save_state.setText(self.tr("Saved %s") % stamp)
            self.saved_at.emit(stamp)

    def _on_save_failed(self, error: BaseException) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self.save_state.setText(self.tr("Not saved"))
        show_error(self, error, self.tr("That change was not saved"))
        self.reload_requested.emit()

    # -- moving ------------------------------------------------------------------------------

    def _advance(self, behavior_id: str) -> None:
        index = self._order.index(behavior_id)
        if index + 1 < len(self._order):
            self.rows[self._order[index + 1]].setFocus()

    @Slot(int)
    def _on_move(self, step: int) -> None:
        row = self.sender()
        if not isinstance(row, BehaviorRow):
            return
        index = self._order.index(row.item.id) + step
        if 0 <= index < len(self._order):
            self.rows[self._order[index]].setFocus()

    @Slot(str)
    def _on_row_focused(self, behavior_id: str) -> None:
        self.scroll_area.ensureWidgetVisible(self.rows[behavior_id], 0, 40)

    def focused_behavior(self) -> str | None:
        """The behavior whose row (or note) has the keyboard focus."""
        widget: QWidget | None = self.focusWidget()
        while widget is not None and not isinstance(widget, BehaviorRow):
            widget = widget.parentWidget()
        return widget.item.id if isinstance(widget, BehaviorRow) else None

    def missing(self) -> list[str]:
        """Behaviors neither rated nor marked 'no opportunity', as shown."""
        return [b for b in self._order if self.rows[b].value is None]

    def focus_first_missing(self) -> None:
        """Put the focus on the first behavior still open (the first one when all are done)."""
        if not self._order:
            return
        missing = self.missing()
        row = self.rows[missing[0] if missing else self._order[0]]
        row.setFocus()
        self.scroll_area.ensureWidgetVisible(row, 0, 40)

    @property
    def idle(self) -> bool:
        """True when nothing is waiting to be saved."""
        return self._in_flight == 0

    def has_focus_within(self) -> bool:
        """True when the keyboard focus is on this page."""
        widget = self.focusWidget()
        return widget is not None and self.isAncestorOf(widget)


def _own_words(detail: ObservationDetail) -> list[str]:
    """Words a note may use that no dictionary has: the instrument's and the people's names."""
    texts = [detail.instrument.title, detail.summary.worker_name, detail.summary.coach_name]
    for group in detail.instrument.groups:
        texts.append(group.label)
        for item in group.items:
            texts += [item.label, item.description, *item.indicators]
    return texts
