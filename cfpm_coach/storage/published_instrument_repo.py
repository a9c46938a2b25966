"""Instrument versions published at the hub: added once per (id, version), read by laptops."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from cfpm_coach.storage.hub_models import HubPublishedInstrument


def add(*, session: Session, instrument_id: str, version: int, content_hash: str, body: str,
        now: datetime, published_by: uuid.UUID | None) -> HubPublishedInstrument:
    """Keep a published instrument version (the pair must be new)."""
    row = HubPublishedInstrument(instrument_id=instrument_id, version=version,
                                 content_hash=content_hash, body=body, published_at=now,
                                 published_by=published_by)
    session.add(row)
    session.flush()
    return row


def by_key(*, session: Session, instrument_id: str, version: int
           ) -> HubPublishedInstrument | None:
    """The published version of an instrument, if any."""
    return session.execute(select(HubPublishedInstrument).where(
        col(HubPublishedInstrument.instrument_id) == instrument_id,
        col(HubPublishedInstrument.version) == version)).scalars().first()


def published(*, session: Session) -> list[HubPublishedInstrument]:
    """Every published version, by instrument and version."""
    return list(session.execute(select(HubPublishedInstrument).order_by(
        col(HubPublishedInstrument.instrument_id), col(HubPublishedInstrument.version))
    ).scalars())
