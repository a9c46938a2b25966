"""Personal accounts at the hub: people with a role and a scope, their browser sessions and API
tokens, failed sign-ins (throttling), an access log, and the uploads the hub refused.

All empty on a coach's laptop, like hub_device.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, cfpm_coach.storage.types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "hub_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", _TEXT(), nullable=False),
        sa.Column("role", _TEXT(), nullable=False),
        sa.Column("scope_kind", _TEXT(), nullable=False),
        sa.Column("scope_value", _TEXT(), nullable=False),
        sa.Column("password_hash", _TEXT(), nullable=False),
        _when("created_at"), _when("disabled_at", nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "hub_session",
        sa.Column("id_sha256", _TEXT(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("csrf_token", _TEXT(), nullable=False),
        _when("created_at"), _when("expires_at"), _when("last_seen_at"),
        sa.ForeignKeyConstraint(["account_id"], ["hub_account.id"]),
        sa.PrimaryKeyConstraint("id_sha256"),
    )
    op.create_index("ix_hub_session_account_id", "hub_session", ["account_id"])
    op.create_table(
        "hub_api_token",
        sa.Column("token_sha256", _TEXT(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("label", _TEXT(), nullable=False),
        _when("created_at"), _when("revoked_at", nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["hub_account.id"]),
        sa.PrimaryKeyConstraint("token_sha256"),
    )
    op.create_index("ix_hub_api_token_account_id", "hub_api_token", ["account_id"])
    op.create_table(
        "hub_signin_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_sha256", _TEXT(), nullable=False),
        _when("at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hub_signin_failure_key_sha256", "hub_signin_failure", ["key_sha256"])
    op.create_table(
        "hub_access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        _when("at"),
        sa.Column("account_id", sa.Uuid(), nullable=True),
        sa.Column("method", _TEXT(), nullable=False),
        sa.Column("route", _TEXT(), nullable=False),
        sa.Column("target", _TEXT(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hub_access_log_account_id", "hub_access_log", ["account_id"])
    op.create_table(
        "hub_refusal",
        sa.Column("id", sa.Integer(), nullable=False),
        _when("at"),
        sa.Column("hub_device_id", sa.Uuid(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("error", _TEXT(), nullable=False),
        sa.Column("detail", _TEXT(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hub_refusal_hub_device_id", "hub_refusal", ["hub_device_id"])


def downgrade() -> None:
    op.drop_index("ix_hub_refusal_hub_device_id", table_name="hub_refusal")
    op.drop_table("hub_refusal")
    op.drop_index("ix_hub_access_log_account_id", table_name="hub_access_log")
    op.drop_table("hub_access_log")
    op.drop_index("ix_hub_signin_failure_key_sha256", table_name="hub_signin_failure")
    op.drop_table("hub_signin_failure")
    op.drop_index("ix_hub_api_token_account_id", table_name="hub_api_token")
    op.drop_table("hub_api_token")
    op.drop_index("ix_hub_session_account_id", table_name="hub_session")
    op.drop_table("hub_session")
    op.drop_table("hub_account")
