"""The audit trail: who changed what and when, by field name, never showing the text written."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from cfpm_coach.errors import QT_TRANSLATE_NOOP
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import audit_repo
from cfpm_coach.storage.audit_repo import AuditRow, Subject

PAGE = 500
# The words below are marked for translation in the "audit" context (lupdate reads this file);
# the window says them in the coach's language, the service keeps them in English.
CONTEXT = "audit"
ENTITY_LABELS = {
    "worker": QT_TRANSLATE_NOOP("audit", "Worker"),
    "observation": QT_TRANSLATE_NOOP("audit", "Observation"),
    "rating": QT_TRANSLATE_NOOP("audit", "Rating"), "goal": QT_TRANSLATE_NOOP("audit", "Goal"),
    "observation_amendment": QT_TRANSLATE_NOOP("audit", "Amendment"),
    "coach": QT_TRANSLATE_NOOP("audit", "Coach profile"),
}
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("audit", "create"), "update": QT_TRANSLATE_NOOP("audit", "update"),
    "delete": QT_TRANSLATE_NOOP("audit", "delete"),
    "restore": QT_TRANSLATE_NOOP("audit", "restore"),
    "finalize": QT_TRANSLATE_NOOP("audit", "finalize"),
    "amend": QT_TRANSLATE_NOOP("audit", "amend"),
    "close_amendment": QT_TRANSLATE_NOOP("audit", "close amendment"),
    "finalize_amendment": QT_TRANSLATE_NOOP("audit", "finalize amendment"),
}
FIELD_LABELS = {
    "note": QT_TRANSLATE_NOOP("audit", "evidence note"),
    "value": QT_TRANSLATE_NOOP("audit", "rating"),
    "strengths": QT_TRANSLATE_NOOP("audit", "strengths"),
    "growth_areas": QT_TRANSLATE_NOOP("audit", "growth areas"),
    "next_steps": QT_TRANSLATE_NOOP("audit", "next steps"),
    "text": QT_TRANSLATE_NOOP("audit", "goal text"),
    "reason": QT_TRANSLATE_NOOP("audit", "reason"),
    "case_reference": QT_TRANSLATE_NOOP("audit", "case reference"),
    "deleted_at": QT_TRANSLATE_NOOP("audit", "deleted"),
    "behavior_ids": QT_TRANSLATE_NOOP("audit", "behaviors"),
    "due_date": QT_TRANSLATE_NOOP("audit", "due date"),
    "finalized_at": QT_TRANSLATE_NOOP("audit", "finalized at"),
    "started_at": QT_TRANSLATE_NOOP("audit", "start"),
    "ended_at": QT_TRANSLATE_NOOP("audit", "end"),
    "pair_code": QT_TRANSLATE_NOOP("audit", "pair code"),
    "casework_component": QT_TRANSLATE_NOOP("audit", "casework component"),
    "office": QT_TRANSLATE_NOOP("audit", "office"),
    "county": QT_TRANSLATE_NOOP("audit", "county"),
    "implementation_stage": QT_TRANSLATE_NOOP("audit", "implementation stage"),
    "co_observer": QT_TRANSLATE_NOOP("audit", "co-observer"),
    "worker_id": QT_TRANSLATE_NOOP("audit", "worker"),
    "coach_id": QT_TRANSLATE_NOOP("audit", "coach"),
    "observation_id": QT_TRANSLATE_NOOP("audit", "observation"),
    "behavior_id": QT_TRANSLATE_NOOP("audit", "behavior"),
    "opened_at": QT_TRANSLATE_NOOP("audit", "opened"),
    "closed_at": QT_TRANSLATE_NOOP("audit", "closed"),
    "instrument_id": QT_TRANSLATE_NOOP("audit", "instrument"),
    "instrument_version": QT_TRANSLATE_NOOP("audit", "version"),
    "instrument_hash": QT_TRANSLATE_NOOP("audit", "instrument content"),
    "setting": QT_TRANSLATE_NOOP("audit", "setting"),
    "status": QT_TRANSLATE_NOOP("audit", "status"),
    "name": QT_TRANSLATE_NOOP("audit", "name"),
    "role": QT_TRANSLATE_NOOP("audit", "role"),
    "active": QT_TRANSLATE_NOOP("audit", "active"),
    "unit": QT_TRANSLATE_NOOP("audit", "unit"),
}


@dataclass(frozen=True)
class AuditLine:
    """One change as the audit view shows it: field names only, never what was written."""

    at: datetime
    who: str
    device: str
    entity: str
    what: str
    action: str
    fields: list[str]
    revision: int
    entity_id: uuid.UUID
    observation_id: uuid.UUID | None
    # What `what` is made of, for a window that writes the date in the coach's locale: the
    # behavior's label and the worker's name, and when the observation started.
    about: tuple[str, ...] = ()
    observed_at: datetime | None = None


@dataclass(frozen=True)
class AuditPage:
    """A page of the store's trail, newest first."""

    lines: list[AuditLine]
    offset: int
    total: int

    @property
    def has_more(self) -> bool:
        """True when older entries follow this page."""
        return self.offset + len(self.lines) < self.total


class AuditService:
    """Reads the append-only audit log for people."""

    def __init__(self, store: StoreSource, catalog: CatalogSource) -> None:
        self._store = store
        self._catalog = catalog

    def store_trail(self, *, offset: int = 0, limit: int = PAGE,
                    entity: str | None = None) -> AuditPage:
        """Every change in the store, newest first, a page at a time (one table with entity)."""
        entities = [entity] if entity else None
        with self._store.current.read() as session:
            rows = audit_repo.audit_rows(session=session, limit=limit, offset=offset,
                                         entities=entities)
            total = audit_repo.audit_count(session=session, entities=entities)
            about = audit_repo.subjects(session=session, rows=rows)
        return AuditPage(self._lines(rows, about), offset, total)

    def observation_trail(self, observation_id: uuid.UUID) -> list[AuditLine]:
        """Every change to one observation, its ratings, amendments and goals, newest first."""
        with self._store.current.read() as session:
            ids = audit_repo.observation_record_ids(session=session,
                                                    observation_id=observation_id)
            rows = audit_repo.audit_rows(session=session, limit=100_000, entity_ids=ids)
            about = audit_repo.subjects(session=session, rows=rows)
        return self._lines(rows, about)

    def _lines(self, rows: list[AuditRow], about: dict[uuid.UUID, Subject]) -> list[AuditLine]:
        labels = self._catalog.current.behavior_labels()
        lines = []
        for row in rows:
            subject = about.get(row.entity_id, Subject())
            device = str(row.device_id)[:8]
            lines.append(AuditLine(
                at=row.at, who=row.coach_name or f"device {device}", device=device,
                entity=ENTITY_LABELS.get(row.entity, row.entity),
                what=_describe(row.entity, subject, labels),
                action=ACTION_LABELS.get(row.action, row.action.replace("_", " ")),
                fields=[FIELD_LABELS.get(name, name.replace("_", " ")) for name in row.fields],
                revision=row.revision, entity_id=row.entity_id,
                observation_id=subject.observation_id, about=_about(subject, labels),
                observed_at=subject.observation_started_at))
        return lines


def _about(subject: Subject, labels: dict[str, str]) -> tuple[str, ...]:
    """The behavior's label and the worker's name, those the record has."""
    parts = []
    if subject.behavior_id:
        parts.append(labels.get(subject.behavior_id, subject.behavior_id))
    if subject.worker_name:
        parts.append(subject.worker_name)
    return tuple(parts)


def _describe(entity: str, subject: Subject, labels: dict[str, str]) -> str:
    """A short name for the record changed (a worker's name, a behavior's label, a date)."""
    parts = list(_about(subject, labels))
    if subject.observation_started_at is not None:
        parts.append(subject.observation_started_at.astimezone().strftime("%d %b %Y"))
    return " \u2014 ".join(parts) if parts else ENTITY_LABELS.get(entity, entity)
