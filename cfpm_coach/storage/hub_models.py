"""The hub's own SQLModel tables (enrolled laptops, uploads, accounts, sessions...): imported by
the hub and by the migrations only, so the desktop app does not build them at start-up.

No `from __future__ import annotations` here: SQLModel relationships break with it.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from cfpm_coach.storage.types import UTCDateTime


class HubDevice(SQLModel, table=True):
    """A laptop enrolled at the hub: its signing key, the hash of its upload token, and the
    laptop's own device id and coach id (the only ones its bundles may name)."""

    __tablename__ = "hub_device"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    public_key: str = Field(unique=True)
    # None only for a device enrolled before the hub bound laptops: bound by its next bundle.
    laptop_device_id: uuid.UUID | None = Field(default=None, index=True)
    # Bound by the first accepted bundle that names a coach (a coach the laptop created).
    coach_id: uuid.UUID | None = None
    coach_name: str
    token_sha256: str = Field(unique=True)
    enrolled_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_seen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    bundles: int = 0


class HubUpload(SQLModel, table=True):
    """A bundle the hub accepted: who sent it, its digest, and the receipt it answered with.
    Keyed by the device and its bundle id: a bundle id means nothing from another device."""

    __tablename__ = "hub_upload"

    hub_device_id: uuid.UUID = Field(foreign_key="hub_device.id", primary_key=True, index=True)
    bundle_id: uuid.UUID = Field(primary_key=True)
    sha256: str
    size: int
    received_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    receipt: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class HubInvitation(SQLModel, table=True):
    """A one-time invitation for a laptop to join the hub: only the hash of its code is kept.
    Used once: then it names the device it enrolled."""

    __tablename__ = "hub_invitation"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code_sha256: str = Field(unique=True)
    coach_name: str
    office: str | None = None
    hub_url: str | None = None
    created_by: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hub_device_id: uuid.UUID | None = Field(default=None, foreign_key="hub_device.id")
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HubAccount(SQLModel, table=True):
    """A person who signs in to the hub's dashboard: a role, and the part of the state they see
    (scope_kind 'hub', 'county' or 'office', scope_value naming the county or office)."""

    __tablename__ = "hub_account"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(unique=True)
    role: str
    scope_kind: str
    scope_value: str = ""
    password_hash: str
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HubPasswordSetup(SQLModel, table=True):
    """A one-time code with which a person sets their own password (a new account, or after an
    admin reset their sign-in): only the code's hash is kept; used once, then it is spent."""

    __tablename__ = "hub_password_setup"

    code_sha256: str = Field(primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="hub_account.id", index=True)
    created_by: uuid.UUID | None = None
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HubPublishedInstrument(SQLModel, table=True):
    """An instrument version an admin published at the hub, as the YAML text laptops receive:
    one (instrument id, version) once, never edited (a change is a new version)."""

    __tablename__ = "hub_published_instrument"
    __table_args__ = (UniqueConstraint("instrument_id", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    instrument_id: str
    version: int
    content_hash: str
    body: str = Field(sa_type=Text)
    published_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    published_by: uuid.UUID | None = None


class HubSession(SQLModel, table=True):
    """A signed-in browser: the hash of its cookie's session id and its form token."""

    __tablename__ = "hub_session"

    id_sha256: str = Field(primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="hub_account.id", index=True)
    csrf_token: str
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    last_seen_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class HubApiToken(SQLModel, table=True):
    """A personal token for scripts, stored as a hash; it reads what its account may read."""

    __tablename__ = "hub_api_token"

    token_sha256: str = Field(primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="hub_account.id", index=True)
    label: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HubSigninFailure(SQLModel, table=True):
    """A failed sign-in, keyed by a hash of the email or the client address (throttling)."""

    __tablename__ = "hub_signin_failure"

    id: int | None = Field(default=None, primary_key=True)
    key_sha256: str = Field(index=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class HubAccessLog(SQLModel, table=True):
    """Who viewed or downloaded what: an account, a route and the ids in its path, never values."""

    __tablename__ = "hub_access_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    account_id: uuid.UUID | None = Field(default=None, index=True)
    method: str
    route: str
    target: str = ""


class HubRefusal(SQLModel, table=True):
    """An upload the hub refused from an enrolled device, and why (shown on the laptops page)."""

    __tablename__ = "hub_refusal"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    hub_device_id: uuid.UUID = Field(index=True)
    http_status: int
    error: str
    detail: str
