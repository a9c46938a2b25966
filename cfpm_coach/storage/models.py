"""SQLModel tables. Every synced record: UUID key made on the device, aware UTC times, a revision,
the device that last wrote it, and a tombstone instead of a delete.

No `from __future__ import annotations` here: SQLModel relationships break with it.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from cfpm_coach.domain.vocabulary import GoalStatus, ObservationStatus
from cfpm_coach.storage.types import UTCDateTime


class SyncedRecord(SQLModel):
    """Columns every synced table shares."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revision: int = Field(default=1, nullable=False)
    device_id: uuid.UUID = Field(nullable=False)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Local change counter: which rows changed since the last acknowledged bundle. Never exported.
    local_seq: int = Field(default=0, nullable=False, index=True)


class Coach(SyncedRecord, table=True):
    """A coach (the local profile, or one known from imported bundles)."""

    name: str
    role: str = ""
    county: str = ""
    office: str = ""


class Device(SQLModel, table=True):
    """A laptop that writes records; exactly one row is this device."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    coach_id: uuid.UUID | None = Field(default=None, foreign_key="coach.id")
    label: str = ""
    is_local: bool = False
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class AppSetting(SQLModel, table=True):
    """Local preferences (default instrument, ...): a key and a JSON value."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True)
    value: Any = Field(sa_column=Column(JSON, nullable=True))
    updated_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class Worker(SyncedRecord, table=True):
    """A social worker (or leader) being coached."""

    name: str = Field(index=True)
    role: str = ""
    unit: str = ""
    office: str = Field(default="", index=True)
    county: str = ""
    active: bool = True


class Observation(SyncedRecord, table=True):
    """One observed interaction (or an office's assessment), rated on one instrument version.

    Its subject is a worker, or an office and its county with the office's implementation stage
    (domain/office_subject.py); never both, never neither.
    """

    __table_args__ = (
        Index("ix_observation_worker_started", "worker_id", "started_at"),
        Index("ix_observation_office_started", "office", "started_at"),
        CheckConstraint(
            "(worker_id IS NOT NULL AND office IS NULL AND county IS NULL "
            "AND implementation_stage IS NULL) OR "
            "(worker_id IS NULL AND office IS NOT NULL AND county IS NOT NULL "
            "AND implementation_stage IS NOT NULL)", name="ck_observation_one_subject"),
    )

    worker_id: uuid.UUID | None = Field(default=None, foreign_key="worker.id", nullable=True)
    coach_id: uuid.UUID = Field(foreign_key="coach.id", nullable=False)
    instrument_id: str
    instrument_version: int
    instrument_hash: str
    setting: str
    started_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    case_reference: str | None = None
    co_observer: str | None = None
    # Co-observation: the other coach's observation of the same visit has the same code.
    pair_code: str | None = Field(default=None, index=True)
    # Which phase of the work with the family the visit belonged to (vocabulary.Casework).
    casework_component: str | None = None
    # An office's assessment: the office, its county and its implementation stage.
    office: str | None = None
    county: str | None = None
    implementation_stage: str | None = None
    status: str = Field(default=ObservationStatus.DRAFT.value, index=True)
    finalized_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    strengths: str = Field(default="", sa_type=Text)
    growth_areas: str = Field(default="", sa_type=Text)
    next_steps: str = Field(default="", sa_type=Text)


class ObservationAmendment(SyncedRecord, table=True):
    """A correction of a finalized observation: why, and when it was opened and closed."""

    __tablename__ = "observation_amendment"

    observation_id: uuid.UUID = Field(foreign_key="observation.id", nullable=False, index=True)
    reason: str = Field(sa_type=Text)
    opened_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Rating(SyncedRecord, table=True):
    """A behavior's rating in one observation, with a short evidence note."""

    __table_args__ = (UniqueConstraint("observation_id", "behavior_id"),)

    observation_id: uuid.UUID = Field(foreign_key="observation.id", nullable=False, index=True)
    behavior_id: str
    value: int | None = None
    note: str = Field(default="", sa_type=Text)


class Goal(SyncedRecord, table=True):
    """A coaching goal for a worker, linked to one or more behaviors."""

    worker_id: uuid.UUID = Field(foreign_key="worker.id", nullable=False, index=True)
    observation_id: uuid.UUID | None = Field(default=None, foreign_key="observation.id")
    behavior_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    text: str = Field(sa_type=Text)
    due_date: date | None = None
    status: str = GoalStatus.OPEN.value


class AuditEntry(SQLModel, table=True):
    """Append-only: who changed what and when. Ids and field names only, never the text."""

    __tablename__ = "audit_log"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    device_id: uuid.UUID
    coach_id: uuid.UUID | None = None
    entity: str
    entity_id: uuid.UUID = Field(index=True)
    action: str
    fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    revision: int = 1


class ChangeCounter(SQLModel, table=True):
    """A single row whose value orders every local write (feeds local_seq)."""

    __tablename__ = "change_counter"

    id: int = Field(default=1, primary_key=True)
    value: int = 0


class SyncState(SQLModel, table=True):
    """Sync bookkeeping as keys: last acknowledged bundle, its high-water change counter."""

    __tablename__ = "sync_state"

    key: str = Field(primary_key=True)
    value: str


# The device of bundles imported before bundle ids were kept per device (migration 0006).
UNKNOWN_DEVICE = uuid.UUID(int=0)


class BundleLog(SQLModel, table=True):
    """Every bundle written or imported, and its receipt; keyed by bundle id and the device
    that wrote it, so another device reusing a bundle id can never block or replace it."""

    __tablename__ = "bundle_log"

    bundle_id: uuid.UUID = Field(primary_key=True)
    device_id: uuid.UUID = Field(primary_key=True)
    direction: str  # "export" or "import"
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    high_water_seq: int = 0
    record_count: int = 0
    status: str = "written"
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    receipt: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


SYNCED_TABLES: tuple[type[SyncedRecord], ...] = (
    Coach,
    Worker,
    Observation,
    ObservationAmendment,
    Rating,
    Goal,
)


class SyncConflict(SQLModel, table=True):
    """A version that lost a merge: kept for a person to look at, never silently dropped."""

    __tablename__ = "sync_conflict"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    detected_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    entity: str
    entity_id: uuid.UUID = Field(index=True)
    bundle_id: uuid.UUID
    winner_revision: int
    winner_device_id: uuid.UUID
    loser_revision: int
    loser_device_id: uuid.UUID
    loser_record: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
