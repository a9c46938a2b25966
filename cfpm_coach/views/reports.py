"""What the observation, worker and unit reports draw."""

from dataclasses import dataclass, field
from datetime import date, datetime

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import Score
from cfpm_coach.domain.trends import Trend
from cfpm_coach.views.history import GoalView
from cfpm_coach.views.observations import ObservationDetail, ObservationSummary
from cfpm_coach.views.workers import WorkerView


@dataclass(frozen=True)
class ObservationReport:
    """What the observation record prints."""

    detail: ObservationDetail
    worker: WorkerView
    goals: list[GoalView]


@dataclass(frozen=True)
class WorkerReport:
    """What the worker coaching summary prints, for one instrument and period."""

    worker: WorkerView
    instrument: Instrument
    start: date
    end: date
    observations: list[ObservationSummary]  # finished ones in the period, newest first
    by_setting: dict[str, int]
    months: list[str]  # "2026-03", oldest first
    # Behavior id to month to the Score of its ratings that month (absent: not rated at all).
    behavior_months: dict[str, dict[str, Score]]
    goals: list[GoalView]
    last_next_steps: str
    last_next_steps_at: datetime | None
    # (behavior id, month) where every observation was rated on an earlier version without a
    # behavior this one continues: printed "n/c", not comparable.
    not_comparable: frozenset[tuple[str, str]] = frozenset()
    # The instrument's elements by month over the period's observations.
    trend: Trend = field(default_factory=lambda: Trend([], [], {}, []))


@dataclass(frozen=True)
class UnitWorkerRow:
    """One worker of a unit summary."""

    worker: WorkerView
    observations_in_period: int
    latest: dict[str, float | None]  # group id to share Accomplished, latest observation
    change: dict[str, float | None]  # latest minus earliest observation in the period
    # Groups the latest observation's version has no behavior for (rated before a crosswalk).
    not_comparable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class UnitReport:
    """What the unit summary prints, for one office, instrument and period."""

    office: str
    instrument: Instrument
    start: date
    end: date
    rows: list[UnitWorkerRow]
    not_observed_lately: list[WorkerView]
    stale_days: int
    behavior_scores: dict[str, Score]  # every finished observation in the period, pooled
    observations: int
    # Per behavior, the observations that could rate it: on its version, or on an earlier one
    # through the crosswalk (absent: every observation could).
    behavior_comparable: dict[str, int] = field(default_factory=dict)
