"""Two ways to write the sample data: through the services one call at a time, or in batches.

The batch writer builds the very records the services would (the same checks, revisions, audit
entries, device, times and one change number per service call) in one transaction per worker,
as rows sent with executemany: no commit, ORM object or full re-read per call.
"""

import logging
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from cfpm_coach.domain.scoring import missing_behaviors
from cfpm_coach.domain.vocabulary import GoalStatus, ObservationStatus, Setting
from cfpm_coach.errors import InvalidInputError, NotFoundError
from cfpm_coach.services.inputs import NotesInput, WorkerInput, validated
from cfpm_coach.services.observations import (
    ObservationService,
    check_evidence,
    check_setting,
    check_value,
    incomplete,
)
from cfpm_coach.storage.models import Goal, Observation, Rating, Worker
from cfpm_coach.storage.record_batch import RecordBatch, Row
from cfpm_coach.storage.types import utcnow

if TYPE_CHECKING:
    from cfpm_coach.domain.instruments import Instrument
    from cfpm_coach.services.goals import GoalService
    from cfpm_coach.services.workers import WorkerService
    from cfpm_coach.storage.records import Author
    from cfpm_coach.storage.store import Store

# The services' own loggers: the log reads (ids only) as if each call had been made.
_worker_log = logging.getLogger("cfpm_coach.services.workers")
_observation_log = logging.getLogger("cfpm_coach.services.observations")
_goal_log = logging.getLogger("cfpm_coach.services.goals")

# Behavior id -> (value, evidence note or None), as ObservationService.rate_many takes them.
Ratings = dict[str, tuple[int | None, str | None]]


@dataclass(frozen=True)
class DemoResult:
    """What the demo generator wrote."""

    workers: int
    observations: int
    drafts: int
    goals: int


class SampleWriter(Protocol):
    """What the demo generator asks of a writer; one unit() per worker."""

    def unit(self) -> AbstractContextManager[object]:
        """Everything written for one worker."""

    def add_worker(self, name: str, *, role: str, office: str, unit: str,
                   county: str) -> uuid.UUID:
        """As WorkerService.add."""

    def set_active(self, worker_id: uuid.UUID, active: bool) -> None:
        """As WorkerService.set_active."""

    def observe(self, worker_id: uuid.UUID, instrument: "Instrument", setting: Setting,
                started_at: datetime, ratings: Ratings, *, notes: dict[str, str] | None = None,
                ended_at: datetime | None = None) -> None:
        """Start, rate_many and, with notes, write_notes and finalize."""

    def add_goal(self, worker_id: uuid.UUID, text: str, behavior_ids: list[str], *,
                 due_date: date) -> uuid.UUID:
        """As GoalService.add."""

    def set_goal_status(self, goal_id: uuid.UUID, status: str) -> None:
        """As GoalService.update with a status."""


class ServiceWriter:
    """Through the services, one commit per call: the reference the batch writer must equal."""

    def __init__(self, workers: "WorkerService", observations: "ObservationService",
                 goals: "GoalService") -> None:
        self._workers = workers
        self._observations = observations
        self._goals = goals

    def unit(self) -> AbstractContextManager[object]:
        """Nothing to group: every call commits on its own."""
        return nullcontext()

    def add_worker(self, name: str, *, role: str, office: str, unit: str,
                   county: str) -> uuid.UUID:
        """WorkerService.add."""
        return self._workers.add(name, role=role, office=office, unit=unit, county=county).id

    def set_active(self, worker_id: uuid.UUID, active: bool) -> None:
        """WorkerService.set_active."""
        self._workers.set_active(worker_id, active)

    def observe(self, worker_id: uuid.UUID, instrument: "Instrument", setting: Setting,
                started_at: datetime, ratings: Ratings, *, notes: dict[str, str] | None = None,
                ended_at: datetime | None = None) -> None:
        """ObservationService.start, rate_many, write_notes, finalize."""
        observations = self._observations
        obs = observations.start(worker_id, instrument.id, setting, started_at=started_at)
        observations.rate_many(obs.id, ratings)
        if notes is not None:
            observations.write_notes(obs.id, **notes)
            observations.finalize(obs.id, ended_at=ended_at)

    def add_goal(self, worker_id: uuid.UUID, text: str, behavior_ids: list[str], *,
                 due_date: date) -> uuid.UUID:
        """GoalService.add."""
        return self._goals.add(worker_id, text, behavior_ids, due_date=due_date).id

    def set_goal_status(self, goal_id: uuid.UUID, status: str) -> None:
        """GoalService.update."""
        self._goals.update(goal_id, status=status)


class BatchWriter:
    """The services' records, built in memory and written in one transaction per worker.

    Each method is one service call: it checks its input with the services' own rules, has
    storage.record_batch stamp its rows as storage.records would (revision, device, times,
    audit entry) and takes a change number of its own, as that call's commit would.
    """

    def __init__(self, store: "Store", author: "Author", goals: "GoalService") -> None:
        self._store = store
        self._author = author
        self._goal_rules = goals
        self._batch: RecordBatch | None = None
        self._workers: dict[uuid.UUID, Row] = {}
        self._goals: dict[uuid.UUID, Row] = {}

    @contextmanager
    def unit(self) -> Iterator[object]:
        """One transaction for everything written for one worker."""
        with self._store.write() as session:
            self._batch = RecordBatch(session, self._author)
            try:
                yield self._batch
                self._batch.write()
            finally:
                self._batch = None
                self._workers.clear()
                self._goals.clear()

    def _call(self) -> RecordBatch:
        """The batch, at the start of what would be a service call of its own."""
        if self._batch is None:
            raise RuntimeError("BatchWriter: write inside unit()")
        self._batch.new_change()
        return self._batch

    def _worker(self, worker_id: uuid.UUID) -> Row:
        worker = self._workers.get(worker_id)
        if worker is None:
            raise NotFoundError("That worker no longer exists")
        return worker

    def add_worker(self, name: str, *, role: str, office: str, unit: str,
                   county: str) -> uuid.UUID:
        """As WorkerService.add."""
        data = validated(WorkerInput, {"name": name, "role": role, "unit": unit,
                                       "office": office, "county": county})
        worker = self._call().insert(Worker, {**data.model_dump(), "active": True})
        self._workers[worker["id"]] = worker
        _worker_log.info("worker %s added", worker["id"])
        return uuid.UUID(str(worker["id"]))

    def set_active(self, worker_id: uuid.UUID, active: bool) -> None:
        """As WorkerService.set_active."""
        worker = self._worker(worker_id)
        self._call().update(Worker, worker, {"active": active})

    def observe(self, worker_id: uuid.UUID, instrument: "Instrument", setting: Setting,
                started_at: datetime, ratings: Ratings, *, notes: dict[str, str] | None = None,
                ended_at: datetime | None = None) -> None:
        """As ObservationService.start, rate_many and, with notes, write_notes and finalize."""
        obs = self._start(worker_id, instrument, setting, started_at)
        values = self._rate_many(obs, instrument, ratings)
        if notes is None:
            return
        current = {name: obs[name] for name in NotesInput.model_fields}
        data = validated(NotesInput, {**current, **notes})
        self._call().update(Observation, obs, data.model_dump())
        self._finalize(obs, instrument, values, ended_at)

    def _start(self, worker_id: uuid.UUID, instrument: "Instrument", setting: Setting,
               started_at: datetime) -> Row:
        author = self._author
        assert author.coach_id is not None
        if started_at.tzinfo is None:
            raise InvalidInputError("start time: a time zone is required")
        self._worker(worker_id)
        obs = self._call().insert(Observation, {
            "worker_id": worker_id, "coach_id": author.coach_id, "instrument_id": instrument.id,
            "instrument_version": instrument.version,
            "instrument_hash": instrument.content_hash, "setting": check_setting(setting),
            "started_at": started_at, "case_reference": None, "co_observer": None,
            "pair_code": None, "status": ObservationStatus.DRAFT.value,
        })
        _observation_log.info("observation %s started for worker %s", obs["id"], worker_id)
        return obs

    def _rate_many(self, obs: Row, instrument: "Instrument",
                   ratings: Ratings) -> dict[str, int | None]:
        batch = self._call()
        values: dict[str, int | None] = {}
        for behavior_id, (value, note) in ratings.items():
            check_value(instrument, value)
            if not instrument.has_item(behavior_id):
                raise InvalidInputError(f"behavior: {behavior_id!r} is not on this instrument")
            row: Row = {"observation_id": obs["id"], "behavior_id": behavior_id, "value": value}
            if note is not None:
                row["note"] = check_evidence(note)
            batch.insert(Rating, row)
            values[behavior_id] = value
        return values

    def _finalize(self, obs: Row, instrument: "Instrument", values: dict[str, int | None],
                  ended_at: datetime | None) -> None:
        missing = missing_behaviors(instrument, values)
        if missing:
            raise incomplete(instrument, missing)
        now = utcnow()
        changes = {"status": ObservationStatus.FINAL.value, "finalized_at": now,
                   "ended_at": ended_at or obs["ended_at"] or now}
        self._call().update(Observation, obs, changes, action="finalize")
        _observation_log.info("observation %s finalized (partial=%s)", obs["id"], False)

    def add_goal(self, worker_id: uuid.UUID, text: str, behavior_ids: list[str], *,
                 due_date: date) -> uuid.UUID:
        """As GoalService.add."""
        goals = self._goal_rules
        values: Row = {
            "worker_id": worker_id, "observation_id": None,
            "behavior_ids": goals.check_behaviors(behavior_ids), "text": goals.goal_text(text),
            "due_date": due_date, "status": GoalStatus.OPEN.value,
        }
        self._worker(worker_id)
        goal = self._call().insert(Goal, values)
        self._goals[goal["id"]] = goal
        _goal_log.info("goal %s added for worker %s", goal["id"], worker_id)
        return uuid.UUID(str(goal["id"]))

    def set_goal_status(self, goal_id: uuid.UUID, status: str) -> None:
        """As GoalService.update with a status."""
        goal = self._goals.get(goal_id)
        if goal is None:
            raise NotFoundError("That goal no longer exists")
        try:
            value = GoalStatus(status).value
        except ValueError:
            raise InvalidInputError(f"status: {status!r} is not open, met or dropped") from None
        self._call().update(Goal, goal, {"status": value})
