"""Scoring edge cases, decided in cfpm_coach/domain/scoring.py."""

import pytest

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import (
    missing_behaviors,
    score_behaviors,
    score_observation,
    score_values,
)
from cfpm_coach.errors import InvalidInputError
from tests.conftest import INSTRUMENTS_DIR


@pytest.fixture(scope="module")
def practice() -> Instrument:
    # v1: the ids these cases name (v2's foundation group is covered in test_crosswalk.py).
    return InstrumentCatalog.from_folders(INSTRUMENTS_DIR).get("cpm-practice", 1)


def test_nothing_observed_is_no_data_not_zero(practice: Instrument) -> None:
    scores = score_observation(practice, {})
    assert scores.overall.observed == 0
    assert scores.overall.mean is None and scores.overall.share_proficient is None
    assert not scores.overall.has_data
    assert scores.unrated == 22


def test_all_no_opportunity_is_no_data(practice: Instrument) -> None:
    ratings: dict[str, int | None] = {item.id: 0 for item in practice.items}
    scores = score_observation(practice, ratings)
    assert scores.overall.share_proficient is None
    assert scores.no_opportunity == 22 and scores.rated == 0
    assert missing_behaviors(practice, ratings) == []


def test_one_behavior(practice: Instrument) -> None:
    scores = score_observation(practice, {"engagement.1": 3})
    assert scores.overall.observed == 1
    assert scores.overall.share_proficient == 1.0
    assert scores.overall.mean == 3.0
    assert scores.by_group["engagement"].share_proficient == 1.0
    assert scores.by_group["assessment"].observed == 0


def test_no_opportunity_is_left_out_of_both_sides(practice: Instrument) -> None:
    scores = score_observation(
        practice, {"engagement.1": 3, "engagement.2": 1, "engagement.3": 0, "engagement.4": 2}
    )
    element = scores.by_group["engagement"]
    assert element.observed == 3
    assert element.proficient == 1
    assert element.share_proficient == pytest.approx(1 / 3)
    assert element.mean == pytest.approx(2.0)


def test_overall_pools_behaviors_not_elements(practice: Instrument) -> None:
    ratings: dict[str, int | None] = {"engagement.1": 3, "engagement.2": 3, "assessment.1": 1}
    scores = score_observation(practice, ratings)
    # Pooled: 2 of 3 behaviors proficient, not the mean of element shares (1.0 and 0.0).
    assert scores.overall.share_proficient == pytest.approx(2 / 3)


def test_amended_rating_replaces_the_old_one(practice: Instrument) -> None:
    before = score_observation(practice, {"engagement.1": 1, "engagement.2": 3})
    after = score_observation(practice, {"engagement.1": 3, "engagement.2": 3})
    assert before.overall.share_proficient == 0.5
    assert after.overall.share_proficient == 1.0


def test_unknown_behavior_and_value_are_errors(practice: Instrument) -> None:
    with pytest.raises(InvalidInputError, match=r"nope\.1"):
        score_observation(practice, {"nope.1": 3})
    with pytest.raises(InvalidInputError, match="7"):
        score_values([7], practice.scale)


def test_missing_lists_unrated_in_instrument_order(practice: Instrument) -> None:
    ratings: dict[str, int | None] = {item.id: 2 for item in practice.items}
    ratings["transition.4"] = None
    del ratings["engagement.2"]
    assert missing_behaviors(practice, ratings) == ["engagement.2", "transition.4"]


def test_behavior_scores_across_observations(practice: Instrument) -> None:
    scores = score_behaviors(practice, [{"engagement.1": 1}, {"engagement.1": 3}, {}])
    assert scores["engagement.1"].observed == 2
    assert scores["engagement.1"].share_proficient == 0.5
    assert scores["assessment.1"].observed == 0
