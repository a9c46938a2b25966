"""What the dashboard's office and worker pages read: the workers of a place with their
observation counts, one worker, their rated observations and their goals."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.storage.hub_repo import TallyRow, _month
from cfpm_coach.storage.models import Coach, Goal, Observation, Rating, Worker


@dataclass(frozen=True)
class WorkerCount:
    """A live worker of one place and their finished observations of one instrument."""

    id: uuid.UUID
    name: str
    role: str
    unit: str
    active: bool
    observations: int
    latest: datetime | None


@dataclass(frozen=True)
class RatedObservation:
    """A finished observation of one worker and its scored ratings, behavior id to value."""

    id: uuid.UUID
    started_at: datetime
    setting: str
    status: str
    coach_name: str
    instrument_version: int
    ratings: dict[str, int]


def _finished(instrument_id: str) -> Any:
    return (col(Observation.instrument_id) == instrument_id,
            col(Observation.status).in_(FINISHED), col(Observation.deleted_at).is_(None))


def places(*, session: Session) -> set[tuple[str, str]]:
    """Every (county, office) with a live worker or a live assessment of the office."""
    rows = session.execute(select(col(Worker.county), col(Worker.office))
                           .where(col(Worker.deleted_at).is_(None)).distinct())
    assessed = session.execute(select(col(Observation.county), col(Observation.office))
                               .where(col(Observation.worker_id).is_(None),
                                      col(Observation.deleted_at).is_(None)).distinct())
    return {(str(county), str(office)) for county, office in [*rows, *assessed]}


@dataclass(frozen=True)
class OfficeAssessment:
    """A finished assessment of an office's implementation supports and its scored ratings."""

    id: uuid.UUID
    started_at: datetime
    stage: str
    coach_name: str
    instrument_id: str
    instrument_version: int
    ratings: dict[str, int]


def office_assessments(*, session: Session, county: str, office: str
                       ) -> list[OfficeAssessment]:
    """The finished assessments of one place (no worker: the office itself), newest first."""
    where = (col(Observation.worker_id).is_(None), col(Observation.county) == county,
             col(Observation.office) == office, col(Observation.status).in_(FINISHED),
             col(Observation.deleted_at).is_(None))
    found = session.execute(
        select(col(Observation.id), col(Observation.started_at),
               col(Observation.implementation_stage), col(Coach.name),
               col(Observation.instrument_id), col(Observation.instrument_version))
        .outerjoin(Coach, col(Coach.id) == col(Observation.coach_id))
        .where(*where).order_by(col(Observation.started_at).desc(), col(Observation.id))).all()
    ratings: dict[uuid.UUID, dict[str, int]] = {oid: {} for oid, *_ in found}
    for oid, behavior, value in session.execute(
            select(col(Rating.observation_id), col(Rating.behavior_id), col(Rating.value))
            .join(Observation, col(Observation.id) == col(Rating.observation_id))
            .where(*where, col(Rating.deleted_at).is_(None), col(Rating.value).is_not(None))):
        ratings[oid][str(behavior)] = int(value)
    return [OfficeAssessment(oid, started, str(stage or ""), str(coach or ""), str(instrument),
                             int(version), ratings[oid])
            for oid, started, stage, coach, instrument, version in found]


def workers_of_place(*, session: Session, county: str, office: str, instrument_id: str
                     ) -> list[WorkerCount]:
    """The live workers of one place by name, each with their finished observations' count
    and latest start."""
    counts = (select(col(Observation.worker_id).label("worker_id"),
                     func.count(col(Observation.id)).label("n"),
                     func.max(col(Observation.started_at)).label("latest"))
              .where(*_finished(instrument_id))
              .group_by(col(Observation.worker_id)).subquery())
    rows = session.execute(
        select(col(Worker.id), col(Worker.name), col(Worker.role), col(Worker.unit),
               col(Worker.active), counts.c.n, counts.c.latest)
        .outerjoin(counts, counts.c.worker_id == col(Worker.id))
        .where(col(Worker.deleted_at).is_(None), col(Worker.county) == county,
               col(Worker.office) == office)
        .order_by(col(Worker.name), col(Worker.id)))
    return [WorkerCount(wid, str(name), str(role), str(unit), bool(active), int(n or 0),
                        _as_datetime(latest))
            for wid, name, role, unit, active, n, latest in rows]


def _as_datetime(value: Any) -> datetime | None:
    # Through a subquery's max() the column's UTC decorator may not apply: make it aware UTC.
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def place_tallies(*, session: Session, county: str, office: str, instrument_id: str
                  ) -> tuple[list[TallyRow], dict[tuple[str, str, str], int]]:
    """Counted ratings and finished observations of one place, as hub_repo counts the hub's."""
    return _tallies(session, instrument_id, (col(Worker.county) == county,
                                             col(Worker.office) == office))


def worker_tallies(*, session: Session, worker_id: uuid.UUID, instrument_id: str
                   ) -> tuple[list[TallyRow], dict[tuple[str, str, str], int]]:
    """Counted ratings and finished observations of one worker, by month."""
    return _tallies(session, instrument_id, (col(Worker.id) == worker_id,))


def _tallies(session: Session, instrument_id: str, where: tuple[Any, ...]
             ) -> tuple[list[TallyRow], dict[tuple[str, str, str], int]]:
    month = _month(session, Observation.started_at).label("month")
    ratings = session.execute(
        select(col(Worker.office), col(Worker.county), month, col(Rating.behavior_id),
               col(Rating.value), func.count())
        .join(Observation, col(Observation.worker_id) == col(Worker.id))
        .join(Rating, col(Rating.observation_id) == col(Observation.id))
        .where(*_finished(instrument_id), *where, col(Rating.deleted_at).is_(None),
               col(Rating.value).is_not(None))
        .group_by(col(Worker.office), col(Worker.county), month, col(Rating.behavior_id),
                  col(Rating.value)))
    tallies = [TallyRow(str(o), str(c), str(m), instrument_id, str(b), int(v), int(n))
               for o, c, m, b, v, n in ratings]
    observed = session.execute(
        select(col(Worker.office), col(Worker.county), month, func.count(col(Observation.id)))
        .join(Observation, col(Observation.worker_id) == col(Worker.id))
        .where(*_finished(instrument_id), *where)
        .group_by(col(Worker.office), col(Worker.county), month))
    return tallies, {(str(o), str(c), str(m)): int(n) for o, c, m, n in observed}


def worker(*, session: Session, worker_id: uuid.UUID) -> Worker | None:
    """A live worker by id, or None."""
    found = session.get(Worker, worker_id)
    return found if found is not None and found.deleted_at is None else None


def rated_observations(*, session: Session, worker_id: uuid.UUID, instrument_id: str
                       ) -> list[RatedObservation]:
    """A worker's finished observations of one instrument, oldest first, with scored ratings."""
    observations = session.execute(
        select(col(Observation.id), col(Observation.started_at), col(Observation.setting),
               col(Observation.status), col(Coach.name), col(Observation.instrument_version))
        .outerjoin(Coach, col(Coach.id) == col(Observation.coach_id))
        .where(col(Observation.worker_id) == worker_id, *_finished(instrument_id))
        .order_by(col(Observation.started_at), col(Observation.id))).all()
    ratings: dict[uuid.UUID, dict[str, int]] = {oid: {} for oid, *_ in observations}
    for oid, behavior, value in session.execute(
            select(col(Rating.observation_id), col(Rating.behavior_id), col(Rating.value))
            .join(Observation, col(Observation.id) == col(Rating.observation_id))
            .where(col(Observation.worker_id) == worker_id, *_finished(instrument_id),
                   col(Rating.deleted_at).is_(None), col(Rating.value).is_not(None))):
        ratings[oid][str(behavior)] = int(value)
    return [RatedObservation(oid, started, str(setting), str(status), str(coach or ""),
                             int(version), ratings[oid])
            for oid, started, setting, status, coach, version in observations]


def goals(*, session: Session, worker_id: uuid.UUID) -> list[Goal]:
    """A worker's live goals, newest first."""
    return list(session.execute(
        select(Goal).where(col(Goal.worker_id) == worker_id, col(Goal.deleted_at).is_(None))
        .order_by(col(Goal.created_at).desc())).scalars())


def observed_workers(*, session: Session, instrument_id: str) -> list[Worker]:
    """Live workers with a finished observation of one instrument, by name."""
    observed = select(col(Observation.worker_id)).where(*_finished(instrument_id))
    return list(session.execute(
        select(Worker).where(col(Worker.deleted_at).is_(None), col(Worker.id).in_(observed))
        .order_by(col(Worker.name), col(Worker.id))).scalars())
