"""Rows in and out of bundles: changed rows by local sequence, and the merge by UUID.

Merge rule (DESIGN.md 5): the higher revision wins; on a tie the later updated_at, then the
higher device id. A losing version that differs from the winner is kept in sync_conflict.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    String,
    Uuid,
    and_,
    case,
    func,
    insert,
    literal,
    select,
    true,
    type_coerce,
    update,
)
from sqlmodel import Session, col

from cfpm_coach.domain.ownership import Sender
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
    SyncConflict,
    SyncedRecord,
    SyncState,
    Worker,
)
from cfpm_coach.storage.ownership_repo import OwnershipCheck, id_filters
from cfpm_coach.storage.records import next_change_seq
from cfpm_coach.storage.types import UTCDateTime, utcnow

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


def _uuid_text(column: Any) -> Any:
    """SQL: a UUID stored as 32 hex digits, in its usual 8-4-4-4-12 form (formatted by SQLite)."""
    parts = [func.substr(column, start, length)
             for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
    dashed: Any = parts[0]
    for part in parts[1:]:
        dashed = dashed.concat("-").concat(part)
    return case((column.is_(None), None), else_=dashed)


def _time_text(column: Any) -> Any:
    """SQL: a UTC time stored as "2026-01-02 03:04:05.123456", in ISO 8601 with its offset."""
    iso = func.replace(column, " ", "T").concat("+00:00")
    return case((column.is_(None), None), else_=iso)


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


def _json_value(column: Any, blank: dict[str, Any]) -> Any:
    """SQL for one column's JSON value inside json_object (SQLite)."""
    if column.name in blank:
        return literal(blank[column.name])
    text_column = type_coerce(column, String)
    if isinstance(column.type, Uuid):
        return _uuid_text(text_column)
    if isinstance(column.type, UTCDateTime):
        return _time_text(text_column)
    if isinstance(column.type, Boolean):
        return func.json(case((column.is_(None), None), (column == 1, "true"), else_="false"))
    if isinstance(column.type, JSON):
        return func.json(text_column)
    return column


def _json_lines(session: Session, table: type[Any], where: Any,
                blank: dict[str, Any]) -> list[str]:
    """One JSON object per row, built by SQLite (json_object) or, elsewhere, by Python."""
    sa_table = table.__table__
    names = columns(table)
    if session.get_bind().dialect.name != "sqlite":
        rows = session.execute(select(*[sa_table.c[n] for n in names]).where(where))
        return [json.dumps({n: blank.get(n, _plain(v)) if n in blank else _plain(v)
                            for n, v in zip(names, row, strict=True)},
                           ensure_ascii=False, separators=(",", ":")) for row in rows]
    pairs: list[Any] = []
    for name in names:
        pairs += [literal(name), _json_value(sa_table.c[name], blank)]
    query = select(func.json_object(*pairs)).where(where)
    return [row[0] for row in session.execute(query)]


def changed_lines(*, session: Session, table: type[SyncedRecord], since_seq: int,
                  owner: uuid.UUID, blank: dict[str, Any] | None = None) -> list[str]:
    """JSON lines of the owner's rows written after a local sequence number.

    Only the owner's: a laptop never re-exports records it imported from another device
    (DESIGN.md 6); they reach the hub from their owner. blank: column overrides.
    """
    sa_table = table.__table__  # type: ignore[attr-defined]
    where = and_(sa_table.c.local_seq > since_seq, sa_table.c.device_id == owner)
    return _json_lines(session, table, where, blank or {})


def audit_lines(*, session: Session, since: datetime | None, owner: uuid.UUID) -> list[str]:
    """JSON lines of the owner's audit entries recorded after a time (all for None)."""
    sa_table = AuditEntry.__table__  # type: ignore[attr-defined]
    where = true() if since is None else sa_table.c.at > since
    return _json_lines(session, AuditEntry, and_(where, sa_table.c.device_id == owner), {})


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


def _stored_rows(session: Session, table: type[SyncedRecord], ids: list[uuid.UUID]
                 ) -> dict[uuid.UUID, dict[str, Any]]:
    sa_table = table.__table__  # type: ignore[attr-defined]
    names = columns(table)
    return {row[0]: dict(zip(names, row, strict=True))
            for among in id_filters(session, sa_table.c.id, ids)
            for row in session.execute(select(*[sa_table.c[n] for n in names]).where(among))}


def merge(session: Session, bundle_id: uuid.UUID, records: dict[str, list[dict[str, Any]]],
          *, sender: Sender) -> MergeResult:
    """Upsert validated records by UUID inside the caller's transaction.

    Every ownership rule is checked first (domain/ownership.py): a record the sender may not
    write refuses the whole bundle (OwnershipError) before anything is written.
    """
    check = OwnershipCheck(session, dict(BUNDLE_TABLES), sender, utcnow())
    stored: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
    for name, table in BUNDLE_TABLES.items():
        incoming = records.get(name, [])
        stored[name] = _stored_rows(session, table, [r["id"] for r in incoming]) if incoming else {}
        check.records(name, incoming, stored[name])
    check.audit(records.get(AUDIT_TABLE, []))
    check.references(records)
    check.manifest_coach()
    result = MergeResult()
    seq = next_change_seq(session)
    for name, table in BUNDLE_TABLES.items():
        counts = result.tables.setdefault(name, TableCounts())
        incoming = records.get(name, [])
        if not incoming:
            continue
        sa_table = table.__table__  # type: ignore[attr-defined]
        names = columns(table)
        inserts = []
        for record in incoming:
            current = stored[name].get(record["id"])
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
        _insert_many(session, sa_table, inserts)
    audit = records.get(AUDIT_TABLE, [])
    if audit:
        counts = result.tables.setdefault(AUDIT_TABLE, TableCounts())
        audit_table = AuditEntry.__table__  # type: ignore[attr-defined]
        known = {row[0] for among in id_filters(session, audit_table.c.id,
                                                [r["id"] for r in audit])
                 for row in session.execute(select(audit_table.c.id).where(among))}
        fresh = [r for r in audit if r["id"] not in known]
        _insert_many(session, audit_table, fresh)
        counts.inserted, counts.unchanged = len(fresh), len(audit) - len(fresh)
    return result


def _uuid_stored(value: uuid.UUID) -> str:
    return value.hex


def _time_stored(value: datetime) -> str:
    if value.utcoffset() == _NO_OFFSET:  # bundles carry UTC: skip the conversion
        return value.isoformat(" ", "microseconds")[:26]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_NO_OFFSET = timedelta(0)


def _row_builder(table_columns: list[Any]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function turning a record into the stored values of these columns, in order.

    Generated once per table (as collections.namedtuple does): a per-value loop with a
    converter lookup cost more than SQLite's own insert work on a 250k-rating bundle.
    """
    parts, env = [], {}
    for index, column in enumerate(table_columns):
        key = repr(column.name)
        convert = _converter(column)
        if convert is None:
            parts.append(f"r[{key}]")
        else:
            env[f"c{index}"] = convert
            parts.append(f"(None if r[{key}] is None else c{index}(r[{key}]))")
    return eval(f"lambda r: ({', '.join(parts)},)", env)


def _converter(column: Any) -> Callable[[Any], Any] | None:
    """How a column's values are stored by SQLAlchemy's SQLite types (None: as they are)."""
    if isinstance(column.type, Uuid):
        return _uuid_stored
    if isinstance(column.type, UTCDateTime):
        return _time_stored
    if isinstance(column.type, Boolean):
        return int
    if isinstance(column.type, Date):
        return date.isoformat
    if isinstance(column.type, JSON):
        return json.dumps
    return None


def _insert_many(session: Session, sa_table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows; on SQLite straight through the driver's executemany.

    SQLAlchemy's per-value bind processing cost more than SQLite's own work for a 250k-rating
    import; the values are converted once here to exactly the stored form instead.
    """
    if not rows:
        return
    if session.get_bind().dialect.name != "sqlite":
        for start in range(0, len(rows), 2000):
            session.execute(insert(sa_table), rows[start : start + 2000])
        return
    table_columns = [c for c in sa_table.columns if c.name in rows[0]]
    names = ", ".join(c.name for c in table_columns)
    marks = ", ".join("?" * len(table_columns))
    statement = f"INSERT INTO {sa_table.name} ({names}) VALUES ({marks})"
    build = _row_builder(table_columns)
    values = [build(row) for row in rows]
    session.connection().exec_driver_sql(statement, values)


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


def acknowledge(*, session: Session, bundle_id: uuid.UUID, receipt: dict[str, Any]) -> int:
    """Mark an exported bundle as received; later exports start after its high-water mark."""
    entry = _exported(session, bundle_id)
    if entry is None:
        raise KeyError(bundle_id)
    entry.status, entry.acknowledged_at, entry.receipt = "acknowledged", utcnow(), receipt
    session.add(entry)
    state = session.get(SyncState, ACK_KEY)
    mark = max(entry.high_water_seq, int(state.value) if state else 0)
    session.merge(SyncState(key=ACK_KEY, value=str(mark)))
    session.merge(SyncState(key=ACK_AT_KEY, value=entry.created_at.isoformat()))
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
    """The highest local sequence already inside a bundle that is waiting or acknowledged."""
    value = session.execute(select(func.max(BundleLog.high_water_seq)).where(
        col(BundleLog.direction) == "export",
        col(BundleLog.status).in_(("written", "acknowledged")))).scalar()
    return max(int(value or 0), acknowledged_seq(session=session))


def set_bundle_status(*, session: Session, bundle_id: uuid.UUID, status: str,
                      receipt: dict[str, Any] | None = None) -> None:
    """Record what became of an exported bundle (e.g. refused by the hub)."""
    entry = _exported(session, bundle_id)
    if entry is not None:
        entry.status = status
        if receipt is not None:
            entry.receipt = receipt
        session.add(entry)

