"""Queries on workers being coached."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from cfpm_coach.storage.models import Observation, Worker


def get_worker(*, session: Session, worker_id: uuid.UUID) -> Worker | None:
    """A worker by id, unless deleted."""
    worker = session.get(Worker, worker_id)
    return None if worker is None or worker.deleted_at is not None else worker


@dataclass(frozen=True)
class WorkerRow:
    """The columns of a worker the list shows (read as columns: no ORM object per row)."""

    id: uuid.UUID
    name: str
    role: str
    unit: str
    office: str
    county: str
    active: bool


def list_workers(
    *, session: Session, include_inactive: bool = True, office: str | None = None,
    search: str | None = None,
) -> list[WorkerRow]:
    """Workers by name, filtered by status, office and a name search."""
    # Columns, not ORM rows: building 5,000 Worker objects was most of the list's store read.
    query = core_select(col(Worker.id), col(Worker.name), col(Worker.role), col(Worker.unit),
                        col(Worker.office), col(Worker.county), col(Worker.active)
                        ).where(col(Worker.deleted_at).is_(None))
    if not include_inactive:
        query = query.where(col(Worker.active).is_(True))
    if office:
        query = query.where(col(Worker.office) == office)
    if search:
        query = query.where(col(Worker.name).icontains(search.strip()))
    return [WorkerRow(*row) for row in session.execute(query.order_by(func.lower(Worker.name)))]


def names_of(*, session: Session, worker_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Names of the given workers (deleted ones too: history still names them)."""
    names: dict[uuid.UUID, str] = {}
    for start in range(0, len(worker_ids), 500):
        query = select(Worker.id, Worker.name).where(
            col(Worker.id).in_(worker_ids[start : start + 500]))
        names.update(dict(session.exec(query).all()))
    return names


def offices(*, session: Session) -> list[str]:
    """Every office a live worker belongs to, sorted."""
    query = (
        select(Worker.office)
        .where(col(Worker.deleted_at).is_(None), Worker.office != "")
        .distinct()
        .order_by(Worker.office)
    )
    return list(session.exec(query))


@dataclass(frozen=True)
class WorkerActivity:
    """How often and how recently a worker was observed."""

    observation_count: int
    last_observed_at: datetime | None


def activity(
    *, session: Session, worker_ids: list[uuid.UUID] | None = None
) -> dict[uuid.UUID, WorkerActivity]:
    """Observation count and last observation time of the workers (all when None) that have any."""
    query = (
        core_select(col(Observation.worker_id), func.count(), func.max(Observation.started_at))
        .where(col(Observation.deleted_at).is_(None))
        .group_by(col(Observation.worker_id))
    )
    if worker_ids is not None:
        query = query.where(col(Observation.worker_id).in_(worker_ids))
    # func.max returns its argument's type, so the times come back aware UTC.
    return {
        worker_id: WorkerActivity(count, last)
        for worker_id, count, last in session.execute(query)
    }
