"""Queries on workers being coached."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Integer, String, func, type_coerce
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from cfpm_coach.storage.models import Observation, Worker
from cfpm_coach.views.worker_choice import WorkerChoice
from cfpm_coach.views.workers import ListedWorker as ListedWorker


def get_worker(*, session: Session, worker_id: uuid.UUID) -> Worker | None:
    """A worker by id, unless deleted."""
    worker = session.get(Worker, worker_id)
    return None if worker is None or worker.deleted_at is not None else worker


class WorkerRow(NamedTuple):
    """The columns of a worker the list shows (read as columns: no ORM object per row; a
    tuple, not a dataclass: the list makes 50,000 of them)."""

    id: uuid.UUID
    name: str
    role: str
    unit: str
    office: str
    county: str
    active: bool


def _filtered(query: Any, include_inactive: bool, office: str | None, search: str | None
              ) -> Any:
    query = query.where(col(Worker.deleted_at).is_(None))
    if not include_inactive:
        query = query.where(col(Worker.active).is_(True))
    if office:
        query = query.where(col(Worker.office) == office)
    if search:
        query = query.where(col(Worker.name).icontains(search.strip()))
    return query


def list_workers(
    *, session: Session, include_inactive: bool = True, office: str | None = None,
    search: str | None = None,
) -> list[WorkerRow]:
    """Workers by name, filtered by status, office and a name search."""
    # Columns, not ORM rows: building 5,000 Worker objects was most of the list's store read.
    query = _filtered(core_select(col(Worker.id), col(Worker.name), col(Worker.role),
                                  col(Worker.unit), col(Worker.office), col(Worker.county),
                                  col(Worker.active)), include_inactive, office, search)
    return list(map(WorkerRow._make, session.execute(
        query.order_by(func.lower(Worker.name), col(Worker.id)))))


# The orders the list can ask the database for (the fidelity order needs every worker's scores).
ORDERS = ("name", "office", "last_observed")


def listed_workers(
    *, session: Session, include_inactive: bool = True, office: str | None = None,
    search: str | None = None, order: str = "name", descending: bool = False,
) -> list[ListedWorker]:
    """Every matching worker's key, name, office and status, in one of ORDERS (ties by name).

    Descending turns the whole order around, ties included, as a list reversed would.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown worker order {order!r}")
    query = _filtered(core_select(type_coerce(Worker.id, String), col(Worker.name),
                                  col(Worker.office), type_coerce(Worker.active, Integer)),
                      include_inactive, office, search)
    keys: list[Any] = [func.lower(Worker.name), col(Worker.id)]
    if order == "office":
        keys.insert(0, func.lower(Worker.office))
    elif order == "last_observed":
        last = (core_select(col(Observation.worker_id).label("worker_id"),
                            func.max(Observation.started_at).label("at"))
                .where(col(Observation.deleted_at).is_(None))
                .group_by(col(Observation.worker_id)).subquery())
        query = query.outerjoin(last, last.c.worker_id == Worker.id)
        # SQLite puts NULL (never observed) first going up and last going down, as 0 would be.
        keys.insert(0, last.c.at)
    if descending:
        keys = [key.desc() for key in keys]
    # On the connection, raw keys, no type conversion: at 50,000 workers the ORM's result
    # wrapping and a UUID per row were most of the read.
    return list(map(ListedWorker._make, session.connection().execute(query.order_by(*keys))))


def worker_choices(*, session: Session, include_inactive: bool = False) -> list[WorkerChoice]:
    """Every live worker's key, name, office, unit, role, county and status, by name: one
    query, no figures (what a picker needs)."""
    query = _filtered(core_select(type_coerce(Worker.id, String), col(Worker.name),
                                  col(Worker.office), col(Worker.unit), col(Worker.role),
                                  col(Worker.county), type_coerce(Worker.active, Integer)),
                      include_inactive, None, None)
    # Raw keys on the connection, as listed_workers: no UUID or ORM row per worker.
    return list(map(WorkerChoice._make, session.connection().execute(
        query.order_by(func.lower(Worker.name), col(Worker.id)))))


def workers_by_id(*, session: Session, worker_ids: list[uuid.UUID]) -> list[WorkerRow]:
    """The live workers among the ids, in the order of the ids (a page of the list)."""
    found: dict[uuid.UUID, WorkerRow] = {}
    for start in range(0, len(worker_ids), 500):
        query = core_select(col(Worker.id), col(Worker.name), col(Worker.role), col(Worker.unit),
                            col(Worker.office), col(Worker.county), col(Worker.active)).where(
            col(Worker.id).in_(worker_ids[start : start + 500]), col(Worker.deleted_at).is_(None))
        found.update((row[0], WorkerRow(*row)) for row in session.execute(query))
    return [found[worker_id] for worker_id in worker_ids if worker_id in found]


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
