"""The office and worker drill-downs, always within the reader's scope: an office's workers and
its fidelity by practice element and month; a worker's observations over time, element by
element, and their goals."""

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.domain.scoring import score_observation
from cfpm_coach.domain.shipped import SHIPPED_LEADERSHIP, SHIPPED_PRACTICE
from cfpm_coach.domain.vocabulary import Setting
from cfpm_coach.errors import CoachError, ForbiddenError, NotFoundError
from cfpm_coach.hub import fidelity
from cfpm_coach.hub.accounts import Scope
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web.tables import Table
from cfpm_coach.storage import drilldown_repo
from cfpm_coach.storage.hub_repo import TallyRow

PRACTICE = SHIPPED_PRACTICE
SUPPORTS = "cpm-implementation"
LEADERSHIP = SHIPPED_LEADERSHIP
# Offices have no record of their own: a place is its (county, office) pair, named in URLs by a
# UUID derived from it, so no county or office name reaches a URL or the access log.
OFFICE_NAMESPACE = uuid.UUID("5b0e0c56-3f0e-4f8e-9a64-0f6c1ce0a11e")


def office_id(county: str, office: str) -> uuid.UUID:
    """The id of the place (county, office) in the dashboard's URLs."""
    return uuid.uuid5(OFFICE_NAMESPACE, json.dumps([county, office]))


def _parse(text: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFoundError(f"There is no {what} {text[:40]!r}: {what} ids are UUIDs") from None


def _day(moment: date | datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else "none"


def _setting(code: str) -> str:
    try:
        return Setting(code).label
    except ValueError:  # a setting this hub's version does not know: shown as sent
        return code


def _stage(code: str) -> str:
    try:
        return ImplementationStage(code).label
    except ValueError:  # a stage this hub's version does not know: shown as sent
        return code


def _behavior(instruments: list[Instrument], behavior_id: str) -> str:
    for instrument in instruments:
        if instrument.has_item(behavior_id):
            return instrument.item(behavior_id).label
    return behavior_id


def _share(accomplished: int, ratings: int) -> str:
    return f"{100 * accomplished / ratings:.0f}% of {ratings}" if ratings else "none"


@dataclass(frozen=True)
class Cell:
    """One element (or all of them) and month: the share Accomplished and its ratings."""

    share: float | None
    ratings: int


@dataclass(frozen=True)
class Grid:
    """Share Accomplished by practice element and month, and for all elements by month."""

    months: list[str]
    elements: list[tuple[str, str]]  # (id, label)
    cells: dict[tuple[str, str], Cell]  # (element id, month)
    overall: dict[str, Cell]  # month
    table: Table


@dataclass(frozen=True)
class Office:
    """An office's page: the place, its workers and its figures."""

    id: uuid.UUID
    county: str
    office: str
    observations: int
    workers: Table
    grid: Grid
    # The office's implementation-supports assessments, newest first (share In place).
    supports: Table | None = None
    # Its leaders' latest leadership observations, pooled: share at standard per domain.
    leadership: Table | None = None


@dataclass(frozen=True)
class WorkerPage:
    """A worker's page: who, where, their observations over time and their goals."""

    id: uuid.UUID
    name: str
    role: str
    unit: str
    active: bool
    county: str
    office: str
    office_id: uuid.UUID
    grid: Grid
    observations: Table
    goals: Table


def _grid(instrument: Instrument, tallies: list[TallyRow],
          counts: dict[tuple[str, str, str], int], name: str) -> Grid:
    by_element = fidelity.aggregate(instrument, tallies, counts, ("element", "month"))
    by_month = fidelity.aggregate(instrument, tallies, counts, ("month",))
    cells = {(r.key[0], r.key[1]): Cell(r.share_proficient, r.observed) for r in by_element.rows}
    overall = {r.key[0]: Cell(r.share_proficient, r.observed) for r in by_month.rows}
    months = sorted(set(overall) | {m for (_o, _c, m) in counts})
    elements = [(g.id, g.label) for g in instrument.groups]
    rows = [[label, month, cells[(eid, month)].share, cells[(eid, month)].ratings]
            for eid, label in elements for month in months
            if (eid, month) in cells]
    rows += [["All elements", month, overall[month].share, overall[month].ratings]
             for month in months if month in overall]
    table = Table(name, "Share of ratings at Accomplished, by practice element and month",
                  ["element", "month", "share accomplished", "ratings"], rows,
                  frozenset({2, 3}))
    return Grid(months, elements, cells, overall, table)


class Drilldown:
    """Scoped read models of one office and one worker over an open hub."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    def _instrument(self) -> Instrument:
        return self.hub.catalog.get(PRACTICE)

    def _place(self, scope: Scope, text_id: str) -> tuple[str, str]:
        wanted = _parse(text_id, "office")
        with self.hub.store.read() as session:
            found = [p for p in drilldown_repo.places(session=session) if office_id(*p) == wanted]
        if not found:
            raise NotFoundError(f"There is no office {wanted} at this hub")
        if not scope.admits(*found[0]):
            raise ForbiddenError("This office is outside the part of the hub you may see")
        return found[0]

    def office(self, scope: Scope, text_id: str) -> Office:
        """An office by id: 404 if malformed or unknown, 403 outside the reader's scope."""
        county, office = self._place(scope, text_id)
        instrument = self._instrument()
        with self.hub.store.read() as session:
            workers = drilldown_repo.workers_of_place(
                session=session, county=county, office=office, instrument_id=PRACTICE)
            tallies, counts = drilldown_repo.place_tallies(
                session=session, county=county, office=office, instrument_id=PRACTICE)
            assessed = drilldown_repo.office_assessments(session=session, county=county,
                                                         office=office)
            led = [found[-1] for w in workers if (found := drilldown_repo.rated_observations(
                session=session, worker_id=w.id, instrument_id=LEADERSHIP))]
        table = Table("workers", "Workers and their finished observations",
                      ["worker", "role", "unit", "state", "observations", "latest observation"],
                      [[w.name, w.role, w.unit, "active" if w.active else "inactive",
                        w.observations, _day(w.latest)] for w in workers],
                      frozenset({4}), links={0: [f"/workers/{w.id}" for w in workers]})
        return Office(office_id(county, office), county, office, sum(counts.values()), table,
                      _grid(instrument, tallies, counts, "share-accomplished-by-element-and-month"),
                      self._supports(assessed), self._leadership(led))

    def _leadership(self, latest: list[drilldown_repo.RatedObservation]) -> Table:
        """Each leader's latest finished leadership observation, pooled by domain."""
        try:
            newest = self.hub.catalog.get(LEADERSHIP)
        except CoachError:  # no leadership instrument at this hub
            return Table("leadership-by-domain", "Leadership", ["domain", "share"])
        observed: dict[str, int] = {}
        proficient: dict[str, int] = {}
        for found in latest:
            try:
                own = self.hub.catalog.get(LEADERSHIP, found.instrument_version)
            except CoachError:  # a version this hub lacks: left out, never a 500
                continue
            score = score_observation(own, {k: v for k, v in found.ratings.items()
                                            if own.has_item(k) and own.scale.has_value(v)})
            for group_id, group in score.by_group.items():
                observed[group_id] = observed.get(group_id, 0) + group.observed
                proficient[group_id] = proficient.get(group_id, 0) + group.proficient
        rows = [[g.label, _share(proficient.get(g.id, 0), observed.get(g.id, 0)), len(latest)]
                for g in newest.groups] if latest else []
        return Table("leadership-by-domain", "Leadership: each leader's latest finished "
                     "observation, pooled; share of ratings at the proficient level or above",
                     ["domain", "share at standard", "leaders"], rows, frozenset({1, 2}))

    def _supports(self, assessed: list[drilldown_repo.OfficeAssessment]) -> Table:
        """The office's assessments, newest first: stage, coach, share In place per domain."""
        try:
            newest = self.hub.catalog.get(SUPPORTS)
        except CoachError:  # no implementation-supports instrument at this hub
            return Table("implementation-supports", "Implementation supports",
                         ["date", "stage"], [[_day(a.started_at), a.stage] for a in assessed])
        rows = []
        for found in assessed:
            try:
                own = self.hub.catalog.get(found.instrument_id,
                                                     found.instrument_version)
                score = score_observation(own, {k: v for k, v in found.ratings.items()
                                                if own.has_item(k) and own.scale.has_value(v)})
                by_group = {g: _share(s.proficient, s.observed)
                            for g, s in score.by_group.items()}
            except CoachError:  # a version this hub lacks: shown as "none", never a 500
                by_group = {}
            rows.append([_day(found.started_at), _stage(found.stage), found.coach_name,
                         *[by_group.get(g.id, "none") for g in newest.groups]])
        level = newest.scale.level(newest.scale.proficient_threshold).label
        return Table("implementation-supports",
                     f"Implementation supports, newest first: share of the rated supports "
                     f"{level}, by domain",
                     ["date", "stage", "coach", *[g.label for g in newest.groups]], rows,
                     frozenset(range(3, 3 + len(newest.groups))))

    def worker(self, scope: Scope, text_id: str) -> WorkerPage:
        """A worker by id: 404 if malformed, unknown or deleted, 403 outside the scope."""
        wanted = _parse(text_id, "worker")
        instrument = self._instrument()
        known = sorted(self.hub.catalog, key=lambda i: -i.version)  # newest wording
        with self.hub.store.read() as session:
            found = drilldown_repo.worker(session=session, worker_id=wanted)
            if found is None:
                raise NotFoundError(f"There is no worker {wanted} at this hub")
            if not scope.admits(found.county, found.office):
                raise ForbiddenError("This worker is outside the part of the hub you may see")
            tallies, counts = drilldown_repo.worker_tallies(
                session=session, worker_id=wanted, instrument_id=PRACTICE)
            rated = drilldown_repo.rated_observations(
                session=session, worker_id=wanted, instrument_id=PRACTICE)
            goals = drilldown_repo.goals(session=session, worker_id=wanted)
            goal_rows = [[_day(g.created_at), g.status, _day(g.due_date) if g.due_date else "none",
                          "; ".join(_behavior(known, b) for b in g.behavior_ids), g.text]
                         for g in goals]
            place = (found.county, found.office)
            who = (found.id, found.name, found.role, found.unit, found.active)
        elements = [(g.id, g.label) for g in instrument.groups]
        rows = []
        for obs in rated:
            by_group = self._scores(obs.instrument_version, obs.ratings)
            rows.append([_day(obs.started_at), _setting(obs.setting), obs.status, obs.coach_name,
                         *[by_group.get(eid, "none") for eid, _label in elements]])
        observations = Table("observations", "Finished observations, oldest first: share of "
                             "ratings at Accomplished in each practice element",
                             ["date", "setting", "status", "coach",
                              *[label for _eid, label in elements]], rows,
                             frozenset(range(4, 4 + len(elements))))
        goal_table = Table("goals", "Goals", ["set", "status", "due", "behaviors", "goal"],
                           goal_rows, wide=frozenset({3, 4}))
        return WorkerPage(*who, *place, office_id(*place),
                          _grid(instrument, tallies, counts,
                                "share-accomplished-by-element-and-month"),
                          observations, goal_table)

    def _scores(self, version: int, ratings: dict[str, int]) -> dict[str, str]:
        """Share Accomplished by element of one observation, read on its own version."""
        try:
            own = self.hub.catalog.get(PRACTICE, version)
            score = score_observation(own, {k: v for k, v in ratings.items()
                                            if own.has_item(k) and own.scale.has_value(v)})
        except CoachError:  # a version this hub no longer has: shown as "none", never a 500
            return {}
        return {gid: _share(s.proficient, s.observed) for gid, s in score.by_group.items()}
