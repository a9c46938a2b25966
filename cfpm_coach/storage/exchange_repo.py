"""Rows in and out of bundles: changed rows by local sequence, the bundle log, acknowledgements.

The merge itself is in merge_repo.py.
"""

import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    String,
    Uuid,
    and_,
    func,
    select,
    true,
    type_coerce,
)
from sqlmodel import Session, col

from cfpm_coach.storage import json_lines
from cfpm_coach.storage.existing_rows import columns
from cfpm_coach.storage.models import (
    AuditEntry,
    BundleLog,
    ChangeCounter,
    Coach,
    Device,
    Goal,
    Observation,
    ObservationAmendment,
    Rating,
    SyncedRecord,
    SyncState,
    Worker,
)
from cfpm_coach.storage.types import UTCDateTime, utcnow

# Parents before children, so foreign keys hold while rows are inserted.
BUNDLE_TABLES: dict[str, type[SyncedRecord]] = {
    "coach": Coach, "worker": Worker, "observation": Observation,
    "observation_amendment": ObservationAmendment, "rating": Rating, "goal": Goal,
}
AUDIT_TABLE = "audit_log"
ACK_KEY = "last_acknowledged_seq"
ACK_AT_KEY = "last_acknowledged_at"


def _uuid_text(column: Any) -> Any:
    """SQL: a UUID stored as 32 hex digits, in its usual 8-4-4-4-12 form (formatted by SQLite;
    NULL stays NULL, as SQLite's substr and || of NULL are NULL, so no CASE is needed)."""
    parts = [func.substr(column, start, length)
             for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
    dashed: Any = parts[0]
    for part in parts[1:]:
        dashed = dashed.concat("-").concat(part)
    return dashed


def _time_text(column: Any) -> Any:
    """SQL: a UTC time stored as "2026-01-02 03:04:05.123456", in ISO 8601 with its offset
    (NULL stays NULL)."""
    return func.replace(column, " ", "T").concat("+00:00")


def changed_rows(*, session: Session, table: type[SyncedRecord], since_seq: int
                 ) -> list[dict[str, Any]]:
    """Rows written after the given local sequence number (all rows for 0), JSON-ready.

    On SQLite, UUIDs and times are formatted by SQLite itself: building 750k UUID and datetime
    objects in Python took most of a 10k-observation export.
    """
    sa_table = table.__table__  # type: ignore[attr-defined]
    names = columns(table)
    sqlite = session.get_bind().dialect.name == "sqlite"
    selected: list[Any] = []
    for name in names:
        column = sa_table.c[name]
        if sqlite and isinstance(column.type, Uuid):
            selected.append(_uuid_text(type_coerce(column, String)))
        elif sqlite and isinstance(column.type, UTCDateTime):
            selected.append(_time_text(type_coerce(column, String)))
        else:
            selected.append(column)
    query = select(*selected).where(sa_table.c.local_seq > since_seq)
    if not sqlite:
        return [{n: _plain(v) for n, v in zip(names, row, strict=True)}
                for row in session.execute(query)]
    return [dict(zip(names, row, strict=True)) for row in session.execute(query)]


def _json_lines(session: Session, table: type[Any], where: Any,
                blank: dict[str, Any]) -> tuple[bytes, int]:
    """The rows as a JSON-lines file (UTF-8, one object a line, each line ended by a newline)
    and how many there are: built by SQLite on SQLite (storage/json_lines.py), else by Python."""
    sa_table = table.__table__
    names = columns(table)
    if session.get_bind().dialect.name == "sqlite":
        return json_lines.sqlite_file(session, sa_table, names, where, blank)
    rows = session.execute(select(*[sa_table.c[n] for n in names]).where(where))
    lines = [json.dumps({n: blank[n] if n in blank else _plain(v)
                         for n, v in zip(names, row, strict=True)},
                        ensure_ascii=False, separators=(",", ":")) for row in rows]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"), len(lines)


def changed_lines(*, session: Session, table: type[SyncedRecord], since_seq: int,
                  owner: uuid.UUID, blank: dict[str, Any] | None = None
                  ) -> tuple[bytes, int]:
    """The JSON-lines file of the owner's rows written after a local sequence number, and how
    many rows it holds.

    Only the owner's: a laptop never re-exports records it imported from another device;
    they reach the hub from their owner. blank: column overrides.
    """
    sa_table = table.__table__  # type: ignore[attr-defined]
    where = and_(sa_table.c.local_seq > since_seq, sa_table.c.device_id == owner)
    return _json_lines(session, table, where, {**_owned(owner), **(blank or {})})


def audit_lines(*, session: Session, since: datetime | None, owner: uuid.UUID
                ) -> tuple[bytes, int]:
    """The JSON-lines file of the owner's audit entries recorded after a time (all for None),
    and how many entries it holds."""
    sa_table = AuditEntry.__table__  # type: ignore[attr-defined]
    where = true() if since is None else sa_table.c.at > since
    return _json_lines(session, AuditEntry, and_(where, sa_table.c.device_id == owner),
                       _owned(owner))


def _owned(owner: uuid.UUID) -> dict[str, Any]:
    """The device_id of rows selected by their owner, written once as text: formatting the same
    UUID again in every row was a sixth of a 10k-observation export."""
    return {"device_id": str(owner)}


def instruments_used(*, session: Session, since_seq: int, owner: uuid.UUID
                     ) -> list[tuple[str, int, str]]:
    """(id, version, content hash) of the instruments of the owner's observations written
    after since_seq."""
    sa_table = Observation.__table__  # type: ignore[attr-defined]
    query = select(sa_table.c.instrument_id, sa_table.c.instrument_version,
                   sa_table.c.instrument_hash).where(
        sa_table.c.local_seq > since_seq, sa_table.c.device_id == owner).distinct()
    return sorted((str(a), int(b), str(c)) for a, b, c in session.execute(query))


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


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


def bundle_seen(*, session: Session, bundle_id: uuid.UUID, device_id: uuid.UUID
                ) -> BundleLog | None:
    """The log entry of a bundle this device wrote, already imported or written here."""
    return session.get(BundleLog, (bundle_id, device_id))


def log_bundle(*, session: Session, bundle_id: uuid.UUID, device_id: uuid.UUID, direction: str,
               high_water: int, record_count: int, status: str, receipt: dict[str, Any]) -> None:
    """Record a bundle written (device_id: this one) or imported (device_id: its sender)."""
    session.add(BundleLog(bundle_id=bundle_id, device_id=device_id, direction=direction,
                          created_at=utcnow(), high_water_seq=high_water,
                          record_count=record_count, status=status, receipt=receipt))


def _exported(session: Session, bundle_id: uuid.UUID) -> BundleLog | None:
    return session.execute(select(BundleLog).where(
        col(BundleLog.bundle_id) == bundle_id, col(BundleLog.direction) == "export")
    ).scalars().first()


# An export written in parts: each part's log entry names the export (its first part's id), its
# number and how many there are, in its receipt; kept when a hub's receipt or reason replaces it.
PART_KEYS = ("export", "part", "parts")
# The parts of one export are logged in one transaction, moments apart.
_PARTS_LOGGED_WITHIN = timedelta(minutes=5)


def _with_part(entry: BundleLog, receipt: dict[str, Any]) -> dict[str, Any]:
    written = entry.receipt or {}
    return {**receipt, **{key: written[key] for key in PART_KEYS if key in written}}


def _export_parts(session: Session, entry: BundleLog) -> list[BundleLog]:
    """Every part of the export this entry belongs to (just the entry for a one-bundle export)."""
    written = entry.receipt or {}
    export = written.get("export")
    if export is None or int(written.get("parts", 1)) == 1:
        return [entry]
    nearby = session.execute(select(BundleLog).where(
        col(BundleLog.direction) == "export",
        col(BundleLog.created_at) >= entry.created_at - _PARTS_LOGGED_WITHIN,
        col(BundleLog.created_at) <= entry.created_at + _PARTS_LOGGED_WITHIN)).scalars()
    return [other for other in nearby if (other.receipt or {}).get("export") == export]


def acknowledge(*, session: Session, bundle_id: uuid.UUID, receipt: dict[str, Any]) -> int:
    """Mark an exported bundle as received; later exports start after its high-water mark.

    An export in parts moves the marks only once every one of its parts is acknowledged, in
    whatever order: a part the hub refused, or one still on its way, is never skipped (its
    records and audit entries travel again in the next export)."""
    entry = _exported(session, bundle_id)
    if entry is None:
        raise KeyError(bundle_id)
    entry.status, entry.acknowledged_at = "acknowledged", utcnow()
    entry.receipt = _with_part(entry, receipt)
    session.add(entry)
    state = session.get(SyncState, ACK_KEY)
    mark = int(state.value) if state else 0
    parts = _export_parts(session, entry)
    expected = int((entry.receipt or {}).get("parts", 1))
    if len(parts) != expected or any(part.status != "acknowledged" for part in parts):
        return mark
    last = max(parts, key=lambda part: int((part.receipt or {}).get("part", 1)))
    mark = max([mark, *(part.high_water_seq for part in parts)])
    session.merge(SyncState(key=ACK_KEY, value=str(mark)))
    session.merge(SyncState(key=ACK_AT_KEY, value=last.created_at.isoformat()))
    return mark


def changed_count(*, session: Session, since_seq: int) -> int:
    """How many of this laptop's own records changed after a local sequence number (the ones
    the next bundle carries; records imported from other devices never travel on)."""
    local = select(col(Device.id)).where(col(Device.is_local) == true()).scalar_subquery()
    total = 0
    for table in BUNDLE_TABLES.values():
        total += int(session.execute(select(func.count()).select_from(table).where(
            col(table.local_seq) > since_seq, col(table.device_id) == local)).scalar_one())
    return total


def bundled_seq(*, session: Session) -> int:
    """The highest local sequence already inside a bundle that is waiting or acknowledged (an
    export in parts counts only while none of its parts was set aside)."""
    acknowledged = acknowledged_seq(session=session)
    newer = session.execute(select(BundleLog).where(
        col(BundleLog.direction) == "export",
        col(BundleLog.status).in_(("written", "acknowledged")),
        col(BundleLog.high_water_seq) > acknowledged)).scalars().all()
    return max([acknowledged, *(entry.high_water_seq for entry in newer
                                if all(part.status in ("written", "acknowledged")
                                       for part in _export_parts(session, entry)))])


def set_bundle_status(*, session: Session, bundle_id: uuid.UUID, status: str,
                      receipt: dict[str, Any] | None = None) -> None:
    """Record what became of an exported bundle (e.g. refused by the hub)."""
    entry = _exported(session, bundle_id)
    if entry is not None:
        entry.status = status
        if receipt is not None:
            entry.receipt = _with_part(entry, receipt)
        session.add(entry)

