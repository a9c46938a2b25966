"""Inter-rater agreement: visits, pairs of coaches, behaviors to calibrate."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from cfpm_coach.domain.agreement import PairAgreement
from cfpm_coach.domain.instruments import Instrument


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
