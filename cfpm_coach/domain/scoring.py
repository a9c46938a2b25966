"""Fidelity scores: the share of observed behaviors at or above 'proficient', and the mean rating.

Decisions (tested in tests/domain/test_scoring.py):
- Only scored values count. 'No opportunity to observe' and unrated behaviors are left out of both
  the numerator and the denominator, so an observation is not punished for what the visit did not
  offer.
- Nothing observed gives a Score with observed == 0 and None for mean and share: "no data", never 0 %.
- An amended observation is scored on its current ratings; the earlier ones live in the audit log.
- A group with `in_overall: false` (the foundation behaviors of cpm-practice v2) has its own
  group score and is left out of the overall score: the overall stays the share of the practice
  behaviors, comparable with versions that had no foundation group. Completion counts (rated,
  no opportunity, unrated) count every behavior, since each one is on the checklist.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cfpm_coach.domain.instruments import Instrument, RatingScale
from cfpm_coach.errors import InvalidInputError


@dataclass(frozen=True)
class Score:
    """A summary of scored ratings."""

    observed: int
    proficient: int
    mean: float | None
    share_proficient: float | None

    @property
    def has_data(self) -> bool:
        """True when at least one behavior was observed."""
        return self.observed > 0


EMPTY_SCORE = Score(observed=0, proficient=0, mean=None, share_proficient=None)


@dataclass(frozen=True)
class ObservationScore:
    """Scores of one observation: overall, per group (practice element) and per behavior."""

    overall: Score
    by_group: dict[str, Score]
    rated: int
    no_opportunity: int
    unrated: int


def score_values(values: Iterable[int | None], scale: RatingScale) -> Score:
    """Score a bag of ratings on one scale; None and unscored values are left out."""
    scored = []
    for value in values:
        if value is None:
            continue
        if value not in scale.scored_values and value not in scale.unscored_values:
            raise InvalidInputError(f"{value} is not a value of the rating scale")
        if scale.is_scored(value):
            scored.append(value)
    if not scored:
        return EMPTY_SCORE
    proficient = sum(1 for v in scored if v >= scale.proficient_threshold)
    return Score(
        observed=len(scored),
        proficient=proficient,
        mean=sum(scored) / len(scored),
        share_proficient=proficient / len(scored),
    )


def score_tally(tally: Mapping[int, int], scale: RatingScale) -> Score:
    """Score counted ratings (value to how many times it was given); unscored values are left out."""
    scored = {v: n for v, n in tally.items() if scale.is_scored(v) and n > 0}
    observed = sum(scored.values())
    if not observed:
        return EMPTY_SCORE
    proficient = sum(n for v, n in scored.items() if v >= scale.proficient_threshold)
    return Score(observed=observed, proficient=proficient,
                 mean=sum(v * n for v, n in scored.items()) / observed,
                 share_proficient=proficient / observed)


def on_scale(instrument: Instrument, ratings: Mapping[str, int | None]) -> dict[str, int | None]:
    """The ratings a score can use: behaviors of the instrument, values of its scale.

    Record checks keep other values out; a store that took them in before those checks still
    reads: an unknown behavior counts nowhere, a value off the scale counts as unrated.
    """
    scale = instrument.scale
    return {item_id: value if value is None or scale.has_value(value) else None
            for item_id, value in ratings.items() if instrument.has_item(item_id)}


def _check_items(instrument: Instrument, ratings: Mapping[str, int | None]) -> None:
    unknown = sorted(item_id for item_id in ratings if not instrument.has_item(item_id))
    if unknown:
        raise InvalidInputError(
            f"Behaviors not in {instrument.id} v{instrument.version}: {', '.join(unknown)}"
        )


def score_observation(instrument: Instrument, ratings: Mapping[str, int | None]) -> ObservationScore:
    """Score one observation's ratings (behavior id to value, None when unrated)."""
    _check_items(instrument, ratings)
    scale = instrument.scale
    by_group = {
        group.id: score_values((ratings.get(item.id) for item in group.items), scale)
        for group in instrument.groups
    }
    values = [ratings.get(item.id) for item in instrument.items]
    return ObservationScore(
        overall=score_values((ratings.get(item.id) for item in instrument.overall_items()),
                             scale),
        by_group=by_group,
        rated=sum(1 for v in values if v is not None and scale.is_scored(v)),
        no_opportunity=sum(1 for v in values if v is not None and not scale.is_scored(v)),
        unrated=sum(1 for v in values if v is None),
    )


def score_behaviors(
    instrument: Instrument, observations: Iterable[Mapping[str, int | None]]
) -> dict[str, Score]:
    """Per-behavior scores across several observations of the same instrument."""
    collected: dict[str, list[int | None]] = {item.id: [] for item in instrument.items}
    for ratings in observations:
        _check_items(instrument, ratings)
        for item_id, value in ratings.items():
            collected[item_id].append(value)
    return {item_id: score_values(vals, instrument.scale) for item_id, vals in collected.items()}


def missing_behaviors(instrument: Instrument, ratings: Mapping[str, int | None]) -> list[str]:
    """Behavior ids neither rated nor marked 'no opportunity', in instrument order."""
    return [item.id for item in instrument.items if ratings.get(item.id) is None]
