"""Element scores over time, pooled by month: what the trend chart and reports draw."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.services.read_models import ObservationSummary

FINISHED = ("final", "amended")


@dataclass(frozen=True)
class Trend:
    """Share Accomplished per group (element) per month; None where nothing was observed."""

    months: list[str]  # "2026-03", oldest first
    groups: list[tuple[str, str]]  # (group id, label), instrument order
    series: dict[str, list[float | None]]
    observations: list[int]  # finished observations per month

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.months


def monthly_trend(instrument: Instrument, observations: Iterable[ObservationSummary]) -> Trend:
    """Pool finished observations of the instrument by local month."""
    observed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    proficient: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, int] = defaultdict(int)
    for obs in observations:
        if obs.instrument_id != instrument.id or obs.status not in FINISHED:
            continue
        month = obs.started_at.astimezone().strftime("%Y-%m")
        counts[month] += 1
        for group_id, score in obs.group_scores.items():
            observed[month][group_id] += score.observed
            proficient[month][group_id] += score.proficient
    months = sorted(counts)
    series = {
        group.id: [
            proficient[m][group.id] / observed[m][group.id] if observed[m][group.id] else None
            for m in months
        ]
        for group in instrument.groups
    }
    return Trend(months, [(g.id, g.label) for g in instrument.groups], series,
                 [counts[m] for m in months])
