"""Workers being coached: add, edit, deactivate, list."""

import logging
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cfpm_coach.domain.scoring import on_scale, score_values
from cfpm_coach.domain.trends import monthly_trend
from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.errors import InstrumentError, NotFoundError
from cfpm_coach.services import observation_views, worker_page
from cfpm_coach.services.goals import GoalService, goal_view
from cfpm_coach.services.inputs import WorkerInput, validated
from cfpm_coach.services.instrument_choice import InstrumentChoiceService
from cfpm_coach.services.observations import ObservationService
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import goal_repo, observation_repo, profile_repo, records, worker_repo
from cfpm_coach.storage.models import Worker
from cfpm_coach.storage.observation_repo import ObservationLine, RatingValues
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.worker_repo import WorkerActivity, WorkerRow
from cfpm_coach.views.history import WorkerHistory
from cfpm_coach.views.worker_choice import WorkerChoice
from cfpm_coach.views.workers import (
    WORKER_ORDERS,
    ListedWorker,
    WorkerListing,
    WorkerView,
    fidelity,
    listing_key,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from cfpm_coach.domain.catalog import InstrumentCatalog
    from cfpm_coach.domain.instruments import Instrument

log = logging.getLogger(__name__)
LISTING_PAGE = 50  # workers figured with a listing: about a screenful (WorkersModel.PAGE)


def _fidelity_key(worker: WorkerView) -> float:
    share = fidelity(worker)
    return -1.0 if share is None else share  # never observed: below every share


def _view(
    worker: Worker | WorkerRow, act: WorkerActivity | None = None,
    elements: dict[str, float | None] | None = None,
) -> WorkerView:
    return WorkerView(
        id=worker.id, name=worker.name, role=worker.role, unit=worker.unit,
        office=worker.office, county=worker.county, active=worker.active,
        observation_count=act.observation_count if act else 0,
        last_observed_at=act.last_observed_at if act else None,
        element_scores=elements or {},
    )


class WorkerService:
    """Use cases on the workers a coach follows."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, author: Author,
                 choice: InstrumentChoiceService, observations: ObservationService,
                 goals: GoalService) -> None:
        self._store = store
        self._catalog = catalog
        self._author = author
        self._choice = choice
        self._observations = observations
        self._goals = goals
        # Carried shares outlive one read: the list reads a page at a time (_carried_shares).
        self._shares: tuple[object, tuple[str, int, str], _CarriedShares] | None = None

    def add(self, name: str, role: str = "", unit: str = "", office: str = "",
            county: str = "") -> WorkerView:
        """Add a worker; the name is required."""
        data = validated(
            WorkerInput, {"name": name, "role": role, "unit": unit, "office": office,
                          "county": county},
        )
        worker = Worker(**data.model_dump(), active=True)
        with self._store.current.write() as session:
            records.insert(session, self._author, worker)
        log.info("worker %s added", worker.id)
        return _view(worker)

    def _load(self, session: "Session", worker_id: uuid.UUID) -> Worker:
        worker = worker_repo.get_worker(session=session, worker_id=worker_id)
        if worker is None:
            raise NotFoundError("That worker no longer exists")
        return worker

    def edit(self, worker_id: uuid.UUID, **fields: str) -> WorkerView:
        """Change a worker's name, role, unit, office or county."""
        with self._store.current.write() as session:
            worker = self._load(session, worker_id)
            current = {k: getattr(worker, k) for k in WorkerInput.model_fields}
            data = validated(WorkerInput, {**current, **fields})
            records.update(session, self._author, worker, data.model_dump())
        return self.get(worker_id)

    def set_active(self, worker_id: uuid.UUID, active: bool) -> WorkerView:
        """Deactivate (left the unit, on leave) or reactivate a worker; nothing is deleted."""
        with self._store.current.write() as session:
            worker = self._load(session, worker_id)
            records.update(session, self._author, worker, {"active": active})
        return self.get(worker_id)

    def get(self, worker_id: uuid.UUID) -> WorkerView:
        """One worker with activity and element scores."""
        with self._store.current.read() as session:
            worker = self._load(session, worker_id)
            act = worker_repo.activity(session=session, worker_ids=[worker_id]).get(worker_id)
            return _view(worker, act, self._elements_of(session, worker_id))

    def _elements_of(self, session: "Session", worker_id: uuid.UUID
                     ) -> dict[str, float | None] | None:
        """_element_scores of one worker from their two latest finished practice observations
        (the list's queries rank every one of them; one worker needs the newest alone)."""
        practice = self._choice.practice()
        if practice is None:
            return {}
        latest = observation_repo.observation_lines(
            session=session, worker_id=worker_id, instrument_id=practice.id,
            statuses=FINISHED, limit=2)
        values = observation_repo.rating_values(session=session,
                                                observation_ids=[line.id for line in latest[:1]])
        return self._latest_elements(session, worker_id, practice, latest, values)

    def _latest_elements(self, session: "Session", worker_id: uuid.UUID,
                         practice: "Instrument | None", lines: Sequence[ObservationLine],
                         values: dict[uuid.UUID, RatingValues]
                         ) -> dict[str, float | None] | None:
        """The worker's element shares from their observation lines (newest first) and rating
        values; the list's queries when two share the latest start time (the list's choice)."""
        if practice is None:
            return {}
        elements = worker_page.latest_element_scores(practice, lines, values,
                                                     self._carried_shares(practice).of)
        if elements is None:
            return self._element_scores(session, [worker_id]).get(worker_id)
        return elements

    def find(self, *, include_inactive: bool = True, office: str | None = None,
             search: str | None = None) -> list[WorkerView]:
        """Workers by name, with last observation and latest element scores."""
        with self._store.current.read() as session:
            workers = worker_repo.list_workers(
                session=session, include_inactive=include_inactive, office=office, search=search
            )
            activity = worker_repo.activity(session=session)
            elements = self._element_scores(session)
            return [_view(w, activity.get(w.id), elements.get(w.id)) for w in workers]

    def choices(self, *, include_inactive: bool = False) -> list[WorkerChoice]:
        """Workers by name with their office, unit, role and county, and no figures: a picker's
        list (find() figures every worker, seconds at 50,000)."""
        with self._store.current.read() as session:
            return worker_repo.worker_choices(session=session, include_inactive=include_inactive)

    def listing(self, *, include_inactive: bool = True, office: str | None = None,
                search: str | None = None, order: str = "name", descending: bool = False,
                figured: int = LISTING_PAGE) -> WorkerListing:
        """Every matching worker in the order asked, with figures for only the first `figured`.

        The database sorts by name, office or last observation; the fidelity order needs
        every worker's scores, so that order figures every worker (the slow one, on purpose).
        """
        if order not in WORKER_ORDERS:
            raise ValueError(f"unknown worker order {order!r}")
        with self._store.current.read() as session:
            if order == "fidelity":
                views = self._figured(session, worker_repo.list_workers(
                    session=session, include_inactive=include_inactive, office=office,
                    search=search))
                # Stable on the name order; descending turns ties around too, like the list did.
                views.sort(key=_fidelity_key)
                if descending:
                    views.reverse()
                return WorkerListing(
                    [ListedWorker(listing_key(v.id), v.name, v.office, int(v.active))
                     for v in views], {listing_key(v.id): v for v in views}, order, descending)
            listed = worker_repo.listed_workers(
                session=session, include_inactive=include_inactive, office=office,
                search=search, order=order, descending=descending)
            first = self._figured(session, worker_repo.workers_by_id(
                session=session, worker_ids=[uuid.UUID(w.key) for w in listed[:figured]]))
            return WorkerListing(listed, {listing_key(v.id): v for v in first}, order,
                                 descending)

    def figures(self, worker_ids: list[uuid.UUID]) -> list[WorkerView]:
        """The given workers with activity and element scores (a page of the list)."""
        if not worker_ids:
            return []
        with self._store.current.read() as session:
            rows = worker_repo.workers_by_id(session=session, worker_ids=worker_ids)
            return self._figured(session, rows)

    def _figured(self, session: "Session", rows: list[WorkerRow]) -> list[WorkerView]:
        """Views of the rows with their activity and scores, read for those workers alone."""
        if not rows:
            return []
        ids = [row.id for row in rows]
        # Past a few thousand, one read of everyone beats a long list of bound ids.
        wanted = ids if len(ids) <= LISTING_PAGE * 10 else None
        activity = worker_repo.activity(session=session, worker_ids=wanted)
        elements = self._element_scores(session, wanted)
        return [_view(w, activity.get(w.id), elements.get(w.id)) for w in rows]

    def offices(self) -> list[str]:
        """Offices known from the workers."""
        with self._store.current.read() as session:
            return worker_repo.offices(session=session)

    def _element_scores(
        self, session: "Session", worker_ids: list[uuid.UUID] | None = None
    ) -> dict[uuid.UUID, dict[str, float | None]]:
        """Share Accomplished per element in each worker's latest finished practice observation."""
        practice = self._choice.practice()
        if practice is None:
            return {}
        result: dict[uuid.UUID, dict[str, float | None]] = {}
        instrument = practice
        tallies = observation_repo.latest_group_tallies(
            session=session, instrument=instrument.key, statuses=FINISHED,
            scored_values=instrument.scale.scored_values,
            proficient_threshold=instrument.scale.proficient_threshold,
            worker_ids=worker_ids,
        )
        for worker_id, groups in tallies.items():
            result[worker_id] = {
                g.id: (groups[g.id].proficient / groups[g.id].observed
                       if g.id in groups and groups[g.id].observed else None)
                for g in instrument.groups
            }
        result.update(self._earlier_version_scores(session, practice, worker_ids))
        return result

    def _earlier_version_scores(self, session: "Session", practice: "Instrument",
                                worker_ids: list[uuid.UUID] | None
                                ) -> dict[uuid.UUID, dict[str, float | None]]:
        """Element shares of workers whose latest observation was rated on an earlier version,
        read through the crosswalk (None for an element it has no counterpart for)."""
        older = observation_repo.latest_keys_per_worker(
            session=session, instrument_ids=[practice.id], statuses=FINISHED,
            worker_ids=worker_ids, below_version=practice.version)
        if not older:
            return {}
        values = observation_repo.rating_values(session=session,
                                                observation_ids=[o.id for o in older.values()])
        shares = self._carried_shares(practice)
        result: dict[uuid.UUID, dict[str, float | None]] = {}
        for worker_id, obs in older.items():
            scores = shares.of(obs.instrument_id, obs.instrument_version,
                               values.get(obs.id, {}))
            if scores is not None:
                result[worker_id] = scores
        return result

    def _carried_shares(self, practice: "Instrument") -> "_CarriedShares":
        """The memo of carried shares for this catalog and practice instrument, kept across
        reads: each page of the list would otherwise compute again what the last one did."""
        catalog = self._catalog.current
        key = (practice.id, practice.version, practice.content_hash)
        if self._shares is None or self._shares[0] is not catalog or self._shares[1] != key:
            self._shares = (catalog, key, _CarriedShares(catalog, practice))
        return self._shares[2]

    def history(self, worker_id: uuid.UUID) -> WorkerHistory:
        """A worker's page: the worker, observations newest first, goals.

        One read of the store; the worker's own figures (activity, element shares) follow
        from the observations read for the history rather than from queries of their own.
        """
        from cfpm_coach.services import focus

        catalog = self._catalog.current
        practice = self._choice.practice()
        with self._store.current.read() as session:
            # Its columns, not the ORM row: the row would be expired when the read ends.
            found = worker_repo.workers_by_id(session=session, worker_ids=[worker_id])
            if not found:
                raise NotFoundError("That worker no longer exists")
            worker = found[0]
            lines = observation_repo.observation_lines(session=session, worker_id=worker_id)
            values = observation_repo.rating_values(session=session,
                                                    observation_ids=[line.id for line in lines])
            coaches = profile_repo.coach_names(session=session)
            goals = [goal_view(goal) for goal in goal_repo.goals_of(session=session,
                                                                    worker_id=worker_id)]
            elements = self._latest_elements(session, worker_id, practice, lines, values)
        observations = observation_views.summaries_of(catalog, lines, values,
                                                      {worker.id: worker.name}, coaches)
        suggestions, recent = focus.analyse(catalog, practice, observations, values)
        return WorkerHistory(
            worker=_view(worker, worker_page.activity(lines), elements),
            observations=observations,
            goals=goals,
            focus=suggestions,
            recent_ratings=recent,
            behavior_labels=catalog.behavior_labels(),
            trend=monthly_trend(practice, observations) if practice is not None else None,
        )


# Per element: (behavior, the earlier behaviors it is carried from, carried rating by theirs).
Plan = list[tuple[str, list[tuple[str, tuple[str, ...], dict[tuple[int | None, ...],
                                                              int | None]]]]]


class _CarriedShares:
    """Element shares of ratings made on earlier versions, memoized twice.

    A carried rating depends only on the one or two earlier ratings its behavior continues, and
    an element's share only on its behaviors' carried ratings; both take few distinct values,
    so thousands of workers reuse a handful of computations. Carrying and scoring every
    worker's observation whole was most of the worker list's time (5,000 workers).
    """

    def __init__(self, catalog: "InstrumentCatalog", practice: "Instrument") -> None:
        self._catalog = catalog
        self._practice = practice
        self._plans: dict[tuple[str, int], tuple[Instrument, Plan] | None] = {}
        self._shares: dict[tuple[str, tuple[int | None, ...]], float | None] = {}

    def _plan(self, instrument_id: str, version: int) -> tuple["Instrument", Plan] | None:
        key = (instrument_id, version)
        if key not in self._plans:
            try:
                own = self._catalog.get(instrument_id, version)
            except InstrumentError:
                self._plans[key] = None
                return None
            # No crosswalk there: no sources, and each behavior is what carried() gives it.
            behaviors = self._catalog.carried_from(instrument_id, version, self._practice) or {}
            self._plans[key] = (own, [
                (g.id, [(i.id, tuple(sorted(behaviors.get(i.id, frozenset()))), {})
                        for i in g.items])
                for g in self._practice.groups])
        return self._plans[key]

    def of(self, instrument_id: str, version: int, ratings: dict[str, int | None]
           ) -> dict[str, float | None] | None:
        """Share proficient per element of the practice instrument (None: unknown instrument)."""
        found = self._plan(instrument_id, version)
        if found is None:
            return None
        own, plan = found
        values = own.scale.value_set
        shares: dict[str, float | None] = {}
        for group_id, items in plan:
            carried = []
            for item_id, sources, memo in items:
                # Per worker and behavior only a lookup: this loop runs 100,000 times at 5,000.
                given = tuple([v if v in values else None for v in map(ratings.get, sources)])
                if given not in memo:
                    memo[given] = self._carry(own, item_id, sources, given)
                carried.append(memo[given])
            group_key = (group_id, tuple(carried))
            if group_key not in self._shares:
                self._shares[group_key] = score_values(
                    carried, self._practice.scale).share_proficient
            shares[group_id] = self._shares[group_key]
        return shares

    def _carry(self, own: "Instrument", item_id: str, sources: tuple[str, ...],
               given: tuple[int | None, ...]) -> int | None:
        ratings = on_scale(own, dict(zip(sources, given, strict=True)))
        carried = self._catalog.carried(own.id, own.version, ratings, self._practice) or {}
        return carried.get(item_id)
