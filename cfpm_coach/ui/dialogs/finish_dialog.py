"""Finishing an observation: strengths, growth areas, next steps, goals, then Finalize."""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.ui.look import appearance, theme
from cfpm_coach.ui.models.table_models import date_edit_format
from cfpm_coach.ui.widgets.note_field import NoteField
from cfpm_coach.views.observations import ObservationDetail

NOTES_SAVE_DELAY_MS = 800


@dataclass(frozen=True)
class GoalDraft:
    """A goal typed in the dialog, created when the coach adds it."""

    text: str
    behavior_ids: list[str]
    due_date: date | None


class FinishDialog(QDialog):
    """Debrief notes are saved as they are typed; Finalize locks the observation."""

    notes_changed = Signal(dict)  # field name to text
    goal_added = Signal(object)  # GoalDraft
    finalize_requested = Signal()

    def __init__(self, detail: ObservationDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(self.tr("Finish Observation \u2014 %s") % detail.summary.worker_name)
        self.setObjectName("finishDialog")
        layout = QVBoxLayout(self)

        scores = detail.scores
        summary = QLabel(self._summary_text())
        summary.setWordWrap(True)
        summary.setObjectName("finishSummary")
        summary.setStyleSheet("font-weight: 600")
        layout.addWidget(summary)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setObjectName("missingList")
        layout.addWidget(self.missing_label)
        self._show_missing(scores.unrated)

        notes = QGroupBox(self.tr("Debrief"))
        form = QFormLayout(notes)
        self.strengths = self._text(detail.strengths, self.tr("Strengths"))
        self.growth_areas = self._text(detail.growth_areas, self.tr("Growth areas"))
        self.next_steps = self._text(detail.next_steps, self.tr("Agreed next steps"))
        form.addRow(self.tr("&Strengths"), self.strengths)
        form.addRow(self.tr("&Growth areas"), self.growth_areas)
        form.addRow(self.tr("Agreed &next steps"), self.next_steps)
        layout.addWidget(notes)

        goals = QGroupBox(self.tr("Goal (optional)"))
        goal_form = QFormLayout(goals)
        self.goal_text = NoteField()
        self.goal_text.setPlaceholderText(self.tr("What the worker will practise"))
        self.goal_text.setAccessibleName(self.tr("Goal text"))
        goal_form.addRow(self.tr("G&oal"), self.goal_text)
        self.goal_behaviors = QListWidget()
        self.goal_behaviors.setAccessibleName(self.tr("Behaviors the goal is about"))
        for group in detail.instrument.groups:
            for item in group.items:
                # Labels only: an id like "engagement.1" means nothing to a coach.
                entry = QListWidgetItem(item.label)
                entry.setToolTip(f"{group.label}: {item.description}")
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.goal_behaviors.addItem(entry)
        # Three to five rows in view: in the touch density a row is a finger's 40 px, not a
        # line of text.
        row = max(self.fontMetrics().height(),
                  theme.TOUCH_TARGET_PX if appearance.current().density == "touch" else 0)
        self.goal_behaviors.setMaximumHeight(row * 5 + self.fontMetrics().height() * 2)
        self.goal_behaviors.setMinimumHeight(row * 3 + 4)  # the notes above took its room
        goal_form.addRow(self.tr("&Behaviors"), self.goal_behaviors)
        due_row = QHBoxLayout()
        self.has_due = QCheckBox(self.tr("Due"))
        self.due = QDateEdit(QDate.currentDate().addDays(30))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_edit_format())
        self.due.setEnabled(False)
        self.due.setAccessibleName(self.tr("Goal due date"))
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        self.add_goal_button = QPushButton(self.tr("Add goal"))
        self.add_goal_button.clicked.connect(self._add_goal)
        due_row.addWidget(self.add_goal_button)
        goal_form.addRow(due_row)
        self.goals_added = QLabel()
        self.goals_added.setWordWrap(True)
        goal_form.addRow(self.goals_added)
        layout.addWidget(goals)
        # A goal is a worker's: an office's assessment has none.
        goals.setVisible(detail.summary.worker_id is not None)

        self.buttons = QDialogButtonBox()
        self.later_button = self.buttons.addButton(self.tr("Keep as draft"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.finalize_button = self.buttons.addButton(self.tr("Finalize"),
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.finalize_button.setDefault(True)
        self.buttons.rejected.connect(self._close_keeping_draft)
        self.buttons.accepted.connect(self._finalize)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._saved = self._notes()
        for field in (self.strengths, self.growth_areas, self.next_steps):
            field.textChanged.connect(self._timer.start)
        self.resize(self.fontMetrics().averageCharWidth() * 130,
                    self.fontMetrics().height() * 46)

    def _summary_text(self) -> str:
        scores = self.detail.scores
        share = scores.overall.share_proficient
        proficient = "\u2014" if share is None else f"{round(share * 100)}%"
        scale = self.detail.instrument.scale
        return self.tr(
            "%1 behaviors rated, %2 marked no opportunity, %3 still open. "
            "%5: %4 of observed behaviors."
        ).replace("%1", str(scores.rated)).replace("%2", str(scores.no_opportunity)).replace(
            "%3", str(scores.unrated)).replace("%4", proficient).replace(
            "%5", scale.level(scale.proficient_threshold).label)

    def _show_missing(self, unrated: int) -> None:
        if not unrated:
            self.missing_label.setVisible(False)
            return
        labels = [item.label for item in self.detail.instrument.items
                  if self.detail.value(item.id) is None]
        self.missing_label.setText(self.tr("Not yet rated: ") + "; ".join(labels))

    def _text(self, value: str, name: str) -> QPlainTextEdit:
        field = QPlainTextEdit(value)
        field.setAccessibleName(name)
        field.setTabChangesFocus(True)
        field.setMinimumHeight(self.fontMetrics().height() * 3)
        from cfpm_coach.ui.widgets import spell_check  # not on the start-up path

        spell_check.attach(field)
        return field

    def _notes(self) -> dict[str, str]:
        return {"strengths": self.strengths.toPlainText(),
                "growth_areas": self.growth_areas.toPlainText(),
                "next_steps": self.next_steps.toPlainText()}

    @Slot()
    def flush(self) -> None:
        """Save the notes now if they changed."""
        self._timer.stop()
        notes = self._notes()
        changed = {k: v for k, v in notes.items() if v != self._saved.get(k)}
        if changed:
            self._saved = notes
            self.notes_changed.emit(changed)

    def _add_goal(self) -> None:
        text = self.goal_text.text().strip()
        behaviors = [
            self.goal_behaviors.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.goal_behaviors.count())
            if self.goal_behaviors.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not text or not behaviors:
            self.goals_added.setText(self.tr("A goal needs its text and at least one behavior."))
            return
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        self.goal_added.emit(GoalDraft(text, behaviors, due))  # type: ignore[arg-type]
        self.goals_added.setText(self.tr("Goal added: %s") % text)
        self.goal_text.clear()
        for i in range(self.goal_behaviors.count()):
            self.goal_behaviors.item(i).setCheckState(Qt.CheckState.Unchecked)

    def check_behaviors(self, behavior_ids: list[str]) -> None:
        """Tick behaviors for the goal (the checklist's focused one, say)."""
        for i in range(self.goal_behaviors.count()):
            entry = self.goal_behaviors.item(i)
            if entry.data(Qt.ItemDataRole.UserRole) in behavior_ids:
                entry.setCheckState(Qt.CheckState.Checked)

    def _close_keeping_draft(self) -> None:
        self.flush()
        self.reject()

    def _finalize(self) -> None:
        self.flush()
        self.finalize_requested.emit()
