"""Suggested focus: which behaviors to coach next, by plain rules (RULES, shown in the app as
written), with the evidence behind each."""

import uuid
from typing import TYPE_CHECKING

from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.services.observation_views import ratings_in
from cfpm_coach.views.history import Evidence, FocusSuggestion
from cfpm_coach.views.observations import ObservationSummary

if TYPE_CHECKING:
    from cfpm_coach.domain.catalog import InstrumentCatalog
    from cfpm_coach.domain.instruments import Instrument

RULES = """\
1. Look at the worker's last five finished observations on the practice instrument (any
   version: ratings on an earlier one count through the crosswalk, and a behavior it has no
   counterpart for is "not comparable" there, neither rated nor unseen).
2. A behavior with no scored rating in any of them (never rated, or always "no opportunity")
   is suggested as "not seen lately", when there are at least two observations to go on.
3. The other behaviors are ranked by their mean scored rating; those below "Accomplished"
   are suggested, lowest first (ties: the lower latest rating, then the instrument's order).
4. At most three "rated lowest" and two "not seen lately"."""
WINDOW = 5
MAX_LOWEST = 3
MAX_UNSEEN = 2
LOWEST = "lowest"
UNSEEN = "unseen"


def suggest(instrument: "Instrument", observations: list[ObservationSummary],
            values: dict[uuid.UUID, dict[str, int | None]]) -> list[FocusSuggestion]:
    """Apply the rules to the newest-first finished observations and their rating values.

    `values` are in the instrument's behaviors (earlier versions' carried through the
    crosswalk); a behavior missing from an observation's values is not comparable there and
    counts neither as a rating nor as "not seen".
    """
    recent = [o for o in observations if o.instrument_id == instrument.id
              and o.status in FINISHED][:WINDOW]
    if not recent:
        return []
    scale = instrument.scale
    lowest, unseen = [], []
    for order, item in enumerate(instrument.items):
        evidence = []
        for obs in recent:
            ratings = values.get(obs.id, {})
            if obs.instrument_version != instrument.version and item.id not in ratings:
                evidence.append(Evidence(obs.id, obs.started_at, None, "", comparable=False))
                continue
            value = ratings.get(item.id)
            scored = value if value is not None and scale.is_scored(value) else None
            level = scale.level(value).label if value is not None else ""
            evidence.append(Evidence(obs.id, obs.started_at, scored, level))
        scored_values = [e.value for e in evidence if e.value is not None]
        if not scored_values:
            if sum(1 for e in evidence if e.comparable) >= 2:
                unseen.append(FocusSuggestion(item.id, item.label, UNSEEN, None, evidence))
            continue
        mean = sum(scored_values) / len(scored_values)
        if mean < scale.proficient_threshold:
            lowest.append((mean, scored_values[0], order,
                           FocusSuggestion(item.id, item.label, LOWEST, mean, evidence)))
    lowest.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in lowest[:MAX_LOWEST]] + unseen[:MAX_UNSEEN]


def recent_ratings(recent: list[ObservationSummary],
                   values: dict[uuid.UUID, dict[str, int | None]]) -> dict[str, list[int | None]]:
    """Each behavior's values in the recent observations, newest first (None: not rated)."""
    behaviors = {b for obs in recent for b in values.get(obs.id, {})}
    return {b: [values.get(obs.id, {}).get(b) for obs in recent] for b in behaviors}


def _goal_ids(catalog: "InstrumentCatalog", instrument: "Instrument",
              recent: list[ObservationSummary], raw: dict[uuid.UUID, dict[str, int | None]],
              carried: dict[uuid.UUID, dict[str, int | None]]
              ) -> dict[uuid.UUID, dict[str, int | None]]:
    """Carried values, plus each earlier version's behavior ids read through the crosswalk,
    so that a goal set on an earlier behavior shows the ratings of the behavior continuing it."""
    earlier = [i for i in catalog if i.id == instrument.id and i.version < instrument.version]
    forward: dict[str, list[str]] = {}
    for version in earlier:
        for item in version.items:
            probe = catalog.carried(version.id, version.version,
                                    {item.id: version.scale.maximum}, instrument) or {}
            forward[item.id] = [b for b, v in probe.items() if v is not None]
    combined = {}
    for obs in recent:
        values = dict(raw.get(obs.id, {})) if obs.instrument_version < instrument.version else {}
        mine = carried.get(obs.id, {})
        for old, new_ids in forward.items():
            found = [mine[b] for b in new_ids if mine.get(b) is not None]
            if obs.instrument_version == instrument.version and found:
                values[old] = found[0]
        values.update(mine)
        combined[obs.id] = values
    return combined


def _recent(instrument: "Instrument", observations: list[ObservationSummary]
            ) -> list[ObservationSummary]:
    return [o for o in observations if o.instrument_id == instrument.id
            and o.status in FINISHED and o.instrument_version <= instrument.version][:WINDOW]


def analyse(catalog: "InstrumentCatalog", instrument: "Instrument | None",
                   observations: list[ObservationSummary],
                   raw: dict[uuid.UUID, dict[str, int | None]]
                   ) -> tuple[list[FocusSuggestion], dict[str, list[int | None]]]:
    """Suggestions and recent ratings from a worker's observations (newest first), on the
    practice instrument, from their rating values (at least those of the recent ones)."""
    if instrument is None:
        return [], {}
    recent = _recent(instrument, observations)
    carried = {o.id: ratings_in(catalog, instrument, o, raw.get(o.id, {})) or {}
               for o in recent}
    return (suggest(instrument, recent, carried),
            recent_ratings(recent, _goal_ids(catalog, instrument, recent, raw, carried)))
