"""Plain, immutable views handed to the UI, the CLI and reports."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from cfpm_coach.domain.agreement import PairAgreement
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import ObservationScore, Score
from cfpm_coach.domain.trends import Trend


class ListedWorker(NamedTuple):
    """A worker as the list names them before their figures are read.

    `key` is the id as SQLite stores it (32 hex digits, `uuid.UUID.hex`): turning 50,000
    stored ids into UUID objects cost more than reading them.
    """

    key: str
    name: str
    office: str
    active: int  # 1 or 0, as stored


@dataclass(frozen=True)
class CoachView:
    """The coach profile of this device."""

    id: uuid.UUID
    name: str
    role: str
    county: str
    office: str
    device_id: uuid.UUID


@dataclass(frozen=True)
class WorkerView:
    """A worker and how their coaching stands."""

    id: uuid.UUID
    name: str
    role: str
    unit: str
    office: str
    county: str
    active: bool
    observation_count: int = 0
    last_observed_at: datetime | None = None
    # Latest finalized practice observation's share proficient per element id (None: not observed).
    element_scores: dict[str, float | None] = field(default_factory=dict)


def fidelity(worker: WorkerView) -> float | None:
    """The mean of a worker's element shares (None: no element observed): the list's Fidelity."""
    scores = [s for s in worker.element_scores.values() if s is not None]
    return sum(scores) / len(scores) if scores else None


def listing_key(worker_id: uuid.UUID) -> str:
    """A worker's key in a WorkerListing (ListedWorker.key)."""
    return worker_id.hex


# The orders the worker list offers; all but the last are the database's to give.
WORKER_ORDERS = ("name", "office", "last_observed", "fidelity")


@dataclass(frozen=True)
class WorkerListing:
    """Every listed worker in the asked order, and the figures of only some of them.

    `workers` names every worker (key, name, office, status: plain tuples, as 50,000 views
    would cost more than reading them); `figured` holds the full views (role, unit, last
    observation, element scores) of the workers whose figures were read, by key.
    """

    workers: list[ListedWorker]
    figured: dict[str, WorkerView]
    order: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class RatingView:
    """One behavior's rating in an observation."""

    behavior_id: str
    value: int | None
    note: str
    updated_at: datetime


@dataclass(frozen=True)
class AmendmentView:
    """A correction made after finalizing."""

    id: uuid.UUID
    reason: str
    opened_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class ObservationSummary:
    """A line of an observation list."""

    id: uuid.UUID
    worker_id: uuid.UUID | None  # None: an office's assessment (see office)
    worker_name: str  # for an office's assessment: its office and county
    coach_name: str
    instrument_id: str
    instrument_version: int
    instrument_title: str
    setting: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    score: Score
    group_scores: dict[str, Score]
    rated: int
    total: int
    # Group scores in the newest installed version of the instrument, through its crosswalk;
    # a group none of whose behaviors continue this version's is absent: "not comparable".
    current_scores: dict[str, Score] = field(default_factory=dict)
    casework_component: str | None = None
    # An office's assessment: the office, its county and its implementation stage.
    office: str | None = None
    county: str | None = None
    implementation_stage: str | None = None


@dataclass(frozen=True)
class ObservationDetail:
    """Everything about one observation, with its instrument and scores."""

    summary: ObservationSummary
    instrument: Instrument
    case_reference: str | None
    co_observer: str | None
    strengths: str
    growth_areas: str
    next_steps: str
    finalized_at: datetime | None
    ratings: dict[str, RatingView]
    amendments: list[AmendmentView]
    scores: ObservationScore
    editable: bool
    revision: int
    pair_code: str | None = None  # shared with the other coach's observation of the visit

    @property
    def id(self) -> uuid.UUID:
        """The observation's id."""
        return self.summary.id

    def value(self, behavior_id: str) -> int | None:
        """The current value of a behavior, None when unrated."""
        rating = self.ratings.get(behavior_id)
        return None if rating is None else rating.value


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


@dataclass(frozen=True)
class StoreStatus:
    """What `db check` reports."""

    path: str
    schema_revision: str
    problems: list[str]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        """True when SQLite found nothing wrong."""
        return not self.problems


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


@dataclass(frozen=True)
class VisitAgreement:
    """One co-observed visit: who rated it and how alike (kappa for the first two coaches)."""

    pair_code: str
    worker_name: str
    started_at: datetime
    coaches: list[str]
    observation_ids: list[uuid.UUID]
    agreement: PairAgreement
    alpha: float | None  # Krippendorff's ordinal alpha over every coach who rated the visit


@dataclass(frozen=True)
class CoachPairAgreement:
    """Two coaches over all their shared visits, and month by month."""

    coaches: tuple[str, str]
    visits: int
    agreement: PairAgreement
    by_month: list[tuple[str, PairAgreement]]


@dataclass(frozen=True)
class BehaviorAgreement:
    """How alike coaches rate one behavior, over every co-observed visit."""

    behavior_id: str
    label: str
    items: int
    exact: float | None
    within_one: float | None
    mean_difference: float | None


@dataclass(frozen=True)
class AgreementReport:
    """Everything the agreement view and PDF show."""

    instrument: Instrument
    visits: list[VisitAgreement]
    coach_pairs: list[CoachPairAgreement]
    behaviors: list[BehaviorAgreement]  # most disagreement first: calibrate these


@dataclass(frozen=True)
class GroupComparison:
    """One leadership group (Lean In, Lift Up, ...): the leader's own view next to others'."""

    group_id: str
    label: str
    self_score: Score
    others_score: Score

    @property
    def gap(self) -> float | None:
        """Self minus others, in share-proficient points (positive: rates themselves higher)."""
        if self.self_score.share_proficient is None or self.others_score.share_proficient is None:
            return None
        return self.self_score.share_proficient - self.others_score.share_proficient


@dataclass(frozen=True)
class BehaviorComparison:
    """One leadership behavior: the latest self-rating and the mean of others' ratings."""

    behavior_id: str
    label: str
    group_id: str
    self_value: int | None
    others_mean: float | None
    others_count: int


@dataclass(frozen=True)
class LeadershipComparison:
    """Self vs others for a leader, now and quarter by quarter."""

    worker: WorkerView
    instrument: Instrument
    self_assessed_at: datetime | None
    others_observations: int
    groups: list[GroupComparison]
    behaviors: list[BehaviorComparison]
    # quarter ("2026-Q3"), group id, self share, others share
    over_time: list[tuple[str, str, float | None, float | None]]


@dataclass(frozen=True)
class DomainShare:
    """One group (domain) of an instrument: the share of its scored ratings at the top level
    (In place, Accomplished), and how many ratings that share is of."""

    id: str
    label: str
    share: float | None
    ratings: int


@dataclass(frozen=True)
class MonthShare:
    """One month of a practice trend: the share of ratings at standard, of how many."""

    month: str  # "2026-03"
    share: float | None
    ratings: int


@dataclass(frozen=True)
class AssessmentLine:
    """One assessment of an office (a draft or finished), to open from the offices view."""

    id: uuid.UUID
    started_at: datetime
    status: str
    stage: str | None


@dataclass(frozen=True)
class OfficeStanding:
    """Where one office stands: its latest implementation-supports profile and stage, its
    leaders' profile and its workers' practice trend, side by side."""

    office: str
    county: str
    assessed_at: datetime | None  # None: no finished implementation-supports assessment
    stage: str | None
    supports: list[DomainShare]
    leadership: list[DomainShare]
    leaders: int  # leaders whose latest leadership observation is pooled above
    practice: list[MonthShare]  # oldest month first
    workers: int
    assessments: int  # finished implementation-supports assessments of the office
    # Every live assessment of the office, drafts included, newest first.
    lines: list[AssessmentLine] = field(default_factory=list)


@dataclass(frozen=True)
class OfficeStandings:
    """Every office known on this laptop (from its workers or its assessments)."""

    offices: list[OfficeStanding]
    supports_title: str
    supports_level: str  # the label counted as in place ("In place")
    leadership_title: str
    practice_title: str
    months: int
