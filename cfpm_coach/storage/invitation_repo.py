"""The hub's invitations: added with the hash of their code, found by it, used once."""

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session, col

from cfpm_coach.storage.hub_models import HubInvitation
from cfpm_coach.storage.types import utcnow


def add(*, session: Session, code_sha256: str, coach_name: str, expires_at: datetime,
        office: str | None = None, hub_url: str | None = None,
        created_by: str | None = None) -> HubInvitation:
    """Keep a new invitation (never its code)."""
    invitation = HubInvitation(code_sha256=code_sha256, coach_name=coach_name, office=office,
                               hub_url=hub_url, created_by=created_by, created_at=utcnow(),
                               expires_at=expires_at)
    session.add(invitation)
    session.flush()
    return invitation


def by_code(*, session: Session, code_sha256: str) -> HubInvitation | None:
    """The invitation whose code hashes to code_sha256."""
    return session.execute(select(HubInvitation).where(
        col(HubInvitation.code_sha256) == code_sha256)).scalars().first()


def claim(*, session: Session, invitation_id: uuid.UUID, device_id: uuid.UUID) -> bool:
    """Mark an unused invitation used by a device; False when another request used it first
    (a conditional UPDATE: of two joins racing on one code, one row count is 1)."""
    result = session.execute(
        update(HubInvitation)
        .where(col(HubInvitation.id) == invitation_id, col(HubInvitation.used_at).is_(None),
               col(HubInvitation.cancelled_at).is_(None))
        .values(used_at=utcnow(), hub_device_id=device_id)
        .execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0) == 1)


def cancel(*, session: Session, invitation_id: uuid.UUID) -> bool:
    """Withdraw an unused invitation; False when there is none to withdraw."""
    found = session.get(HubInvitation, invitation_id)
    if found is None or found.used_at is not None or found.cancelled_at is not None:
        return False
    found.cancelled_at = utcnow()
    session.add(found)
    return True


def invitations(*, session: Session) -> list[HubInvitation]:
    """Every invitation, newest first."""
    return list(session.execute(select(HubInvitation).order_by(
        col(HubInvitation.created_at).desc())).scalars())
