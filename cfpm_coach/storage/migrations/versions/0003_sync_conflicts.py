"""Conflicts found when merging bundles: the losing version, kept for a person.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("detected_at", cfpm_coach.storage.types.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("bundle_id", sa.Uuid(), nullable=False),
        sa.Column("winner_revision", sa.Integer(), nullable=False),
        sa.Column("winner_device_id", sa.Uuid(), nullable=False),
        sa.Column("loser_revision", sa.Integer(), nullable=False),
        sa.Column("loser_device_id", sa.Uuid(), nullable=False),
        sa.Column("loser_record", sa.JSON(), nullable=False),
        sa.Column("resolved_at", cfpm_coach.storage.types.UTCDateTime(timezone=True),
                  nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_entity_id"), ["entity_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_entity_id"))
    op.drop_table("sync_conflict")
