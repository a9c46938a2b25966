"""Queries on observations, their ratings and amendments."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Select, String, Subquery, and_, case, func, type_coerce
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from cfpm_coach.storage.models import Observation, ObservationAmendment, Rating

RatingValues = dict[str, int | None]
Query = TypeVar("Query", bound=Select[Any])


def get_observation(*, session: Session, observation_id: uuid.UUID) -> Observation | None:
    """An observation by id, unless deleted."""
    observation = session.get(Observation, observation_id)
    if observation is None or observation.deleted_at is not None:
        return None
    return observation


def _live_newest_first(
    query: Query, *, worker_id: uuid.UUID | None, worker_ids: list[uuid.UUID] | None,
    started_from: datetime | None, started_before: datetime | None, status: str | None,
    limit: int | None,
) -> Query:
    """The filters and order every observation list shares: live rows, newest first."""
    query = query.where(col(Observation.deleted_at).is_(None))
    if worker_id is not None:
        query = query.where(col(Observation.worker_id) == worker_id)
    if worker_ids is not None:
        query = query.where(col(Observation.worker_id).in_(worker_ids))
    if started_from is not None:
        query = query.where(col(Observation.started_at) >= started_from)
    if started_before is not None:
        query = query.where(col(Observation.started_at) < started_before)
    if status is not None:
        query = query.where(col(Observation.status) == status)
    query = query.order_by(col(Observation.started_at).desc())
    return query.limit(limit) if limit is not None else query


class ObservationLine(NamedTuple):
    """The columns of an observation a list line needs (no notes, no ORM object: a history
    reads hundreds of them)."""

    id: uuid.UUID
    worker_id: uuid.UUID | None
    coach_id: uuid.UUID
    instrument_id: str
    instrument_version: int
    setting: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    casework_component: str | None
    office: str | None
    county: str | None
    implementation_stage: str | None


# The worker's and coach's keys as stored: a few distinct ones repeat on every line, so each is
# made a UUID once per read (_keys) rather than once per line.
_RAW_KEYS = ("worker_id", "coach_id")
_LINE_COLUMNS = tuple(type_coerce(getattr(Observation, name), String).label(name)
                      if name in _RAW_KEYS else col(getattr(Observation, name))
                      for name in ObservationLine._fields)


def observation_lines(
    *, session: Session, worker_id: uuid.UUID | None = None, status: str | None = None,
    limit: int | None = None, worker_ids: list[uuid.UUID] | None = None,
    started_from: datetime | None = None, started_before: datetime | None = None,
    instrument_id: str | None = None, statuses: Iterable[str] | None = None,
) -> list[ObservationLine]:
    """Live observations, newest first, filtered by worker(s), status and start time, as
    columns, not ORM rows (loading 500 observations as entities was a quarter of opening a
    worker's history); optionally on one instrument only, in some statuses only."""
    query = core_select(*_LINE_COLUMNS)
    if instrument_id is not None:
        query = query.where(col(Observation.instrument_id) == instrument_id)
    if statuses is not None:
        query = query.where(col(Observation.status).in_(list(statuses)))
    query = _live_newest_first(query, worker_id=worker_id, worker_ids=worker_ids,
                               started_from=started_from, started_before=started_before,
                               status=status, limit=limit)
    workers: dict[object, uuid.UUID | None] = {None: None}
    coaches: dict[object, uuid.UUID] = {}
    lines = []
    for row in session.connection().execute(query).fetchall():
        worker, coach = row[1], row[2]
        if worker not in workers:
            workers[worker] = _key(worker)
        if coach not in coaches:
            coaches[coach] = _key(coach)
        lines.append(ObservationLine(row[0], workers[worker], coaches[coach], *row[3:]))
    return lines


def _key(stored: object) -> uuid.UUID:
    """A key read without its column type: SQLite's 32 hex digits, or a server's UUID."""
    return stored if isinstance(stored, uuid.UUID) else uuid.UUID(str(stored))


def next_steps_of(*, session: Session, observation_id: uuid.UUID) -> str:
    """The agreed next steps written in an observation (empty when none, or no such one)."""
    query = core_select(col(Observation.next_steps)).where(col(Observation.id) == observation_id)
    return session.execute(query).scalar() or ""


def get_rating(*, session: Session, observation_id: uuid.UUID, behavior_id: str) -> Rating | None:
    """The rating row of one behavior in one observation (tombstoned or not)."""
    query = select(Rating).where(
        Rating.observation_id == observation_id, Rating.behavior_id == behavior_id
    )
    return session.exec(query).first()


def rating_rows(*, session: Session, observation_id: uuid.UUID) -> dict[str, Rating]:
    """Every rating row of an observation (tombstoned too), by behavior id."""
    query = select(Rating).where(Rating.observation_id == observation_id)
    return {row.behavior_id: row for row in session.exec(query)}


def ratings_of(*, session: Session, observation_id: uuid.UUID) -> list[Rating]:
    """Live rating rows of one observation."""
    query = select(Rating).where(
        Rating.observation_id == observation_id, col(Rating.deleted_at).is_(None)
    )
    return list(session.exec(query))


def rating_values(
    *, session: Session, observation_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, RatingValues]:
    """Behavior values of many observations in one query (columns only, no ORM rows)."""
    ids = list(observation_ids)
    by_key: dict[object, RatingValues] = defaultdict(dict)
    # The raw stored key, not a uuid.UUID per row: converting 11k keys was most of the cost of
    # opening a 500-observation history.
    raw_key = type_coerce(Rating.observation_id, String)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = core_select(raw_key, col(Rating.behavior_id), col(Rating.value)).where(
            col(Rating.observation_id).in_(chunk), col(Rating.deleted_at).is_(None)
        )
        # On the connection: the session's ORM result wrapping cost more than the rows did
        # when the worker list read 110,000 of them; fetched at once, not row by row.
        current: object = None
        values: RatingValues = {}
        for key, behavior_id, rated in session.connection().execute(query).fetchall():
            # The index hands an observation's ratings over together: one lookup per
            # observation rather than per rating (11k ratings in a 500-observation history).
            if key != current:
                current, values = key, by_key[key]
            values[behavior_id] = rated
    # SQLite stores 32 hex digits; a server database may hand back a UUID or its dashed form.
    stored: dict[object, uuid.UUID] = {value.hex: value for value in ids}
    if any(key not in stored for key in by_key):
        for value in ids:
            stored[str(value)] = stored[value] = value
    return {stored[key]: values for key, values in by_key.items() if key in stored}


def amendments_of(*, session: Session, observation_id: uuid.UUID) -> list[ObservationAmendment]:
    """Amendments of an observation, oldest first."""
    query = (
        select(ObservationAmendment)
        .where(
            ObservationAmendment.observation_id == observation_id,
            col(ObservationAmendment.deleted_at).is_(None),
        )
        .order_by(col(ObservationAmendment.opened_at))
    )
    return list(session.exec(query))


def open_amendment(*, session: Session, observation_id: uuid.UUID) -> ObservationAmendment | None:
    """The amendment being made now, if any."""
    for amendment in amendments_of(session=session, observation_id=observation_id):
        if amendment.closed_at is None:
            return amendment
    return None


def _latest_ids(instrument_ids: Iterable[str], statuses: Iterable[str],
                worker_ids: list[uuid.UUID] | None) -> Subquery:
    """Subquery: each worker's most recent live observation on the instruments, in the statuses."""
    status: Any = col(Observation.status)
    if worker_ids is not None:
        # `status || ''` keeps SQLite off the status index: with a page of 100 worker ids it
        # chose that index and read every finished observation (160 ms at 50,000 workers)
        # instead of each worker's own through ix_observation_worker_started (1 ms).
        status = status.concat("")
    ranked = core_select(
        col(Observation.id).label("observation_id"),
        col(Observation.worker_id).label("worker_id"),
        func.row_number()
        .over(partition_by=col(Observation.worker_id),
              order_by=col(Observation.started_at).desc())
        .label("rank"),
    ).where(
        col(Observation.deleted_at).is_(None),
        col(Observation.instrument_id).in_(list(instrument_ids)),
        status.in_(list(statuses)),
    )
    if worker_ids is not None:
        ranked = ranked.where(col(Observation.worker_id).in_(worker_ids))
    return ranked.subquery()


@dataclass(frozen=True)
class LatestKey:
    """Which observation is a worker's latest, and on which instrument version."""

    id: uuid.UUID
    instrument_id: str
    instrument_version: int


def latest_keys_per_worker(
    *, session: Session, instrument_ids: Iterable[str], statuses: Iterable[str],
    worker_ids: list[uuid.UUID] | None = None, below_version: int | None = None,
) -> dict[uuid.UUID, LatestKey]:
    """Each worker's most recent live observation on one of the instruments, in the statuses:
    its id and instrument version as columns, optionally only those rated below a version."""
    ranked = _latest_ids(instrument_ids, statuses, worker_ids)
    query = core_select(ranked.c.worker_id, col(Observation.id), col(Observation.instrument_id),
                        col(Observation.instrument_version)
                        ).join(ranked, ranked.c.observation_id == Observation.id
                               ).where(ranked.c.rank == 1)
    if below_version is not None:
        query = query.where(col(Observation.instrument_version) < below_version)
    return {worker_id: LatestKey(obs_id, str(instrument_id), int(version))
            for worker_id, obs_id, instrument_id, version in session.execute(query)}


@dataclass(frozen=True)
class GroupTally:
    """Scored ratings of one group (element) in one observation."""

    observed: int
    proficient: int


def latest_group_tallies(
    *, session: Session, instrument: tuple[str, int], statuses: Iterable[str],
    scored_values: Sequence[int], proficient_threshold: int,
    worker_ids: list[uuid.UUID] | None = None,
) -> dict[uuid.UUID, dict[str, GroupTally]]:
    """Per worker, the scored tallies by group of their latest observation on this instrument.

    One aggregate query: a behavior's group is the part of its id before the dot, which the
    instrument loader guarantees (items must start with their group id and a dot).
    """
    instrument_id, version = instrument
    ranked = _latest_ids([instrument_id], statuses, worker_ids)
    # SQLite calls the position function instr, PostgreSQL (the hub) strpos.
    position = func.strpos if session.get_bind().dialect.name == "postgresql" else func.instr
    group = func.substr(Rating.behavior_id, 1, position(Rating.behavior_id, ".") - 1)
    scored = col(Rating.value).in_(list(scored_values))
    proficient = and_(scored, col(Rating.value) >= proficient_threshold)
    query = (
        core_select(
            ranked.c.worker_id, group.label("group_id"),
            func.sum(case((scored, 1), else_=0)), func.sum(case((proficient, 1), else_=0)),
        )
        .select_from(ranked)
        .join(Rating, col(Rating.observation_id) == ranked.c.observation_id)
        .join(Observation, col(Observation.id) == ranked.c.observation_id)
        .where(ranked.c.rank == 1, col(Rating.deleted_at).is_(None),
               col(Observation.instrument_version) == version)
        .group_by(ranked.c.worker_id, group)
    )
    result: dict[uuid.UUID, dict[str, GroupTally]] = defaultdict(dict)
    for worker_id, group_id, observed, count in session.execute(query):
        result[worker_id][group_id] = GroupTally(int(observed or 0), int(count or 0))
    return result


def paired_observations(*, session: Session, instrument_id: str, statuses: Iterable[str]
                        ) -> list[Observation]:
    """Live observations with a pair code on the instrument, in the statuses, oldest first."""
    query = select(Observation).where(
        col(Observation.deleted_at).is_(None), col(Observation.pair_code).is_not(None),
        col(Observation.instrument_id) == instrument_id,
        col(Observation.status).in_(list(statuses)),
    ).order_by(col(Observation.started_at))
    return list(session.exec(query))


def instrument_keys(*, session: Session, observation_ids: Iterable[uuid.UUID]
                    ) -> dict[uuid.UUID, tuple[str, int, str]]:
    """(instrument id, version, content hash) of the stored observations with these ids."""
    wanted = list(dict.fromkeys(observation_ids))
    found: dict[uuid.UUID, tuple[str, int, str]] = {}
    for start in range(0, len(wanted), 5_000):  # under every driver's bound-parameter limit
        query = core_select(col(Observation.id), col(Observation.instrument_id),
                            col(Observation.instrument_version), col(Observation.instrument_hash)
                            ).where(col(Observation.id).in_(wanted[start : start + 5_000]))
        for obs_id, instrument_id, version, content_hash in session.execute(query):
            found[obs_id] = (str(instrument_id), int(version), str(content_hash))
    return found


def office_assessments(*, session: Session, statuses: Iterable[str]) -> list[Observation]:
    """Live assessments of offices (no worker) in the statuses, newest first."""
    query = select(Observation).where(
        col(Observation.deleted_at).is_(None), col(Observation.worker_id).is_(None),
        col(Observation.status).in_(list(statuses)),
    ).order_by(col(Observation.started_at).desc())
    return list(session.exec(query))
