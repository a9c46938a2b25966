"""Start an observation: worker, instrument, setting, when, optional casework component, case
reference and co-observer."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cfpm_coach.domain import pairing
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.domain.shipped import SHIPPED_PRACTICE
from cfpm_coach.domain.vocabulary import CaseworkComponent, Setting
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog, WorkerFields
from cfpm_coach.ui.language.office_texts import stage_label
from cfpm_coach.ui.models.table_models import SHORT, casework_label, date_edit_format, setting_label
from cfpm_coach.ui.widgets.form_rows import add_row
from cfpm_coach.ui.widgets.worker_picker import WorkerPicker
from cfpm_coach.views.worker_choice import WorkerChoice


@dataclass(frozen=True)
class StartRequest:
    """What the coach chose. new_worker is set when the worker was created in the dialog."""

    worker_id: uuid.UUID | None
    new_worker: WorkerFields | None
    instrument_id: str
    setting: str
    started_at: datetime
    case_reference: str
    co_observer: str
    pair_code: str = ""
    instrument_version: int | None = None  # None: the newest
    casework_component: str = ""
    # An office's assessment (the instrument rates an office): no worker, these instead.
    office: str = ""
    county: str = ""
    implementation_stage: str = ""

    @property
    def rates_office(self) -> bool:
        """True when this starts an assessment of an office, not an observation of a worker."""
        return bool(self.office)


class StartDialog(QDialog):
    """A short form; everything but the worker has a sensible default. An instrument that rates
    an office swaps the worker for the office, its county and its implementation stage."""

    def __init__(self, parent: QWidget | None, workers: Sequence[WorkerChoice],
                 instruments: list[Instrument], *, selected_worker: uuid.UUID | None = None,
                 default_instrument: str | tuple[str, int] | None = SHIPPED_PRACTICE) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New observation"))
        self.setObjectName("startDialog")
        self._new_worker: WorkerFields | None = None
        form = QFormLayout(self)

        self.worker = WorkerPicker([w for w in workers if w.active], selected_worker)
        self.worker.setAccessibleName(self.tr("Worker"))
        new_worker = QPushButton(self.tr("New worker\u2026"))
        new_worker.setAccessibleName(self.tr("Create a new worker"))
        new_worker.setAutoDefault(False)  # Enter starts observing; it never adds a worker
        new_worker.clicked.connect(self._create_worker)
        row = QHBoxLayout()
        row.addWidget(self.worker, 1)
        row.addWidget(new_worker)
        worker_label = QLabel(self.tr("&Worker"))
        worker_label.setBuddy(self.worker)
        form.addRow(worker_label, row)
        self._worker_row = worker_label
        # Why Enter did not start: what was typed names no worker, or several.
        self.worker_problem = QLabel()
        self.worker_problem.setObjectName("workerProblem")
        self.worker_problem.setWordWrap(True)
        self._clear_worker_problem()
        form.addRow("", self.worker_problem)
        self.worker.editTextChanged.connect(self._clear_worker_problem)
        self._add_office_rows(form, workers)

        self.instrument = QComboBox()
        self.instrument.setAccessibleName(self.tr("Instrument"))
        # The newest version of each instrument first; earlier versions stay selectable so a
        # worker can be rated as before while a county moves over.
        self._rates_office = {i.key: i.subject == "office" for i in instruments}
        newest: dict[str, int] = {}
        for instrument in instruments:
            if instrument.version > newest.get(instrument.id, 0):
                newest[instrument.id] = instrument.version
        ordered = sorted(instruments, key=lambda i: (i.version != newest[i.id], i.title,
                                                     -i.version))
        for instrument in ordered:
            text = f"{instrument.title} (v{instrument.version})"
            if instrument.version != newest[instrument.id]:
                text += self.tr(" \u2014 earlier version")
            self.instrument.addItem(text, instrument.key)
        keys = [self.instrument.itemData(i) for i in range(self.instrument.count())]
        # An id alone means its newest version; (id, version) a version chosen in Settings.
        wanted = default_instrument if isinstance(default_instrument, tuple) else (
            default_instrument, newest.get(default_instrument or "", 0))
        self.instrument.setCurrentIndex(keys.index(wanted) if wanted in keys else 0)
        form.addRow(self.tr("&Instrument"), self.instrument)
        self.instrument.currentIndexChanged.connect(self._follow_subject)

        self.setting = QComboBox()
        self.setting.setAccessibleName(self.tr("Setting"))
        for setting in Setting:
            self.setting.addItem(setting_label(setting.value), setting.value)
        form.addRow(self.tr("&Setting"), self.setting)

        self.casework = QComboBox()
        self.casework.setAccessibleName(self.tr("Casework component"))
        self.casework.setToolTip(self.tr(
            "Optional: the phase of the work with the family this visit belonged to."))
        self.casework.addItem(self.tr("Not stated"), "")
        for component in CaseworkComponent:
            self.casework.addItem(casework_label(component.value), component.value)
        form.addRow(self.tr("Casewor&k component"), self.casework)

        self.started = QDateTimeEdit(QDateTime.currentDateTime())
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat(f"{date_edit_format()} {QLocale().timeFormat(SHORT)}")
        self.started.setAccessibleName(self.tr("Date and start time"))
        form.addRow(self.tr("&Date and start"), self.started)

        self.case_reference = QLineEdit()
        self.case_reference.setMaxLength(40)
        self.case_reference.setPlaceholderText(self.tr("Optional, e.g. a case number"))
        self.case_reference.setAccessibleName(self.tr("Case reference"))
        form.addRow(self.tr("&Case reference"), self.case_reference)
        warning = QLabel(self.tr(
            "\u26a0 Never type a child's or family's name here: a case number only. It stays on "
            "this laptop unless an export is told to include it."))
        warning.setWordWrap(True)
        warning.setObjectName("privacyWarning")
        form.addRow("", warning)
        self._worker_only = [self.casework, self.case_reference, warning]

        self.co_observer = QLineEdit()
        self.co_observer.setPlaceholderText(self.tr("Optional: another coach rating this visit"))
        self.co_observer.setAccessibleName(self.tr("Co-observer"))
        self.co_observer.setMaxLength(120)  # a name; the services refuse longer
        form.addRow(self.tr("C&o-observer"), self.co_observer)
        self.pair_code = QLineEdit()
        self.pair_code.setPlaceholderText(self.tr("Both coaches type the same code"))
        self.pair_code.setAccessibleName(self.tr("Pair code"))
        self.pair_code.setToolTip(self.tr(
            "When two coaches rate the same visit, one makes a code and the other types it: "
            "the two observations are then compared for agreement."))
        new_code = QPushButton(self.tr("New code"))
        new_code.setAccessibleName(self.tr("Make a new pair code"))
        new_code.setAutoDefault(False)
        new_code.clicked.connect(self._new_pair_code)
        pair_row = QHBoxLayout()
        pair_row.addWidget(self.pair_code, 1)
        pair_row.addWidget(new_code)
        add_row(form, self.tr("&Pair code"), pair_row, self.pair_code)
        self.pair_code.textChanged.connect(self._update_ok)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(self.tr("Start observing"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        # Made default once inside the dialog: set before, Qt let the first button win (Enter
        # opened "New worker").
        self.start_button.setDefault(True)
        self._form = form
        self._follow_subject()

    def _add_office_rows(self, form: QFormLayout, workers: Sequence[WorkerChoice]) -> None:
        """Office, county and stage: shown instead of the worker for an office instrument."""
        places = sorted({(w.office, w.county) for w in workers if w.office})
        self._county_of = dict(places)
        self.office = QComboBox()
        self.office.setEditable(True)
        self.office.setAccessibleName(self.tr("Office"))
        self.office.addItems(list(dict.fromkeys(office for office, _ in places)))
        self.office.setCurrentIndex(-1)
        self.office.setPlaceholderText(self.tr("The office assessed"))
        self.office.currentTextChanged.connect(self._office_changed)
        self.county = QLineEdit()
        self.county.setAccessibleName(self.tr("County"))
        self.county.setMaxLength(120)
        self.county.textChanged.connect(self._update_ok)
        place = QHBoxLayout()
        place.addWidget(self.office, 1)
        place.addWidget(QLabel(self.tr("County")))
        place.addWidget(self.county, 1)
        self._office_label = add_row(form, self.tr("O&ffice"), place, self.office)
        self.stage = QComboBox()
        self.stage.setAccessibleName(self.tr("Implementation stage"))
        self.stage.setToolTip(self.tr(
            "Where the office stands in putting the practice model in place."))
        for stage in ImplementationStage:
            self.stage.addItem(stage_label(stage.value), stage.value)
        form.addRow(self.tr("Implementation s&tage"), self.stage)

    def rates_office(self) -> bool:
        """True when the chosen instrument rates an office."""
        return bool(self._rates_office.get(self.instrument.currentData(), False))

    def _follow_subject(self) -> None:
        office = self.rates_office()
        form = self._form
        form.setRowVisible(self._worker_row, not office)
        form.setRowVisible(self._office_label, office)
        form.setRowVisible(self.stage, office)
        for widget in self._worker_only:
            form.setRowVisible(widget, not office)
        self._clear_worker_problem()
        # An office is assessed with its people, not on a home visit: the first setting offered
        # follows the subject until the coach picks one.
        wanted = Setting.TEAM_MEETING if office else Setting.HOME_VISIT
        if self.setting.currentData() in (Setting.TEAM_MEETING.value, Setting.HOME_VISIT.value):
            self.setting.setCurrentIndex(self.setting.findData(wanted.value))
        self._update_ok()

    def _office_changed(self, text: str) -> None:
        county = self._county_of.get(text.strip())
        if county and not self.county.text().strip():
            self.county.setText(county)
        self._update_ok()

    def _create_worker(self) -> None:
        fields = WorkerDialog.ask(self)
        if fields is None:
            return
        self._new_worker = fields
        new = self.tr("new")
        self.worker.add_new(f"{fields.name} ({new})")
        self._update_ok()

    def _new_pair_code(self) -> None:
        self.pair_code.setText(pairing.new_code())

    def _pair_code_ok(self) -> bool:
        text = self.pair_code.text().strip()
        if not text:
            return True
        try:
            pairing.normalize(text)
        except InvalidInputError:
            return False
        return True

    def _update_ok(self) -> None:
        ok = self._pair_code_ok()
        self.pair_code.setStyleSheet("" if ok else "color: #b3261e;")
        if getattr(self, "_form", None) is not None and self.rates_office():
            subject = bool(self.office.currentText().strip() and self.county.text().strip())
        else:
            subject = self.worker.count() > 0
        self.start_button.setEnabled(subject and ok)

    def _started_at(self) -> datetime:
        value = self.started.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.astimezone()

    def accept(self) -> None:
        """Start, once what was typed in the worker picker names one worker."""
        if not self.rates_office():
            problem = self.worker.settle()
            if problem is not None:
                self.worker_problem.setText(problem)
                self.worker_problem.show()
                self.worker.setAccessibleDescription(problem)  # read out with the field
                self._grow_to_fit()
                self.worker.setFocus(Qt.FocusReason.OtherFocusReason)
                self.worker.show_matches()
                return
        super().accept()

    @Slot()
    def _clear_worker_problem(self) -> None:
        self.worker_problem.hide()
        self.worker.setAccessibleDescription("")

    def _grow_to_fit(self) -> None:
        """Taller when a row appears, so the rows below it keep their room."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def request(self) -> StartRequest:
        """What was chosen."""
        worker_id = self.worker.current_id()
        if self.rates_office():
            return StartRequest(
                worker_id=None, new_worker=None,
                instrument_id=self.instrument.currentData()[0],
                instrument_version=self.instrument.currentData()[1],
                setting=self.setting.currentData(), started_at=self._started_at(),
                case_reference="", co_observer=self.co_observer.text().strip(),
                pair_code=self.pair_code.text().strip(),
                office=self.office.currentText().strip(), county=self.county.text().strip(),
                implementation_stage=self.stage.currentData())
        return StartRequest(
            worker_id=worker_id,
            new_worker=self._new_worker if worker_id is None else None,
            instrument_id=self.instrument.currentData()[0],
            instrument_version=self.instrument.currentData()[1],
            setting=self.setting.currentData(),
            casework_component=self.casework.currentData(),
            started_at=self._started_at(),
            case_reference=self.case_reference.text().strip(),
            co_observer=self.co_observer.text().strip(),
            pair_code=self.pair_code.text().strip(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, workers: Sequence[WorkerChoice],
            instruments: list[Instrument], *, selected_worker: uuid.UUID | None = None,
            default_instrument: str | tuple[str, int] | None = SHIPPED_PRACTICE
            ) -> StartRequest | None:
        """Open the dialog; the request, or None when cancelled."""
        dialog = cls(parent, workers, instruments, selected_worker=selected_worker,
                     default_instrument=default_instrument)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
