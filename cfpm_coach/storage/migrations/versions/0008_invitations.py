"""Hub invitations: a laptop joins with a one-time code (only the code's hash is stored).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    utc = cfpm_coach.storage.types.UTCDateTime(timezone=True)
    text = sqlmodel.sql.sqltypes.AutoString()
    op.create_table(
        "hub_invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code_sha256", text, nullable=False),
        sa.Column("coach_name", text, nullable=False),
        sa.Column("office", text, nullable=True),
        sa.Column("hub_url", text, nullable=True),
        sa.Column("created_by", text, nullable=True),
        sa.Column("created_at", utc, nullable=False),
        sa.Column("expires_at", utc, nullable=False),
        sa.Column("used_at", utc, nullable=True),
        sa.Column("hub_device_id", sa.Uuid(), nullable=True),
        sa.Column("cancelled_at", utc, nullable=True),
        sa.ForeignKeyConstraint(["hub_device_id"], ["hub_device.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_sha256"),
    )


def downgrade() -> None:
    op.drop_table("hub_invitation")
