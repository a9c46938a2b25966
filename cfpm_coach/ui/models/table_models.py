"""Small Qt table models over read models: column constants, set_rows() with a model reset."""

import re
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from cfpm_coach.domain.figures import percent
from cfpm_coach.domain.vocabulary import CaseworkComponent, GoalStatus, ObservationStatus, Setting, label_of
from cfpm_coach.ui.language.texts import QT_TR_NOOP, tr
from cfpm_coach.views.history import GoalView
from cfpm_coach.views.observations import ObservationSummary

RowT = TypeVar("RowT")

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ANSWERED_ROLES = frozenset({ROW_ROLE, SORT_ROLE, Qt.ItemDataRole.DisplayRole,
                            Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole})


SHORT = QLocale.FormatType.ShortFormat


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _local_qdatetime(value: datetime) -> QDateTime:
    local = value.astimezone()
    return QDateTime(_qdate(local), QTime(local.hour, local.minute, local.second))


def local_date(value: date | datetime | None) -> str:
    """A date (a UTC time in local time) in the locale's short format: 11/29/26, 29/11/26."""
    if value is None:
        return ""
    day = value.astimezone().date() if isinstance(value, datetime) else value
    return QLocale().toString(_qdate(day), SHORT)


def _time_pattern(seconds: bool) -> str:
    """The locale's time pattern; with seconds, its long one without the time zone's name."""
    if not seconds:
        return QLocale().timeFormat(SHORT)
    return re.sub(r"\s*\(?t+\)?\s*", " ", QLocale().timeFormat(QLocale.FormatType.LongFormat)
                  ).strip()


def date_edit_format() -> str:
    """The locale's short date pattern with a four-digit year, for date fields: M/d/yyyy."""
    pattern = QLocale().dateFormat(SHORT)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def local_time(value: datetime | None, *, seconds: bool = False) -> str:
    """A UTC time as a local date and time in the locale's short format: 11/29/26 11:22 PM."""
    if value is None:
        return ""
    moment = _local_qdatetime(value)
    return " ".join((QLocale().toString(moment.date(), SHORT),
                     QLocale().toString(moment.time(), _time_pattern(seconds))))


def clock_time(value: datetime, *, seconds: bool = False) -> str:
    """Only the local time of day in the locale's format: 11:22 PM, 23:22."""
    return QLocale().toString(_local_qdatetime(value).time(), _time_pattern(seconds))


def month_label(month: str) -> str:
    """A month key ("2026-03") as the locale abbreviates it: Mar 26, mar 26."""
    year, number = month.split("-")
    return QLocale().toString(QDate(int(year), int(number), 1), "MMM yy")


# The domain's setting labels, marked here so that lupdate (which reads the UI) offers them.
SETTING_TEXTS = (QT_TR_NOOP("Home visit"), QT_TR_NOOP("Child and Family Team meeting"),
                 QT_TR_NOOP("Office visit"), QT_TR_NOOP("Phone or video"), QT_TR_NOOP("Court"),
                 QT_TR_NOOP("School"), QT_TR_NOOP("Team or unit meeting"),
                 QT_TR_NOOP("Self-assessment"), QT_TR_NOOP("Other"))


CASEWORK_TEXTS = (QT_TR_NOOP("Engagement"), QT_TR_NOOP("Assessment"),
                  QT_TR_NOOP("Service planning and implementation"),
                  QT_TR_NOOP("Monitoring and adapting"), QT_TR_NOOP("Transition"))


def casework_label(value: str | None) -> str:
    """The label of a casework component code in the UI's language ("" when not given)."""
    return label_of(CaseworkComponent, value, tr)


def setting_label(value: str) -> str:
    """The label of a setting code, in the UI's language."""
    return label_of(Setting, value, tr)


class RowsModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table of rows; subclasses say what each column shows."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def set_rows(self, rows: list[RowT]) -> None:
        """Replace every row (one model reset, not row-by-row inserts)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowT]:
        """The rows shown."""
        return list(self._rows)

    def row_at(self, index: Index) -> RowT | None:
        """The row behind an index, or None."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            # The headers are marked QT_TR_NOOP at class level: lupdate files them context-free.
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES:
            # Font, colours, size hint...: most of the calls a paint makes, none of them ours.
            return None
        row = self.row_at(index)
        if row is None or not 0 <= index.column() < len(self.HEADERS):
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == SORT_ROLE:
            return self.sort_key(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tooltip(row, index.column()) or self.display(row, index.column())
        return None

    def display(self, row: RowT, column: int) -> str:
        """The text of a cell."""
        raise NotImplementedError

    def sort_key(self, row: RowT, column: int) -> Any:
        """What a cell sorts by (its text unless said otherwise)."""
        return self.display(row, column).casefold()

    def tooltip(self, row: RowT, column: int) -> str | None:
        """A cell's tooltip."""
        return None


class ObservationsModel(RowsModel[ObservationSummary]):
    """A worker's observation history."""

    DATE, SETTING, INSTRUMENT, STATUS, RATED, SCORE = range(6)
    HEADERS = (QT_TR_NOOP("Date"), QT_TR_NOOP("Setting"), QT_TR_NOOP("Instrument"),
               QT_TR_NOOP("Status"), QT_TR_NOOP("Rated"), QT_TR_NOOP("Share at standard"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # The practice instrument's proficient level ("Proficient" on a county's 4-level
        # scale), as the chart's title names it; until one is known the heading stays neutral.
        self.proficient_label = ""

    def set_proficient_label(self, label: str) -> None:
        """Head the share column with the level scores count from."""
        if label != self.proficient_label:
            self.proficient_label = label
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.SCORE, self.SCORE)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (section == self.SCORE and self.proficient_label
                and orientation == Qt.Orientation.Horizontal
                and role == Qt.ItemDataRole.DisplayRole):
            return self.tr("Share %1").replace("%1", self.proficient_label)
        return super().headerData(section, orientation, role)

    def display(self, row: ObservationSummary, column: int) -> str:
        if column == self.DATE:
            return local_time(row.started_at)
        if column == self.SETTING:
            # The casework component, when given, beside the setting.
            component = casework_label(row.casework_component)
            return f"{setting_label(row.setting)} \u00b7 {component}" if component \
                else setting_label(row.setting)
        if column == self.INSTRUMENT:
            # The title a coach knows, not the file's id.
            return f"{row.instrument_title} (v{row.instrument_version})"
        if column == self.STATUS:
            return {ObservationStatus.DRAFT.value: self.tr("Draft"),
                    ObservationStatus.FINAL.value: self.tr("Final"),
                    ObservationStatus.AMENDED.value: self.tr("Amended")}.get(row.status, row.status)
        if column == self.RATED:
            return f"{row.rated}/{row.total}"
        return percent(row.score.share_proficient)

    def tooltip(self, row: ObservationSummary, column: int) -> str | None:
        if column == self.INSTRUMENT:
            return f"{row.instrument_id} v{row.instrument_version}"
        if column == self.SCORE and row.score.observed:
            # Each observation counts on its own instrument's scale, whatever heads the column.
            return self.tr("%1 of %2 observed behaviors at or above the proficient level of "
                           "%3").replace("%1", str(row.score.proficient)).replace(
                "%2", str(row.score.observed)).replace("%3", row.instrument_title)
        return None

    def sort_key(self, row: ObservationSummary, column: int) -> Any:
        if column == self.DATE:
            return row.started_at.timestamp()
        if column == self.SCORE:
            return -1.0 if row.score.share_proficient is None else row.score.share_proficient
        return super().sort_key(row, column)


class GoalsModel(RowsModel[GoalView]):
    """A worker's coaching goals, with the recent ratings of the behaviors they are about."""

    TEXT, BEHAVIORS, RECENT, DUE, STATUS = range(5)
    HEADERS = (QT_TR_NOOP("Goal"), QT_TR_NOOP("Behaviors"),
               QT_TR_NOOP("Recent ratings, newest first"), QT_TR_NOOP("Due"), QT_TR_NOOP("Status"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, str] = {}  # behavior id to label
        self.recent: dict[str, str] = {}  # behavior id to its recent ratings, newest first

    def display(self, row: GoalView, column: int) -> str:
        if column == self.TEXT:
            return row.text
        if column == self.BEHAVIORS:
            return ", ".join(self.labels.get(b, b) for b in row.behavior_ids)
        if column == self.RECENT:
            return "; ".join(self.recent.get(b, "\u2014") for b in row.behavior_ids) or "\u2014"
        if column == self.DUE:
            return local_date(row.due_date) if row.due_date else "\u2014"
        return {GoalStatus.OPEN.value: self.tr("Open"), GoalStatus.MET.value: self.tr("Met"),
                GoalStatus.DROPPED.value: self.tr("Dropped")}.get(row.status, row.status)

    def sort_key(self, row: GoalView, column: int) -> Any:
        if column == self.DUE:  # by date, not by the locale's text (11/29 after 2/1)
            return row.due_date.toordinal() if row.due_date else 0
        return super().sort_key(row, column)


def locale_date(value: date | datetime, pattern: str = "dd MMM yyyy") -> str:
    """A date (a UTC time shown in local time) with month and day names in the UI language."""
    if isinstance(value, datetime):
        local = value.astimezone()
        return QLocale().toString(QDateTime(QDate(local.year, local.month, local.day),
                                            QTime(local.hour, local.minute)), pattern)
    return QLocale().toString(QDate(value.year, value.month, value.day), pattern)
