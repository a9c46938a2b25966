"""Scoring many observations of one instrument version, with what depends only on the
instrument worked out once.

A worker's history scores hundreds of observations of the same version: its own groups, and
its groups in the newest version through the crosswalk. Done one observation at a time
(score_observation, catalog.carried) the behaviors, groups, scale sets and crosswalk were
rebuilt for every observation, most of the time of opening a 500-observation history. A plan
keeps them as tuples and sets; the figures are the same (tests/services/test_history_scores.py
compares them with scoring and catalog.carried).
"""

from collections.abc import Mapping, Sequence

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Group, Instrument
from cfpm_coach.domain.scoring import EMPTY_SCORE, Score
from cfpm_coach.errors import InvalidInputError

# One crosswalk step: per later behavior that continues some, the earlier behaviors it continues;
# and the earlier version's scored values.
Step = tuple[tuple[tuple[str, tuple[str, ...]], ...], frozenset[int]]


class _Scale:
    """A scale's values as sets, and a Score per distinct (observed, proficient, sum)."""

    def __init__(self, instrument: Instrument) -> None:
        scale = instrument.scale
        self.values = scale.value_set
        self.scored = scale.scored_set
        self.threshold = scale.proficient_threshold
        self._scores: dict[tuple[int, int, int], Score] = {}

    def group_scores(self, group_ids: Sequence[str], observed: list[int],
                     proficient: list[int], total: list[int]) -> dict[str, Score]:
        """made() of each group's figures, by group id (the remembered Score looked up in
        line: twelve calls per observation were a fifth of scoring a history)."""
        scores, found = self._scores, {}
        for n, group_id in enumerate(group_ids):
            count = observed[n]
            if not count:
                found[group_id] = EMPTY_SCORE
                continue
            score = scores.get((count, proficient[n], total[n]))
            found[group_id] = score if score is not None else \
                self.made(count, proficient[n], total[n])
        return found

    def made(self, observed: int, proficient: int, total: int) -> Score:
        """The Score of these figures (EMPTY_SCORE when nothing scored)."""
        if not observed:
            return EMPTY_SCORE
        key = (observed, proficient, total)
        found = self._scores.get(key)
        if found is None:
            # Frozen, so one object serves every observation with the same figures.
            found = self._scores[key] = Score(observed=observed, proficient=proficient,
                                              mean=total / observed,
                                              share_proficient=proficient / observed)
        return found


def _indexed(groups: Sequence[Group]) -> tuple[tuple[str, ...], dict[str, int]]:
    """The groups' ids, and each of their behaviors' group index."""
    return (tuple(group.id for group in groups),
            {item.id: n for n, group in enumerate(groups) for item in group.items})


def _carried_value(values: Mapping[str, int | None], sources: tuple[str, ...],
                   earlier_scored: frozenset[int], on: frozenset[int] | None) -> int | None:
    """What a behavior continuing several carries: the lowest scored rating among sources, else
    the first unscored one (values off the scale `on` are skipped when it is given)."""
    lowest = unscored = None
    for source in sources:
        value = values.get(source)
        if value is None or (on is not None and value not in on):
            continue
        if value in earlier_scored:
            if lowest is None or value < lowest:
                lowest = value
        elif unscored is None:
            unscored = value
    return lowest if lowest is not None else unscored


def _tally(value: int, group: int, scale: _Scale, observed: list[int], proficient: list[int],
           total: list[int]) -> None:
    """Count a carried rating in the newest version's group; refuse one off its scale."""
    if value in scale.scored:
        observed[group] += 1
        total[group] += value
        if value >= scale.threshold:
            proficient[group] += 1
    elif value not in scale.values:
        raise InvalidInputError(f"{value} is not a value of the rating scale")


class ScorePlan:
    """How to score ratings made on one instrument version, and read them in the newest."""

    def __init__(self, catalog: InstrumentCatalog, instrument: Instrument) -> None:
        latest = catalog.get(instrument.id)
        self.title = instrument.title
        self.total = len(instrument.items)
        self._item_ids = frozenset(item.id for item in instrument.items)
        self._scale = _Scale(instrument)
        self._group_ids, self._group_of = _indexed(instrument.groups)
        self._overall = tuple(n for n, group in enumerate(instrument.groups) if group.in_overall)
        # None: the newest version is this one; its current scores are its own.
        self._steps: tuple[Step, ...] | None = None
        # False when no crosswalk leads from this version to the newest (catalog.carried None).
        self._carries = True
        self._order = tuple(item.id for item in instrument.items)
        self._latest_ids: tuple[str, ...] = ()
        self._latest_of: dict[str, int] = {}
        self._latest_scale = self._scale
        self._last: tuple[tuple[int, tuple[str, ...]], ...] = ()
        # One crosswalk step: the newest version's groups (by index) of the behaviors that
        # continue each behavior of this version alone, and the behaviors continuing several.
        self._single: dict[str, tuple[int, ...]] | None = None
        self._multi: tuple[tuple[int, tuple[str, ...]], ...] = ()
        self._both: dict[str, tuple[int, tuple[int, ...]]] = {}
        if latest.version != instrument.version:
            steps = catalog.crosswalk_steps(instrument.id, instrument.version, latest)
            self._carries = steps is not None
            self._steps = tuple(
                (tuple((item.id, tuple(item.crosswalk)) for item in later.items
                       if item.crosswalk), earlier.scale.scored_set)
                for later, earlier in steps or ())
            carried = {item_id for item_id, _ in self._steps[-1][0]} if self._steps else set()
            # A group with no behavior carried over is not comparable: left out whatever the
            # ratings (carry_one_step gives every continuing behavior a key, rated or not).
            self._latest_ids, self._latest_of = _indexed(
                [group for group in latest.groups
                 if steps and any(item.id in carried for item in group.items)])
            self._latest_scale = _Scale(latest)
            # The last step's behaviors by their group in the newest version: tallied as they
            # are carried, with no dict of carried ratings in between.
            self._last = tuple((self._latest_of[item_id], sources)
                               for item_id, sources in self._steps[-1][0]) if self._steps else ()
            if len(self._steps) == 1:
                self._single, self._multi = self._one_step()
                # Per behavior of this version, its group and the newest version's groups of
                # the behaviors continuing it alone: one lookup per rating.
                self._both = {item_id: (group, self._single.get(item_id, ()))
                              for item_id, group in self._group_of.items()}

    def on_scale(self, values: Mapping[str, int | None]) -> dict[str, int | None]:
        """scoring.on_scale: the instrument's behaviors only, values off the scale unrated."""
        known, on = self._item_ids, self._scale.values
        return {item_id: value if value is None or value in on else None
                for item_id, value in values.items() if item_id in known}

    def scores(self, values: Mapping[str, int | None]
               ) -> tuple[Score, dict[str, Score], int, dict[str, Score]]:
        """Overall score, group scores, behaviors rated (or 'no opportunity'), and the group
        scores in the newest version (comparable groups only)."""
        if self._single is not None:
            return self._scores_one_step(values)
        scale = self._scale
        on, scored, threshold, group_of = scale.values, scale.scored, scale.threshold, \
            self._group_of
        count = len(self._group_ids)
        observed, proficient, total = [0] * count, [0] * count, [0] * count
        rated = 0
        # on_scale and the tallies in one pass: every behavior of the instrument is in a group, so
        # group_of also says which behaviors are the instrument's.
        for item_id, value in values.items():
            if value is None or value not in on:
                continue
            group = group_of.get(item_id)
            if group is None:
                continue
            rated += 1
            if value in scored:
                observed[group] += 1
                total[group] += value
                if value >= threshold:
                    proficient[group] += 1
        by_group = scale.group_scores(self._group_ids, observed, proficient, total)
        overall_groups = self._overall
        overall = scale.made(sum([observed[n] for n in overall_groups]),
                             sum([proficient[n] for n in overall_groups]),
                             sum([total[n] for n in overall_groups]))
        if self._steps is None:
            return overall, by_group, rated, by_group
        return overall, by_group, rated, self._carried_scores(values)

    def _one_step(self) -> tuple[dict[str, tuple[int, ...]],
                                 tuple[tuple[int, tuple[str, ...]], ...]]:
        """_single and _multi of a version one crosswalk step from the newest; a behavior
        continued that is not this version's is never rated here (on_scale drops it)."""
        single: dict[str, list[int]] = {}
        multi: list[tuple[int, tuple[str, ...]]] = []
        for group, sources in self._last:
            known = tuple(source for source in sources if source in self._item_ids)
            if len(known) == 1:
                single.setdefault(known[0], []).append(group)
            else:
                multi.append((group, known))
        return {item_id: tuple(groups) for item_id, groups in single.items()}, tuple(multi)

    def _scores_one_step(self, values: Mapping[str, int | None]
                         ) -> tuple[Score, dict[str, Score], int, dict[str, Score]]:
        """scores() of a version one crosswalk step from the newest, in one pass: a behavior
        continuing one behavior alone takes its rating as it is (carry_one_step), so it is
        tallied in the newest version's group as the rating is in its own; those continuing
        several take the lowest scored rating after it (carrying every observation's ratings
        through a dict was most of scoring a 500-observation history of the earlier version)."""
        scale, latest = self._scale, self._latest_scale
        on, scored, threshold = scale.values, scale.scored, scale.threshold
        latest_on, latest_scored, latest_threshold = latest.values, latest.scored, \
            latest.threshold
        both = self._both
        count, later = len(self._group_ids), len(self._latest_ids)
        observed, proficient, total = [0] * count, [0] * count, [0] * count
        now_observed, now_proficient, now_total = [0] * later, [0] * later, [0] * later
        rated = 0
        for item_id, value in values.items():
            if value is None or value not in on:
                continue
            found = both.get(item_id)
            if found is None:
                continue
            group, nows = found
            rated += 1
            if value in scored:
                observed[group] += 1
                total[group] += value
                if value >= threshold:
                    proficient[group] += 1
            for now in nows:
                if value in latest_scored:
                    now_observed[now] += 1
                    now_total[now] += value
                    if value >= latest_threshold:
                        now_proficient[now] += 1
                elif value not in latest_on:
                    raise InvalidInputError(f"{value} is not a value of the rating scale")
        earlier_scored = self._steps[0][1] if self._steps else frozenset[int]()
        for now, sources in self._multi:
            carried = _carried_value(values, sources, earlier_scored, on)
            if carried is not None:
                _tally(carried, now, latest, now_observed, now_proficient, now_total)
        by_group = scale.group_scores(self._group_ids, observed, proficient, total)
        overall_groups = self._overall
        overall = scale.made(sum([observed[n] for n in overall_groups]),
                             sum([proficient[n] for n in overall_groups]),
                             sum([total[n] for n in overall_groups]))
        return overall, by_group, rated, latest.group_scores(
            self._latest_ids, now_observed, now_proficient, now_total)

    def _carried_scores(self, values: Mapping[str, int | None]) -> dict[str, Score]:
        """The group scores of the ratings carried into the newest version over several steps
        (or none: no crosswalk leads there): _carry up to the last step, then the last step
        tallied as it is carried."""
        steps = self._steps or ()
        if not steps:
            return {}
        current = self._carry(values, steps[:-1])
        earlier_scored = steps[-1][1]
        latest = self._latest_scale
        count = len(self._latest_ids)
        observed, proficient, total = [0] * count, [0] * count, [0] * count
        for group, sources in self._last:
            value = _carried_value(current, sources, earlier_scored, None)
            if value is not None:
                _tally(value, group, latest, observed, proficient, total)
        made = latest.made
        return {group_id: made(observed[n], proficient[n], total[n])
                for n, group_id in enumerate(self._latest_ids)}

    def carried(self, values: Mapping[str, int | None]) -> dict[str, int | None] | None:
        """catalog.carried of the ratings (on_scale) into the newest version: every behavior
        of it when it is this version, else those continuing one of this version's; None when
        no crosswalk leads there."""
        if self._steps is None:
            on = self._scale.values
            return {item_id: (value if value is None or value in on else None)
                    for item_id, value in zip(self._order, map(values.get, self._order),
                                              strict=True)}
        if not self._carries:
            return None
        return dict(self._carry(values, self._steps))

    def _carry(self, values: Mapping[str, int | None], steps: tuple[Step, ...]
               ) -> Mapping[str, int | None]:
        """crosswalk.carry_one_step over every step, from the ratings on_scale keeps: the
        lowest scored rating among the behaviors continued, else the first 'no opportunity',
        else unrated."""
        current = values
        # The first step reads the stored values: a behavior not of this version, or a value
        # off its scale, is unrated (as on_scale makes them).
        on: frozenset[int] | None = self._scale.values
        known = self._item_ids
        for continued, earlier_scored in steps:
            carried: dict[str, int | None] = {}
            for item_id, sources in continued:
                lowest = unscored = None
                for source in sources:
                    value = current.get(source)
                    if value is None or (on is not None and (value not in on
                                                             or source not in known)):
                        continue
                    if value in earlier_scored:
                        if lowest is None or value < lowest:
                            lowest = value
                    elif unscored is None:
                        unscored = value
                carried[item_id] = lowest if lowest is not None else unscored
            current, on = carried, None
        return current
