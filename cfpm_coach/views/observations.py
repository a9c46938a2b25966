"""One observation: its ratings, amendments, summary row and full detail."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import ObservationScore, Score


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
