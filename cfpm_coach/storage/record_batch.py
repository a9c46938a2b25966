"""Many synced writes in one transaction, stamped as records.insert and records.update stamp them.

For generated data (the sample store): each write keeps the revision, times, device, audit entry
and change number that a commit of its own would have given it, but rows are plain dicts sent
with one executemany per table, not ORM objects flushed one call at a time. Callers validate
their input exactly as the services do; this module only stamps and writes.
"""

import functools
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from cfpm_coach.storage.models import SYNCED_TABLES, AuditEntry, ChangeCounter, SyncedRecord
from cfpm_coach.storage.records import BOOKKEEPING, Author
from cfpm_coach.storage.types import utcnow

Row = dict[str, Any]
_COUNTER = ChangeCounter.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Shape:
    """What a new row of a model starts from: fixed defaults, default factories, content names."""

    defaults: Row
    factories: tuple[tuple[str, Callable[[], Any]], ...]
    required: frozenset[str]
    content: tuple[str, ...]


@functools.cache
def _shape(model: type[SyncedRecord]) -> _Shape:
    defaults: Row = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    required = set()
    for name, field in model.model_fields.items():
        if field.default_factory is not None:
            factories.append((name, field.default_factory))  # type: ignore[arg-type]
        elif field.is_required():
            required.add(name)
        else:
            defaults[name] = field.default
    content = tuple(name for name in model.model_fields if name not in BOOKKEEPING)
    return _Shape(defaults, tuple(factories), frozenset(required - BOOKKEEPING), content)


def _new_row(model: type[SyncedRecord], values: Row) -> Row:
    """A row of model with these content values, every other column at the model's default."""
    shape = _shape(model)
    unknown = set(values) - set(shape.content)
    missing = shape.required - set(values)
    if unknown or missing:
        raise ValueError(f"{model.__name__}: unknown columns {sorted(unknown)}, "
                         f"missing {sorted(missing)}")
    row = dict(shape.defaults)
    for name, factory in shape.factories:
        if name not in values:
            row[name] = factory()
    row.update(values)
    return row


class RecordBatch:
    """Synced rows gathered in memory, written by write() inside the caller's transaction."""

    def __init__(self, session: Session, author: Author) -> None:
        self._session = session
        self._author = author
        self._rows: dict[type[SyncedRecord], list[Row]] = {model: [] for model in SYNCED_TABLES}
        self._audit: list[Row] = []
        self._last_seq: int | None = None
        self._seq: int | None = None

    def new_change(self) -> None:
        """End one change: the next write takes the next change number, as a new commit would."""
        self._seq = None

    def _change_seq(self) -> int:
        if self._seq is None:
            if self._last_seq is None:
                query = select(_COUNTER.c.value).where(_COUNTER.c.id == 1)
                self._last_seq = int(self._session.execute(query).scalar_one())
            self._last_seq += 1
            self._seq = self._last_seq
        return self._seq

    def _audit_entry(self, model: type[SyncedRecord], row: Row, action: str,
                     fields: Iterable[str]) -> None:
        self._audit.append({
            "id": uuid.uuid4(), "at": row["updated_at"], "device_id": self._author.device_id,
            "coach_id": self._author.coach_id, "entity": model.__tablename__,
            "entity_id": row["id"], "action": action, "fields": sorted(fields),
            "revision": row["revision"],
        })

    def insert(self, model: type[SyncedRecord], values: Row, action: str = "create") -> Row:
        """A new record of model with these content values, stamped and audited (records.insert)."""
        now = utcnow()
        row = _new_row(model, values)
        row.update(created_at=now, updated_at=now, revision=1, device_id=self._author.device_id,
                   local_seq=self._change_seq())
        self._rows[model].append(row)
        self._audit_entry(model, row, action, _shape(model).content)
        return row

    def update(self, model: type[SyncedRecord], row: Row, changes: Row,
               action: str = "update") -> list[str]:
        """Change a record of this batch as records.update would: revision, times, audit."""
        changed = [name for name, value in changes.items() if row[name] != value]
        if not changed and action == "update":
            return []
        for name in changed:
            row[name] = changes[name]
        row["updated_at"] = utcnow()
        row["revision"] += 1
        row["device_id"] = self._author.device_id
        row["local_seq"] = self._change_seq()
        self._audit_entry(model, row, action, changed)
        return changed

    def write(self) -> int:
        """Send every row (parents first), the audit entries and the change counter; rows sent."""
        sent = 0
        for model, rows in self._rows.items():
            if rows:
                self._session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
                sent += len(rows)
                rows.clear()
        if self._audit:
            self._session.execute(insert(AuditEntry.__table__), self._audit)  # type: ignore[attr-defined]
            self._audit = []
        if self._last_seq is not None:
            self._session.execute(update(_COUNTER).where(_COUNTER.c.id == 1)
                                  .values(value=self._last_seq))
        return sent
