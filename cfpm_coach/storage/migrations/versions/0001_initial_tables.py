"""Initial tables: coach, device, settings, workers, observations, ratings, goals.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "coach",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("local_seq", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("county", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("office", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("coach", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coach_local_seq"), ["local_seq"], unique=False)

    op.create_table(
        "worker",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("local_seq", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("office", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("county", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_local_seq"), ["local_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_worker_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_worker_office"), ["office"], unique=False)

    op.create_table(
        "device",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("coach_id", sa.Uuid(), nullable=True),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["coach.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "observation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("local_seq", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("coach_id", sa.Uuid(), nullable=False),
        sa.Column("instrument_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("instrument_version", sa.Integer(), nullable=False),
        sa.Column("instrument_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("setting", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "started_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("ended_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("case_reference", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("co_observer", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "finalized_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("growth_areas", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["coach.id"],
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["worker.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observation_local_seq"), ["local_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_observation_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_observation_worker_started", ["worker_id", "started_at"], unique=False
        )

    op.create_table(
        "goal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("local_seq", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=True),
        sa.Column("behavior_ids", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["worker.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_local_seq"), ["local_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "observation_amendment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("local_seq", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("opened_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observation_amendment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observation_amendment_local_seq"), ["local_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observation_amendment_observation_id"), ["observation_id"], unique=False
        )

    op.create_table(
        "rating",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("local_seq", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.Column("behavior_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("observation_id", "behavior_id"),
    )
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_local_seq"), ["local_seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rating_observation_id"), ["observation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_observation_id"))
        batch_op.drop_index(batch_op.f("ix_rating_local_seq"))

    op.drop_table("rating")
    with op.batch_alter_table("observation_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_amendment_observation_id"))
        batch_op.drop_index(batch_op.f("ix_observation_amendment_local_seq"))

    op.drop_table("observation_amendment")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_worker_id"))
        batch_op.drop_index(batch_op.f("ix_goal_local_seq"))

    op.drop_table("goal")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index("ix_observation_worker_started")
        batch_op.drop_index(batch_op.f("ix_observation_status"))
        batch_op.drop_index(batch_op.f("ix_observation_local_seq"))

    op.drop_table("observation")
    op.drop_table("device")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_worker_office"))
        batch_op.drop_index(batch_op.f("ix_worker_name"))
        batch_op.drop_index(batch_op.f("ix_worker_local_seq"))

    op.drop_table("worker")
    with op.batch_alter_table("coach", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coach_local_seq"))

    op.drop_table("coach")
    op.drop_table("app_setting")
