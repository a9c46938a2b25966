"""One-time set-password codes: an admin adds an account (or resets one's sign-in) in the
browser, and the person chooses their own password with the code. Empty on a coach's laptop.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "hub_password_setup",
        sa.Column("code_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        _when("created_at"), _when("expires_at"), _when("used_at", nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["hub_account.id"]),
        sa.PrimaryKeyConstraint("code_sha256"),
    )
    op.create_index("ix_hub_password_setup_account_id", "hub_password_setup", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_hub_password_setup_account_id", table_name="hub_password_setup")
    op.drop_table("hub_password_setup")
