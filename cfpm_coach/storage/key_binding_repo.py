"""Which laptop each signing key speaks for, as a laptop's imports first saw it (sync_state)."""

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from cfpm_coach.storage.models import SyncState

KEY_BINDING_PREFIX = "device_key:"


@dataclass(frozen=True)
class KeyBinding:
    """A device signing key and the laptop device id it signed bundles for."""

    public_key: str
    device_id: uuid.UUID


def key_bindings(*, session: Session) -> list[KeyBinding]:
    """Every signing key seen on an imported bundle, with the device id it spoke for."""
    rows = session.execute(select(SyncState).where(
        col(SyncState.key).startswith(KEY_BINDING_PREFIX)).order_by(col(SyncState.key)))
    return [KeyBinding(row.key.removeprefix(KEY_BINDING_PREFIX), uuid.UUID(row.value))
            for row in rows.scalars()]


def bind_key(*, session: Session, public_key: str, device_id: uuid.UUID) -> None:
    """Remember which device a signing key speaks for (set once, by its first import)."""
    session.merge(SyncState(key=f"{KEY_BINDING_PREFIX}{public_key}", value=str(device_id)))
