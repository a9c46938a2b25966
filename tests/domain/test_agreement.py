"""Agreement statistics against independent references: scikit-learn, `krippendorff`, and a
published worked example."""

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from cfpm_coach.domain.agreement import (
    krippendorff_alpha_ordinal,
    pair_agreement,
    weighted_kappa,
)

SCALE = [1, 2, 3]  # the practice instrument's scored values; 0 = no opportunity (unscored)
rating = st.one_of(st.none(), st.sampled_from([0, 1, 2, 3]))


def test_krippendorff_2011_worked_example() -> None:
    """Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
    Communication, University of Pennsylvania, section C ("multiple observers, missing values"):
    4 observers, 12 units, values 1-5; the ordinal alpha published there is 0.815."""
    table = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    units = [{rater: values[i] for rater, values in table.items()} for i in range(12)]
    alpha = krippendorff_alpha_ordinal(units, [1, 2, 3, 4, 5])
    assert alpha is not None and round(alpha, 3) == 0.815


def test_pair_agreement_by_hand() -> None:
    first = [3, 2, 2, 1, None, 0, 3]
    second = [3, 3, 2, 3, 2, 2, 2]
    result = pair_agreement(first, second, SCALE)
    assert result.items == 5  # unrated and "no opportunity" are left out
    assert result.exact == pytest.approx(2 / 5)
    assert result.within_one == pytest.approx(4 / 5)
    empty = pair_agreement([None, 0], [1, 2], SCALE)
    assert empty.items == 0 and empty.exact is None and empty.kappa_linear is None


def _reference_kappa(first: list[int | None], second: list[int | None], weights: str
                     ) -> float | None:
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a in SCALE and b in SCALE]
    if not pairs:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        value = cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs], labels=SCALE,
                                  weights=weights)
    return None if math.isnan(value) else float(value)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(rating, rating), min_size=0, max_size=40))
def test_weighted_kappa_matches_scikit_learn(pairs: list[tuple[int | None, int | None]]) -> None:
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    for weights in ("linear", "quadratic"):
        ours = weighted_kappa(first, second, SCALE, weights)  # type: ignore[arg-type]
        reference = _reference_kappa(first, second, weights)
        if reference is None:
            assert ours is None
        else:
            assert ours == pytest.approx(reference, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=4).flatmap(
    lambda raters: st.lists(st.lists(rating, min_size=raters, max_size=raters),
                            min_size=2, max_size=25)))
def test_ordinal_alpha_matches_the_krippendorff_package(rows: list[list[int | None]]) -> None:
    units = [{f"r{i}": value for i, value in enumerate(row)} for row in rows]
    ours = krippendorff_alpha_ordinal(units, SCALE)
    data = np.array([[np.nan if v not in SCALE else float(v) for v in column]
                     for column in zip(*rows, strict=True)])
    pairable = [row for row in rows if sum(1 for v in row if v in SCALE) >= 2]
    distinct = {v for row in pairable for v in row if v in SCALE}
    if ours is None:  # nothing to compare, or no variation: undefined
        assert not pairable or len(distinct) < 2
        return
    reference = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal",
                                   value_domain=SCALE)
    assert ours == pytest.approx(reference, abs=1e-9)


FOUR = [1, 2, 3, 4]  # a county's 4-level scale (tests/four_level.py), 0 unscored


@given(pairs=st.lists(st.tuples(st.sampled_from(FOUR), st.sampled_from(FOUR)), min_size=2,
                      max_size=40))
def test_four_level_kappa_matches_scikit_learn(pairs: list[tuple[int, int]]) -> None:
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    for weights in ("linear", "quadratic"):
        ours = weighted_kappa(first, second, FOUR, weights)  # type: ignore[arg-type]
        if len(set(first) | set(second)) == 1:
            assert ours is None
            continue
        reference = cohen_kappa_score(first, second, labels=FOUR, weights=weights)
        if math.isnan(reference):
            assert ours is None
        else:
            assert ours == pytest.approx(reference)


def test_within_one_counts_levels_not_points() -> None:
    """On a scale counting 10, 20, 30, 40, neighbouring levels are within one level."""
    tens = [10, 20, 30, 40]
    result = pair_agreement([10, 10, 20, 40], [20, 30, 20, 30], tens)
    assert result.exact == pytest.approx(1 / 4)
    assert result.within_one == pytest.approx(3 / 4)
    four = pair_agreement([1, 1, 4, 4], [2, 3, 4, 1], FOUR)
    assert four.within_one == pytest.approx(2 / 4)
