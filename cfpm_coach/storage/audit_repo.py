"""Reading the audit log: newest first, for the whole store or around one observation."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session

from cfpm_coach.storage.models import (
    AuditEntry,
    Coach,
    Goal,
    Observation,
    ObservationAmendment,
    Rating,
    Worker,
)

_AUDIT = AuditEntry.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class AuditRow:
    """One audit entry with the name of the coach who made the change."""

    at: datetime
    coach_name: str | None
    device_id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    action: str
    fields: list[str]
    revision: int


@dataclass(frozen=True)
class Subject:
    """What an audited record is about: its worker, observation and behavior where it has them."""

    worker_name: str | None = None
    observation_id: uuid.UUID | None = None
    observation_started_at: datetime | None = None
    behavior_id: str | None = None


def _filters(entities: Iterable[str] | None, entity_ids: Iterable[uuid.UUID] | None
             ) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if entities is not None:
        where.append(_AUDIT.c.entity.in_(list(entities)))
    if entity_ids is not None:
        where.append(_AUDIT.c.entity_id.in_(list(entity_ids)))
    return where


def audit_rows(*, session: Session, limit: int, offset: int = 0,
               entities: Iterable[str] | None = None,
               entity_ids: Iterable[uuid.UUID] | None = None) -> list[AuditRow]:
    """Audit entries newest first, optionally of some tables or some records only."""
    coach = Coach.__table__  # type: ignore[attr-defined]
    query = (select(_AUDIT.c.at, coach.c.name, _AUDIT.c.device_id, _AUDIT.c.entity,
                    _AUDIT.c.entity_id, _AUDIT.c.action, _AUDIT.c.fields, _AUDIT.c.revision)
             .select_from(_AUDIT.outerjoin(coach, coach.c.id == _AUDIT.c.coach_id))
             .where(*_filters(entities, entity_ids))
             .order_by(_AUDIT.c.at.desc(), _AUDIT.c.id).limit(limit).offset(offset))
    return [AuditRow(*row) for row in session.execute(query)]


def audit_count(*, session: Session, entities: Iterable[str] | None = None) -> int:
    """How many audit entries there are (of some tables only)."""
    query = select(func.count()).select_from(_AUDIT).where(*_filters(entities, None))
    return int(session.execute(query).scalar_one())


def observation_record_ids(*, session: Session, observation_id: uuid.UUID) -> set[uuid.UUID]:
    """The observation's id and those of its ratings, amendments and goals."""
    ids = {observation_id}
    for model in (Rating, ObservationAmendment, Goal):
        table = getattr(model, "__table__")  # noqa: B009 (SQLModel declares it untyped)
        ids.update(session.execute(select(table.c.id).where(
            table.c.observation_id == observation_id)).scalars())
    return ids


def subjects(*, session: Session, rows: list[AuditRow]) -> dict[uuid.UUID, Subject]:
    """What each audited record is about, looked up in one query per table."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for row in rows:
        wanted.setdefault(row.entity, set()).add(row.entity_id)
    worker, obs = Worker.__table__, Observation.__table__  # type: ignore[attr-defined]
    found: dict[uuid.UUID, Subject] = {}
    if wanted.get("worker"):
        for wid, name in session.execute(select(worker.c.id, worker.c.name).where(
                worker.c.id.in_(wanted["worker"]))):
            found[wid] = Subject(worker_name=name)
    observation_ids: set[uuid.UUID] = set(wanted.get("observation", set()))
    parent: dict[uuid.UUID, tuple[uuid.UUID, str | None]] = {}
    for entity, model in (("rating", Rating), ("observation_amendment", ObservationAmendment)):
        if not wanted.get(entity):
            continue
        table = getattr(model, "__table__")  # noqa: B009
        behavior = table.c.behavior_id if model is Rating else table.c.id
        for rid, oid, extra in session.execute(select(
                table.c.id, table.c.observation_id, behavior).where(
                table.c.id.in_(wanted[entity]))):
            parent[rid] = (oid, extra if model is Rating else None)
            observation_ids.add(oid)
    if wanted.get("goal"):
        goal = Goal.__table__  # type: ignore[attr-defined]
        for gid, name, oid in session.execute(
                select(goal.c.id, worker.c.name, goal.c.observation_id)
                .join(worker, worker.c.id == goal.c.worker_id)
                .where(goal.c.id.in_(wanted["goal"]))):
            found[gid] = Subject(worker_name=name, observation_id=oid)
    about: dict[uuid.UUID, Subject] = {}
    if observation_ids:
        # Outer: an office's assessment has no worker; it is named by its office and county.
        query = (select(obs.c.id, worker.c.name, obs.c.started_at, obs.c.office, obs.c.county)
                 .outerjoin(worker, worker.c.id == obs.c.worker_id)
                 .where(obs.c.id.in_(observation_ids)))
        for oid, name, started, office, county in session.execute(query):
            place = ", ".join(part for part in (office, county) if part)
            about[oid] = Subject(worker_name=name or place, observation_id=oid,
                                 observation_started_at=started)
    for oid in wanted.get("observation", set()):
        if oid in about:
            found[oid] = about[oid]
    for rid, (oid, behavior_id) in parent.items():
        base = about.get(oid, Subject(observation_id=oid))
        found[rid] = Subject(base.worker_name, oid, base.observation_started_at, behavior_id)
    return found
