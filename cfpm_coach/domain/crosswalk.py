"""Ratings made on an earlier version of an instrument, read in a later version's behaviors.

A later version's behavior names, in `crosswalk`, the earlier version's behaviors it continues
(`crosswalk_from` names that version). Decisions (tested in tests/domain/test_crosswalk.py):
- A behavior continuing one earlier behavior takes its rating as it was.
- A behavior continuing several takes the lowest scored rating among them (it is Accomplished
  only when all of them were); with none scored, "no opportunity" if one was marked so.
- A behavior continuing none is "not comparable" with the earlier version: it is absent from
  the carried ratings, so no figure of it is drawn from an earlier observation.
- Versions chain: v3 <- v2 <- v1 carries v1 ratings through v2.
"""

from collections.abc import Mapping

from cfpm_coach.domain.instruments import Instrument

Ratings = Mapping[str, int | None]


def carry_one_step(later: Instrument, earlier: Instrument, ratings: Ratings
                   ) -> dict[str, int | None]:
    """Ratings on `earlier` (the version `later` crosswalks from) in `later`'s behaviors."""
    carried: dict[str, int | None] = {}
    for item in later.items:
        if not item.crosswalk:
            continue
        given = [ratings.get(old) for old in item.crosswalk]
        scored = [v for v in given if v is not None and earlier.scale.is_scored(v)]
        unscored = [v for v in given if v is not None and not earlier.scale.is_scored(v)]
        carried[item.id] = min(scored) if scored else (unscored[0] if unscored else None)
    return carried


def comparable_behaviors(later: Instrument, earlier: Instrument) -> set[str]:
    """The later version's behaviors that continue some behavior of `earlier` (one step)."""
    del earlier  # the crosswalk lives in the later file; kept for symmetry with carry_one_step
    return {item.id for item in later.items if item.crosswalk}
