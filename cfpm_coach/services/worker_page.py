"""The figures of a worker's page worked out from the rows its history already read.

The page showed the worker's row (observation count, last observation, element shares of the
latest finished practice observation) next to their history, and read and scored that row's
observations a second time through the worker list's queries. The history holds every live
observation of the worker newest first and their ratings, so the same figures follow from it.
"""

import uuid
from collections.abc import Callable, Sequence

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.storage.observation_repo import ObservationLine, RatingValues
from cfpm_coach.storage.worker_repo import WorkerActivity

# _CarriedShares.of: element shares of ratings made on an earlier version (None: unknown).
CarriedShares = Callable[[str, int, RatingValues], dict[str, float | None] | None]


def activity(lines: Sequence[ObservationLine]) -> WorkerActivity | None:
    """worker_repo.activity of the worker whose live observations these are, newest first."""
    return WorkerActivity(len(lines), lines[0].started_at) if lines else None


def latest_element_scores(
    practice: Instrument, lines: Sequence[ObservationLine],
    values: dict[uuid.UUID, RatingValues], carried: CarriedShares,
) -> dict[str, float | None] | None:
    """WorkerService._element_scores of this worker, from their observations (newest first)
    and rating values; None when two finished practice observations share the latest start
    time, as which of them is the latest is then the database's choice (ask it)."""
    latest = second = None
    for line in lines:
        if line.instrument_id == practice.id and line.status in FINISHED:
            if latest is None:
                latest = line
                continue
            second = line
            break
    if latest is None:
        return {}
    if second is not None and second.started_at == latest.started_at:
        return None
    ratings = values.get(latest.id, {})
    if latest.instrument_version < practice.version:
        return carried(latest.instrument_id, latest.instrument_version, ratings) or {}
    if latest.instrument_version > practice.version or not ratings:
        # Neither query of the list finds it: rated on a newer version, or no rating rows.
        return {}
    return _shares_by_prefix(practice, ratings)


def _shares_by_prefix(practice: Instrument, ratings: RatingValues) -> dict[str, float | None]:
    """observation_repo.latest_group_tallies' shares of one observation: a rating counts in
    the group named by its behavior id before the dot, as that query groups them."""
    scored, threshold = practice.scale.scored_set, practice.scale.proficient_threshold
    observed: dict[str, int] = {}
    proficient: dict[str, int] = {}
    for behavior_id, value in ratings.items():
        # SQL's substr(id, 1, instr(id, '.') - 1): empty when there is no dot.
        group = behavior_id[:max(behavior_id.find("."), 0)]
        observed.setdefault(group, 0)
        proficient.setdefault(group, 0)
        if value is not None and value in scored:
            observed[group] += 1
            if value >= threshold:
                proficient[group] += 1
    return {group.id: (proficient[group.id] / observed[group.id]
                       if observed.get(group.id) else None)
            for group in practice.groups}
