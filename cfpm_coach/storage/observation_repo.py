"""Queries on observations, their ratings and amendments."""

import uuid
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from cfpm_coach.storage.models import Observation, ObservationAmendment, Rating

RatingValues = dict[str, int | None]


def get_observation(*, session: Session, observation_id: uuid.UUID) -> Observation | None:
    """An observation by id, unless deleted."""
    observation = session.get(Observation, observation_id)
    if observation is None or observation.deleted_at is not None:
        return None
    return observation


def list_observations(
    *, session: Session, worker_id: uuid.UUID | None = None, status: str | None = None,
    limit: int | None = None,
) -> list[Observation]:
    """Live observations, newest first."""
    query = select(Observation).where(col(Observation.deleted_at).is_(None))
    if worker_id is not None:
        query = query.where(Observation.worker_id == worker_id)
    if status is not None:
        query = query.where(Observation.status == status)
    query = query.order_by(col(Observation.started_at).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


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
    result: dict[uuid.UUID, RatingValues] = defaultdict(dict)
    # SQLite limits bound parameters; chunk to stay far below it.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(Rating.observation_id, Rating.behavior_id, Rating.value).where(
            col(Rating.observation_id).in_(chunk), col(Rating.deleted_at).is_(None)
        )
        for observation_id, behavior_id, value in session.exec(query):
            result[observation_id][behavior_id] = value
    return result


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


def latest_per_worker(
    *, session: Session, instrument_ids: Iterable[str], statuses: Iterable[str]
) -> dict[uuid.UUID, Observation]:
    """Each worker's most recent live observation on one of the instruments, in the statuses."""
    ranked = (
        select(
            col(Observation.id).label("observation_id"),
            func.row_number()
            .over(
                partition_by=col(Observation.worker_id),
                order_by=col(Observation.started_at).desc(),
            )
            .label("rank"),
        )
        .where(
            col(Observation.deleted_at).is_(None),
            col(Observation.instrument_id).in_(list(instrument_ids)),
            col(Observation.status).in_(list(statuses)),
        )
        .subquery()
    )
    query = select(Observation).join(ranked, ranked.c.observation_id == Observation.id).where(
        ranked.c.rank == 1
    )
    return {obs.worker_id: obs for obs in session.exec(query)}
