"""Every synced write goes through here: revision, times, device, change counter and audit entry."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, text
from sqlmodel import Session

from cfpm_coach.errors import ReadOnlyRecordError
from cfpm_coach.storage.models import AuditEntry, SyncedRecord
from cfpm_coach.storage.types import utcnow

# Columns that describe a write rather than the record's content.
BOOKKEEPING = frozenset(
    {"id", "created_at", "updated_at", "revision", "device_id", "deleted_at", "local_seq"}
)


@dataclass(frozen=True)
class Author:
    """Who writes: this device and its coach."""

    device_id: uuid.UUID
    coach_id: uuid.UUID | None


_SEQ_KEY = "cfpm_change_seq"
# On PostgreSQL (a hub only) the number comes from a SEQUENCE (migration 0007): the counter row
# locked until COMMIT and made every merge wait for the one before it, in every hub process.
# Sequence numbers follow the order transactions started, not the order they committed; nothing
# on a hub reads changes "since a number" (only a laptop's export does, and laptops are SQLite).
_NEXT_BY_DIALECT = {
    "postgresql": "SELECT nextval('change_seq')",
}
_NEXT_COUNTER = "UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value"


def next_change_seq(session: Session) -> int:
    """The local change counter's value for this transaction: taken once, shared by its writes.

    Every record a transaction touches commits together, so they share one sequence number; the
    next transaction takes the next one. Sync exports what has a number above the last one sent.
    """
    if _SEQ_KEY not in session.info:
        dialect = session.get_bind().dialect.name
        row = session.connection().execute(text(_NEXT_BY_DIALECT.get(dialect, _NEXT_COUNTER))).one()
        session.info[_SEQ_KEY] = int(row[0])
        # A session may run several transactions; forget the number when this one ends.
        event.listen(session, "after_transaction_end", _forget_seq, once=True)
    return int(session.info[_SEQ_KEY])


def _forget_seq(session: Session, _transaction: object) -> None:
    session.info.pop(_SEQ_KEY, None)


def _audit(
    session: Session, author: Author, record: SyncedRecord, action: str, fields: Iterable[str],
    at: datetime,
) -> None:
    session.add(
        AuditEntry(
            at=at,
            device_id=author.device_id,
            coach_id=author.coach_id,
            entity=type(record).__tablename__,  # type: ignore[arg-type]
            entity_id=record.id,
            action=action,
            fields=sorted(fields),
            revision=record.revision,
        )
    )


def insert(session: Session, author: Author, record: SyncedRecord, action: str = "create") -> None:
    """Stamp a new record and add it, with its audit entry."""
    now = utcnow()
    record.created_at = now
    record.updated_at = now
    record.revision = 1
    record.device_id = author.device_id
    record.local_seq = next_change_seq(session)
    session.add(record)
    content = [name for name in type(record).model_fields if name not in BOOKKEEPING]
    _audit(session, author, record, action, content, now)


def update(
    session: Session, author: Author, record: SyncedRecord, changes: dict[str, object],
    action: str = "update",
) -> list[str]:
    """Apply changes that differ from the record; bump its revision; audit field names only.

    Only the device that created a record changes it: one imported from another
    device is read-only here, or the hub would refuse every later bundle from this laptop.
    """
    check_owned(author, record)
    changed = [name for name, value in changes.items() if getattr(record, name) != value]
    if not changed and action == "update":
        return []
    for name in changed:
        setattr(record, name, changes[name])
    now = utcnow()
    record.updated_at = now
    record.revision += 1
    record.device_id = author.device_id
    record.local_seq = next_change_seq(session)
    session.add(record)
    _audit(session, author, record, action, changed, now)
    return changed


def check_owned(author: Author, record: SyncedRecord) -> None:
    """Refuse a change to a record another device created (imported here, read-only)."""
    if record.device_id != author.device_id:
        entity = str(type(record).__tablename__).replace("_", " ")
        raise ReadOnlyRecordError(
            f"This {entity} ({record.id}) was created on another device and imported here; it "
            "is read-only on this laptop. Changes are made on the device that created it.")


def tombstone(session: Session, author: Author, record: SyncedRecord) -> None:
    """Delete by tombstone: the deletion syncs; the row stays."""
    if record.deleted_at is not None:
        return
    update(session, author, record, {"deleted_at": utcnow()}, action="delete")


def restore(session: Session, author: Author, record: SyncedRecord) -> None:
    """Bring a tombstoned record back."""
    if record.deleted_at is None:
        return
    update(session, author, record, {"deleted_at": None}, action="restore")
