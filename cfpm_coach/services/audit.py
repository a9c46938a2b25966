"""The audit trail: who changed what and when, by field name, never showing the text written."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import audit_repo
from cfpm_coach.storage.audit_repo import AuditRow, Subject

PAGE = 500
ENTITY_LABELS = {
    "worker": "Worker", "observation": "Observation", "rating": "Rating", "goal": "Goal",
    "observation_amendment": "Amendment", "coach": "Coach profile",
}
FIELD_LABELS = {
    "note": "evidence note", "value": "rating", "strengths": "strengths",
    "growth_areas": "growth areas", "next_steps": "next steps", "text": "goal text",
    "reason": "reason", "case_reference": "case reference", "deleted_at": "deleted",
    "behavior_ids": "behaviors", "due_date": "due date", "finalized_at": "finalized at",
    "started_at": "start", "ended_at": "end", "pair_code": "pair code",
    "casework_component": "casework component", "office": "office", "county": "county",
    "implementation_stage": "implementation stage",
    "co_observer": "co-observer", "worker_id": "worker", "coach_id": "coach",
    "observation_id": "observation", "behavior_id": "behavior", "opened_at": "opened",
    "closed_at": "closed", "instrument_id": "instrument", "instrument_version": "version",
    "instrument_hash": "instrument content", "setting": "setting", "status": "status",
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
                what=_describe(row.entity, subject, labels), action=row.action,
                fields=[FIELD_LABELS.get(name, name.replace("_", " ")) for name in row.fields],
                revision=row.revision, entity_id=row.entity_id,
                observation_id=subject.observation_id))
        return lines


def _describe(entity: str, subject: Subject, labels: dict[str, str]) -> str:
    """A short name for the record changed (a worker's name, a behavior's label, a date)."""
    parts = []
    if subject.behavior_id:
        parts.append(labels.get(subject.behavior_id, subject.behavior_id))
    if subject.worker_name:
        parts.append(subject.worker_name)
    if subject.observation_started_at is not None:
        parts.append(subject.observation_started_at.astimezone().strftime("%d %b %Y"))
    return " \u2014 ".join(parts) if parts else ENTITY_LABELS.get(entity, entity)
