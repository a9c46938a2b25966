"""Rows in and out of bundles: changed rows by local sequence, and the merge by UUID.

Merge rule (DESIGN.md 5): the higher revision wins; on a tie the later updated_at, then the
higher device id. A losing version that differs from the winner is kept in sync_conflict.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session, col

from cfpm_coach.storage.models import (
    AuditEntry,
    BundleLog,
    ChangeCounter,
    Coach,
    Goal,
    Observation,
    ObservationAmendment,
    Rating,
    SyncConflict,
    SyncedRecord,
    SyncState,
    Worker,
)
from cfpm_coach.storage.records import next_change_seq
from cfpm_coach.storage.types import utcnow

# Parents before children, so foreign keys hold while rows are inserted.
BUNDLE_TABLES: dict[str, type[SyncedRecord]] = {
    "coach": Coach, "worker": Worker, "observation": Observation,
    "observation_amendment": ObservationAmendment, "rating": Rating, "goal": Goal,
}
AUDIT_TABLE = "audit_log"
LOCAL_ONLY = frozenset({"local_seq"})
ACK_KEY = "last_acknowledged_seq"
ACK_AT_KEY = "last_acknowledged_at"


def columns(table: type[Any]) -> list[str]:
    """The columns a bundle carries for a table (everything but device-local bookkeeping)."""
    return [c.name for c in table.__table__.columns if c.name not in LOCAL_ONLY]


def changed_rows(*, session: Session, table: type[SyncedRecord], since_seq: int
                 ) -> list[dict[str, Any]]:
    """Rows written after the given local sequence number (all rows for 0), as plain values."""
    names = columns(table)
    query = select(*[table.__table__.c[n] for n in names]).where(  # type: ignore[attr-defined]
        table.__table__.c.local_seq > since_seq)  # type: ignore[attr-defined]
    return [dict(zip(names, row, strict=True)) for row in session.execute(query)]


def audit_rows(*, session: Session, since: datetime | None) -> list[dict[str, Any]]:
    """Audit entries (ids and field names only) recorded after a time (all for None)."""
    names = columns(AuditEntry)
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    query = select(*[table.c[n] for n in names])
    if since is not None:
        query = query.where(table.c.at > since)
    return [dict(zip(names, row, strict=True)) for row in session.execute(query)]


def current_seq(*, session: Session) -> int:
    """The local change counter's value now."""
    return int(session.execute(select(col(ChangeCounter.value))).scalar_one())


def acknowledged_at(*, session: Session) -> datetime | None:
    """When the last acknowledged bundle was written (None before any)."""
    row = session.get(SyncState, ACK_AT_KEY)
    return datetime.fromisoformat(row.value) if row else None


def acknowledged_seq(*, session: Session) -> int:
    """The local sequence covered by the last acknowledged bundle (0 before any)."""
    row = session.get(SyncState, ACK_KEY)
    return int(row.value) if row else 0


@dataclass
class TableCounts:
    """What a merge did to one table."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0


@dataclass
class MergeResult:
    """What a merge did to every table."""

    tables: dict[str, TableCounts] = field(default_factory=dict)


def _wins(incoming: dict[str, Any], stored: dict[str, Any]) -> bool:
    def key(row: dict[str, Any]) -> tuple[int, datetime, str]:
        return (int(row["revision"]), row["updated_at"], uuid.UUID(str(row["device_id"])).hex)
    return key(incoming) > key(stored)


def merge(session: Session, bundle_id: uuid.UUID, records: dict[str, list[dict[str, Any]]]
          ) -> MergeResult:
    """Upsert validated records by UUID inside the caller's transaction."""
    result = MergeResult()
    seq = next_change_seq(session)
    for name, table in BUNDLE_TABLES.items():
        counts = result.tables.setdefault(name, TableCounts())
        incoming = records.get(name, [])
        if not incoming:
            continue
        sa_table = table.__table__  # type: ignore[attr-defined]
        names = columns(table)
        stored = {
            row[0]: dict(zip(names, row, strict=True))
            for row in session.execute(select(*[sa_table.c[n] for n in names]).where(
                sa_table.c.id.in_([r["id"] for r in incoming])))
        }
        inserts = []
        for record in incoming:
            current = stored.get(record["id"])
            if current is None:
                inserts.append({**record, "local_seq": seq})
                counts.inserted += 1
            elif all(current[n] == record[n] for n in names):
                counts.unchanged += 1
            elif _wins(record, current):
                session.execute(update(sa_table).where(sa_table.c.id == record["id"])
                                .values(**record, local_seq=seq))
                counts.updated += 1
                counts.conflicts += _conflict(session, bundle_id, name, winner=record,
                                              loser=current)
            else:
                counts.unchanged += 1
                counts.conflicts += _conflict(session, bundle_id, name, winner=current,
                                              loser=record)
        for start in range(0, len(inserts), 2000):
            session.execute(insert(sa_table), inserts[start : start + 2000])
    audit = records.get(AUDIT_TABLE, [])
    if audit:
        counts = result.tables.setdefault(AUDIT_TABLE, TableCounts())
        audit_table = AuditEntry.__table__  # type: ignore[attr-defined]
        known = {row[0] for row in session.execute(select(audit_table.c.id).where(
            audit_table.c.id.in_([r["id"] for r in audit])))}
        fresh = [r for r in audit if r["id"] not in known]
        if fresh:
            session.execute(insert(audit_table), fresh)
        counts.inserted, counts.unchanged = len(fresh), len(audit) - len(fresh)
    return result


def _conflict(session: Session, bundle_id: uuid.UUID, entity: str, *,
              winner: dict[str, Any], loser: dict[str, Any]) -> int:
    """Keep a losing version written on another device (same-device history is not a conflict)."""
    if winner["device_id"] == loser["device_id"]:
        return 0
    session.add(SyncConflict(
        detected_at=utcnow(), entity=entity, entity_id=loser["id"], bundle_id=bundle_id,
        winner_revision=winner["revision"], winner_device_id=winner["device_id"],
        loser_revision=loser["revision"], loser_device_id=loser["device_id"],
        loser_record={k: v if isinstance(v, (int, str, bool, type(None), list, dict)) else str(v)
                      for k, v in loser.items()},
    ))
    return 1


def bundle_seen(*, session: Session, bundle_id: uuid.UUID) -> BundleLog | None:
    """The log entry of a bundle already imported or written."""
    return session.get(BundleLog, bundle_id)


def log_bundle(*, session: Session, bundle_id: uuid.UUID, direction: str, high_water: int,
               record_count: int, status: str, receipt: dict[str, Any]) -> None:
    """Record a bundle written or imported."""
    session.add(BundleLog(bundle_id=bundle_id, direction=direction, created_at=utcnow(),
                          high_water_seq=high_water, record_count=record_count, status=status,
                          receipt=receipt))


def acknowledge(*, session: Session, bundle_id: uuid.UUID, receipt: dict[str, Any]) -> int:
    """Mark an exported bundle as received; later exports start after its high-water mark."""
    entry = session.get(BundleLog, bundle_id)
    if entry is None or entry.direction != "export":
        raise KeyError(bundle_id)
    entry.status, entry.acknowledged_at, entry.receipt = "acknowledged", utcnow(), receipt
    session.add(entry)
    state = session.get(SyncState, ACK_KEY)
    mark = max(entry.high_water_seq, int(state.value) if state else 0)
    session.merge(SyncState(key=ACK_KEY, value=str(mark)))
    session.merge(SyncState(key=ACK_AT_KEY, value=entry.created_at.isoformat()))
    return mark
