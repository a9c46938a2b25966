"""The hub's own rows: enrolled devices, accepted uploads, settings, and fidelity tallies."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, func, select, update
from sqlmodel import Session, col

from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.storage.hub_models import HubDevice, HubUpload
from cfpm_coach.storage.models import Observation, Rating, SyncState, Worker
from cfpm_coach.storage.row_insert import insert_many
from cfpm_coach.storage.types import utcnow


def add_device(*, session: Session, public_key: str, coach_name: str, token_sha256: str,
               laptop_device_id: uuid.UUID | None = None, coach_id: uuid.UUID | None = None
               ) -> HubDevice:
    """Enroll a device (its public key, the hash of its token, and its laptop's device id)."""
    device = HubDevice(public_key=public_key, coach_name=coach_name, token_sha256=token_sha256,
                       enrolled_at=utcnow(), laptop_device_id=laptop_device_id,
                       coach_id=coach_id)
    session.add(device)
    session.flush()
    return device


def renew(*, session: Session, device: HubDevice, coach_name: str, token_sha256: str) -> None:
    """Enroll a revoked device again under a new token (the old one stays refused)."""
    device.revoked_at, device.coach_name, device.token_sha256 = None, coach_name, token_sha256
    device.enrolled_at = utcnow()
    session.add(device)
    session.flush()


def device(*, session: Session, device_id: uuid.UUID) -> HubDevice:
    """An enrolled device by its hub id."""
    found = session.get(HubDevice, device_id)
    if found is None:
        raise KeyError(device_id)
    return found


def device_by_laptop(*, session: Session, laptop_device_id: uuid.UUID) -> HubDevice | None:
    """The enrollment bound to a laptop's device id (an active one before a revoked one)."""
    found = session.execute(select(HubDevice).where(
        col(HubDevice.laptop_device_id) == laptop_device_id)).scalars().all()
    return min(found, key=lambda d: (d.revoked_at is not None, d.enrolled_at), default=None)


def devices(*, session: Session) -> list[HubDevice]:
    """Every enrolled device, oldest first."""
    return list(session.execute(select(HubDevice).order_by(col(HubDevice.enrolled_at))).scalars())


def device_by_token(*, session: Session | Connection, token_sha256: str) -> Row[Any] | None:
    """The device holding a token (by its hash), as a row of HubDevice's columns.

    Asked on every upload: a plain row, not an ORM object, which cost more to build than the
    lookup itself."""
    table = HubDevice.__table__  # type: ignore[attr-defined]
    connection = session if isinstance(session, Connection) else session.connection()
    return connection.execute(select(table).where(table.c.token_sha256 == token_sha256)).first()


def device_by_key(*, session: Session, public_key: str) -> HubDevice | None:
    """The device enrolled with a public key."""
    return session.execute(select(HubDevice).where(col(HubDevice.public_key) == public_key)
                        ).scalars().first()


def find_device(*, session: Session, prefix: str) -> list[HubDevice]:
    """Devices whose id (hex or dashed) starts with prefix."""
    wanted = prefix.lower().replace("-", "")
    return [d for d in devices(session=session) if d.id.hex.startswith(wanted)]


def revoke(*, session: Session, device: HubDevice) -> None:
    """Stop a device: its token and signature are refused from now on."""
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        session.add(device)


def upload(*, session: Session, device_id: uuid.UUID, bundle_id: uuid.UUID) -> Row[Any] | None:
    """An accepted upload (its sha256 and receipt) by its device and bundle id (ids are the
    device's own)."""
    table = HubUpload.__table__  # type: ignore[attr-defined]
    return session.connection().execute(select(table.c.sha256, table.c.receipt).where(
        table.c.hub_device_id == device_id, table.c.bundle_id == bundle_id)).first()


def record_upload(*, session: Session, device_id: uuid.UUID, bundle_id: uuid.UUID, sha256: str,
                  size: int, receipt: dict[str, Any]) -> None:
    """Keep an accepted bundle's receipt, and count it for its device.

    The count is raised by the database itself: two uploads of one device committing at once
    each add one, and the device row need not be read first."""
    now = utcnow()
    insert_many(session, HubUpload.__table__, [{  # type: ignore[attr-defined]
        "bundle_id": bundle_id, "hub_device_id": device_id, "sha256": sha256, "size": size,
        "received_at": now, "receipt": receipt}])
    devices = HubDevice.__table__  # type: ignore[attr-defined]
    counted = session.connection().execute(update(devices).where(devices.c.id == device_id).values(
        last_seen_at=now, bundles=devices.c.bundles + 1))
    if counted.rowcount != 1:
        raise KeyError(device_id)


def setting(*, session: Session, key: str) -> str | None:
    """A hub setting (kept in sync_state)."""
    row = session.get(SyncState, key)
    return row.value if row else None


def set_setting(*, session: Session, key: str, value: str) -> None:
    """Set a hub setting."""
    session.merge(SyncState(key=key, value=value))


@dataclass(frozen=True)
class TallyRow:
    """How many times one value was given to one behavior, in one office and month."""

    office: str
    county: str
    month: str
    instrument_id: str
    behavior_id: str
    value: int
    count: int


def _month(session: Session, column: Any) -> Any:
    # Months are UTC calendar months at the hub: every coach's laptop is in one state, and a
    # server has no single "local" zone to speak of.
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _finished(instrument_id: str, since: datetime | None) -> Any:
    conditions = [col(Observation.instrument_id) == instrument_id,
                  col(Observation.status).in_(FINISHED), col(Observation.deleted_at).is_(None)]
    if since is not None:
        conditions.append(col(Observation.started_at) >= since)
    return and_(*conditions)


def fidelity_tallies(*, session: Session, instrument_id: str, since: datetime | None = None,
                     version: int | None = None) -> list[TallyRow]:
    """Counted ratings of finished observations by office, county, month and behavior
    (of one instrument version when version is given)."""
    month = _month(session, Observation.started_at).label("month")
    where = [_finished(instrument_id, since), col(Rating.deleted_at).is_(None),
             col(Rating.value).is_not(None)]
    if version is not None:
        where.append(col(Observation.instrument_version) == version)
    statement = (
        select(col(Worker.office), col(Worker.county), month, col(Rating.behavior_id),
               col(Rating.value), func.count())
        .join(Observation, col(Observation.worker_id) == col(Worker.id))
        .join(Rating, col(Rating.observation_id) == col(Observation.id))
        .where(*where)
        .group_by(col(Worker.office), col(Worker.county), month, col(Rating.behavior_id),
                  col(Rating.value))
    )
    return [TallyRow(str(office), str(county), str(m), instrument_id, str(behavior), int(value),
                     int(count))
            for office, county, m, behavior, value, count in session.execute(statement)]


def earlier_version_ratings(*, session: Session, instrument_id: str, before_version: int,
                            since: datetime | None = None
                            ) -> dict[tuple[uuid.UUID, int, str, str, str], dict[str, int]]:
    """Ratings of finished observations on versions before before_version, by observation
    (id, version, office, county, month): what a crosswalk carries into the newer version."""
    month = _month(session, Observation.started_at).label("month")
    statement = (
        select(col(Observation.id), col(Observation.instrument_version), col(Worker.office),
               col(Worker.county), month, col(Rating.behavior_id), col(Rating.value))
        .join(Observation, col(Observation.worker_id) == col(Worker.id))
        .join(Rating, col(Rating.observation_id) == col(Observation.id))
        .where(_finished(instrument_id, since), col(Rating.deleted_at).is_(None),
               col(Rating.value).is_not(None),
               col(Observation.instrument_version) < before_version)
    )
    found: dict[tuple[uuid.UUID, int, str, str, str], dict[str, int]] = defaultdict(dict)
    for obs_id, version, office, county, m, behavior, value in session.execute(statement):
        found[(obs_id, int(version), str(office), str(county), str(m))][str(behavior)] = int(value)
    return dict(found)


def observation_counts(*, session: Session, instrument_id: str, since: datetime | None = None
                       ) -> dict[tuple[str, str, str], int]:
    """Finished observations by (office, county, month)."""
    month = _month(session, Observation.started_at).label("month")
    statement = (
        select(col(Worker.office), col(Worker.county), month,
               func.count(col(Observation.id)))
        .join(Observation, col(Observation.worker_id) == col(Worker.id))
        .where(_finished(instrument_id, since))
        .group_by(col(Worker.office), col(Worker.county), month)
    )
    return {(str(o), str(c), str(m)): int(n) for o, c, m, n in session.execute(statement)}


def offices(*, session: Session) -> list[str]:
    """Offices of live workers, sorted."""
    rows = session.execute(select(col(Worker.office)).where(col(Worker.deleted_at).is_(None))
                           .distinct().order_by(col(Worker.office)))
    return [str(r[0]) for r in rows]
