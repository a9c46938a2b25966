"""The merge of a bundle's records by UUID, inside the caller's transaction.

Merge rule: the higher revision wins; on a tie the later updated_at, then the
higher device id. A losing version that differs from the winner is kept in sync_conflict.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from cfpm_coach.domain.ownership import Sender
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES
from cfpm_coach.storage.existing_rows import ExistingRows, columns
from cfpm_coach.storage.models import AuditEntry, SyncConflict
from cfpm_coach.storage.ownership_repo import OwnershipCheck
from cfpm_coach.storage.records import next_change_seq
from cfpm_coach.storage.row_insert import insert_many, insert_new
from cfpm_coach.storage.types import utcnow


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


def merge(session: Session, bundle_id: uuid.UUID, records: dict[str, list[dict[str, Any]]],
          *, sender: Sender) -> MergeResult:
    """Upsert validated records by UUID inside the caller's transaction.

    Every ownership rule is checked first (domain/ownership.py): a record the sender may not
    write refuses the whole bundle (OwnershipError) before anything is written. The stored rows
    the records replace and the rows they refer to are read together, one query per table.
    """
    existing = ExistingRows(session, dict(BUNDLE_TABLES))
    check = OwnershipCheck(existing, dict(BUNDLE_TABLES), sender, utcnow(), records)
    wanted = check.referenced(records)
    for name in BUNDLE_TABLES:
        wanted[name].update(r["id"].int for r in records.get(name, []))
    existing.read(wanted)
    for name in BUNDLE_TABLES:
        check.records(name, records.get(name, []), existing.rows(name))
    check.audit(records.get(AUDIT_TABLE, []))
    check.references(records)
    check.manifest_coach()
    result = MergeResult()
    seq = next_change_seq(session)
    for name, table in BUNDLE_TABLES.items():
        counts = result.tables.setdefault(name, TableCounts())
        incoming = records.get(name, [])
        if incoming:
            _upsert(session, bundle_id, name, table, incoming, existing.rows(name), seq, counts)
    audit = records.get(AUDIT_TABLE, [])
    if audit:
        counts = result.tables.setdefault(AUDIT_TABLE, TableCounts())
        inserted = insert_new(session, AuditEntry.__table__, audit)  # type: ignore[attr-defined]
        counts.inserted, counts.unchanged = inserted, len(audit) - inserted
    return result


def _upsert(session: Session, bundle_id: uuid.UUID, name: str, table: type[Any],
            incoming: list[dict[str, Any]], stored: dict[int, dict[str, Any]], seq: int,
            counts: TableCounts) -> None:
    """Insert the new records of one table, update the winning ones, keep the conflicts."""
    sa_table = table.__table__
    names = columns(table)
    inserts = []
    for record in incoming:
        current = stored.get(record["id"].int) if stored else None
        if current is None:
            # Set on the record itself: a copy of every record cost a fifth of a large
            # bundle's peak memory (the records are the merge's own, read from the bundle).
            record["local_seq"] = seq
            inserts.append(record)
            counts.inserted += 1
        elif all(current[n] == record[n] for n in names):
            counts.unchanged += 1
        elif _wins(record, current):
            session.execute(update(sa_table).where(sa_table.c.id == record["id"])
                            .values(**record, local_seq=seq))
            counts.updated += 1
            counts.conflicts += _conflict(session, bundle_id, name, winner=record, loser=current)
        else:
            counts.unchanged += 1
            counts.conflicts += _conflict(session, bundle_id, name, winner=current, loser=record)
    insert_many(session, sa_table, inserts)


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
