"""Inter-rater agreement on an ordinal rating scale: how alike two (or more) coaches rated.

Decisions (tested against scikit-learn and the `krippendorff` package in
tests/domain/test_agreement.py):
- Only scored values take part; "no opportunity to observe" and unrated behaviors are missing.
- Exact agreement and agreement within one scale level count the items both raters scored; a
  level is a step between neighbouring scored values (1 -> 2, or 10 -> 20 on a scale of tens).
- Cohen's weighted kappa (two raters) uses the scale's scored values as its categories, in order,
  with linear or quadratic disagreement weights; it is None when chance agreement is perfect
  (every rating in one category), where the statistic is undefined.
- Krippendorff's alpha (any number of raters, missing values allowed) uses the ordinal metric;
  units rated by fewer than two raters carry no information and are left out.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Literal

Weights = Literal["linear", "quadratic"]


@dataclass(frozen=True)
class PairAgreement:
    """Two raters over the same items: how many items, how often they agreed, and kappa."""

    items: int
    exact: float | None
    within_one: float | None
    kappa_linear: float | None
    kappa_quadratic: float | None


def _pairs(first: Sequence[int | None], second: Sequence[int | None],
           scored: Sequence[int]) -> list[tuple[int, int]]:
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    allowed = set(scored)
    return [(a, b) for a, b in zip(first, second, strict=True)
            if a in allowed and b in allowed]


def weighted_kappa(first: Sequence[int | None], second: Sequence[int | None],
                   scored: Sequence[int], weights: Weights = "linear") -> float | None:
    """Cohen's weighted kappa of two raters over the scale's scored values (None: undefined)."""
    pairs = _pairs(first, second, scored)
    if not pairs:
        return None
    index = {value: i for i, value in enumerate(sorted(scored))}
    size = len(index)
    observed = [[0.0] * size for _ in range(size)]
    for a, b in pairs:
        observed[index[a]][index[b]] += 1
    total = len(pairs)
    rows = [sum(observed[i]) for i in range(size)]
    columns = [sum(observed[i][j] for i in range(size)) for j in range(size)]
    power = 1 if weights == "linear" else 2
    disagreement = expected = 0.0
    for i in range(size):
        for j in range(size):
            weight = abs(i - j) ** power
            disagreement += weight * observed[i][j]
            expected += weight * rows[i] * columns[j] / total
    if expected == 0:
        return None
    return 1.0 - disagreement / expected


def pair_agreement(first: Sequence[int | None], second: Sequence[int | None],
                   scored: Sequence[int]) -> PairAgreement:
    """Exact and within-one agreement and both weighted kappas for two raters."""
    pairs = _pairs(first, second, scored)
    if not pairs:
        return PairAgreement(0, None, None, None, None)
    rank = {value: index for index, value in enumerate(sorted(scored))}
    return PairAgreement(
        items=len(pairs),
        exact=sum(1 for a, b in pairs if a == b) / len(pairs),
        within_one=sum(1 for a, b in pairs if abs(rank[a] - rank[b]) <= 1) / len(pairs),
        kappa_linear=weighted_kappa(first, second, scored, "linear"),
        kappa_quadratic=weighted_kappa(first, second, scored, "quadratic"),
    )


def krippendorff_alpha_ordinal(units: Sequence[Mapping[str, int | None]],
                               scored: Sequence[int]) -> float | None:
    """Krippendorff's alpha, ordinal metric; each unit maps rater to value (missing: absent/None).

    None when there is nothing to compare (fewer than two pairable values) or no variation.
    """
    allowed = set(scored)
    coincidences: defaultdict[tuple[int, int], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit.values() if v in allowed]
        if len(values) < 2:
            continue
        for a, b in permutations(range(len(values)), 2):
            coincidences[(values[a], values[b])] += 1.0 / (len(values) - 1)
    if not coincidences:
        return None
    categories = sorted(allowed)
    marginal = {c: sum(n for (a, _b), n in coincidences.items() if a == c) for c in categories}
    total = sum(marginal.values())
    if total <= 1:
        return None

    def distance(c: int, k: int) -> float:
        low, high = sorted((categories.index(c), categories.index(k)))
        between = sum(marginal[categories[g]] for g in range(low, high + 1))
        return (between - (marginal[c] + marginal[k]) / 2) ** 2

    observed = sum(n * distance(c, k) for (c, k), n in coincidences.items())
    expected = sum(marginal[c] * marginal[k] * distance(c, k)
                   for c in categories for k in categories)
    if expected == 0:
        return None
    return 1.0 - (total - 1) * observed / expected
