"""Where each office stands: supports, stage, leaders' shares by month."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime


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
