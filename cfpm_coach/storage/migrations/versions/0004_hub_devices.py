"""The hub's enrolled devices and accepted uploads (empty on a coach's laptop).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hub_device",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("public_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("coach_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("token_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("enrolled_at", cfpm_coach.storage.types.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column("revoked_at", cfpm_coach.storage.types.UTCDateTime(timezone=True),
                  nullable=True),
        sa.Column("last_seen_at", cfpm_coach.storage.types.UTCDateTime(timezone=True),
                  nullable=True),
        sa.Column("bundles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_key"),
        sa.UniqueConstraint("token_sha256"),
    )
    op.create_table(
        "hub_upload",
        sa.Column("bundle_id", sa.Uuid(), nullable=False),
        sa.Column("hub_device_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("received_at", cfpm_coach.storage.types.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column("receipt", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["hub_device_id"], ["hub_device.id"]),
        sa.PrimaryKeyConstraint("bundle_id"),
    )
    with op.batch_alter_table("hub_upload", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hub_upload_hub_device_id"), ["hub_device_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hub_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_upload_hub_device_id"))
    op.drop_table("hub_upload")
    op.drop_table("hub_device")
