"""The local device, its coach profile, and local settings."""

import uuid
from typing import Any

from sqlmodel import Session, select

from cfpm_coach.storage.models import AppSetting, Coach, Device
from cfpm_coach.storage.types import utcnow


def local_device(*, session: Session) -> Device | None:
    """This laptop's device row, if it was created."""
    return session.exec(select(Device).where(Device.is_local == True)).first()  # noqa: E712


def create_local_device(*, session: Session, label: str) -> Device:
    """Create this laptop's device row (once, on first open)."""
    device = Device(id=uuid.uuid4(), label=label, is_local=True, created_at=utcnow())
    session.add(device)
    session.flush()
    return device


def link_coach(*, session: Session, device: Device, coach_id: uuid.UUID) -> None:
    """Attach the local coach profile to this device."""
    device.coach_id = coach_id
    session.add(device)


def get_coach(*, session: Session, coach_id: uuid.UUID) -> Coach | None:
    """A coach by id."""
    return session.get(Coach, coach_id)


def coach_names(*, session: Session) -> dict[uuid.UUID, str]:
    """Every coach's name by id."""
    return {c.id: c.name for c in session.exec(select(Coach))}


def get_setting(*, session: Session, key: str, default: Any = None) -> Any:
    """A local preference's value, or default."""
    row = session.get(AppSetting, key)
    return default if row is None else row.value


def set_setting(*, session: Session, key: str, value: Any) -> None:
    """Store a local preference."""
    row = session.get(AppSetting, key)
    if row is None:
        row = AppSetting(key=key, value=value, updated_at=utcnow())
    else:
        row.value = value
        row.updated_at = utcnow()
    session.add(row)
