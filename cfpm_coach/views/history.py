"""A worker's page: history, goals, the evidence behind suggested focus."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from cfpm_coach.domain.trends import Trend
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.workers import WorkerView


@dataclass(frozen=True)
class GoalView:
    """A coaching goal."""

    id: uuid.UUID
    worker_id: uuid.UUID
    observation_id: uuid.UUID | None
    behavior_ids: list[str]
    text: str
    due_date: date | None
    status: str
    created_at: datetime


@dataclass(frozen=True)
class Evidence:
    """One rating behind a focus suggestion (None: not rated or no opportunity that time)."""

    observation_id: uuid.UUID
    started_at: datetime
    value: int | None
    level: str
    # False when the observation was rated on an earlier version with no behavior this one
    # continues (the crosswalk): neither a rating nor a gap.
    comparable: bool = True


@dataclass(frozen=True)
class FocusSuggestion:
    """A behavior to coach next, why (services.focus rules), and the ratings that say so."""

    behavior_id: str
    label: str
    reason: str  # "lowest" or "unseen"
    mean: float | None
    evidence: list[Evidence]


@dataclass(frozen=True)
class WorkerHistory:
    """A worker's page: who, their observations (newest first) and goals."""

    worker: WorkerView
    observations: list[ObservationSummary]
    goals: list[GoalView]
    focus: list["FocusSuggestion"] = field(default_factory=list)
    # behavior id to its values in the last five finished observations, newest first
    recent_ratings: dict[str, list[int | None]] = field(default_factory=dict)
    # Behavior id to label over every installed version of the practice instrument (newest
    # wins), so a goal set on an earlier version's behavior keeps its name.
    behavior_labels: dict[str, str] = field(default_factory=dict)
    # The practice instrument's elements by month (None: no practice instrument installed).
    trend: Trend | None = None
