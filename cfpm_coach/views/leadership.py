"""A leader's self-assessment beside how others rate them."""

from dataclasses import dataclass
from datetime import datetime

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import Score
from cfpm_coach.views.workers import WorkerView


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
