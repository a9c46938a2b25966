"""Element scores over time, pooled by month: what the trend chart and reports draw."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import Score
from cfpm_coach.domain.vocabulary import FINISHED


class ScoredObservation(Protocol):
    """What a trend reads of an observation (views.observations.ObservationSummary has it)."""

    @property
    def instrument_id(self) -> str: ...
    @property
    def instrument_version(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def group_scores(self) -> dict[str, Score]: ...
    @property
    def current_scores(self) -> dict[str, Score]: ...


@dataclass(frozen=True)
class Trend:
    """Share Accomplished per group (element) per month; None where nothing was observed."""

    months: list[str]  # "2026-03", oldest first
    groups: list[tuple[str, str]]  # (group id, label), instrument order
    series: dict[str, list[float | None]]
    observations: list[int]  # finished observations per month
    # (group id, month) where every observation was rated on an earlier version none of whose
    # behaviors this group continues: drawn as a gap and printed "not comparable".
    not_comparable: frozenset[tuple[str, str]] = frozenset()

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.months


def monthly_trend(instrument: Instrument, observations: Iterable[ScoredObservation]) -> Trend:
    """Pool finished observations of the instrument by local month.

    `instrument` is the newest version: observations rated on an earlier one count in its
    groups through the crosswalk (their `current_scores`); newer ones are left out.
    """
    # Per month, per group: [scored ratings, proficient ones]; one lookup per group.
    tallies: dict[str, dict[str, list[int]]] = {}
    counts: dict[str, int] = defaultdict(int)
    for obs in observations:
        if obs.instrument_id != instrument.id or obs.status not in FINISHED \
                or obs.instrument_version > instrument.version:
            continue
        month = obs.started_at.astimezone().strftime("%Y-%m")
        counts[month] += 1
        groups = tallies.get(month)
        if groups is None:
            groups = tallies[month] = {}
        for group_id, score in scores_in(instrument, obs).items():
            tally = groups.get(group_id)
            if tally is None:
                groups[group_id] = [score.observed, score.proficient]
            else:
                tally[0] += score.observed
                tally[1] += score.proficient
    months = sorted(counts)
    series = {group.id: [_share(tallies[m].get(group.id)) for m in months]
              for group in instrument.groups}
    gaps = frozenset((g.id, m) for g in instrument.groups for m in months
                     if g.id not in tallies[m])
    return Trend(months, [(g.id, g.label) for g in instrument.groups], series,
                 [counts[m] for m in months], gaps)


def _share(tally: list[int] | None) -> float | None:
    """Proficient over scored of a month's tally (None: nothing scored)."""
    return tally[1] / tally[0] if tally and tally[0] else None


def scores_in(instrument: Instrument, obs: ScoredObservation) -> dict[str, Score]:
    """An observation's group scores in the groups of `instrument` (the newest version of its
    instrument): its own, or carried through the crosswalk; a group absent is not comparable."""
    if obs.instrument_id != instrument.id or obs.instrument_version > instrument.version:
        return {}
    return obs.group_scores if obs.instrument_version == instrument.version \
        else obs.current_scores


def share_in(instrument: Instrument, obs: ScoredObservation | None, group_id: str
             ) -> float | None:
    """Share Accomplished of one group in an observation (None: no data or not comparable)."""
    if obs is None:
        return None
    score = scores_in(instrument, obs).get(group_id)
    return None if score is None else score.share_proficient


def comparable_in(instrument: Instrument, obs: ScoredObservation | None, group_id: str) -> bool:
    """False when the observation's version has no behavior this group continues."""
    return obs is None or group_id in scores_in(instrument, obs)
