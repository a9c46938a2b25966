"""Ownership: the hub binds a device to its laptop id and coach; bundle ids are per device.

hub_device gains laptop_device_id and coach_id (empty for devices enrolled before: their next
bundle binds them). hub_upload is keyed by (hub_device_id, bundle_id) and bundle_log by
(bundle_id, device_id), so a device reusing another's bundle id blocks nothing. Bundles a laptop
exported are its own device's; bundles imported before this version keep an unknown device.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNKNOWN_DEVICE_HEX = "0" * 32


def _unknown_device() -> str:
    if op.get_bind().dialect.name == "postgresql":
        return "00000000-0000-0000-0000-000000000000"
    return UNKNOWN_DEVICE_HEX


def _set_primary_key(table: str, columns: list[str], old_columns: list[str]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, columns)
        return
    # SQLite: the batch copy builds the table again with the new key.
    with op.batch_alter_table(table, recreate="always") as batch_op:
        batch_op.create_primary_key(f"pk_{table}", columns)


def upgrade() -> None:
    op.add_column("hub_device", sa.Column("laptop_device_id", sa.Uuid(), nullable=True))
    op.add_column("hub_device", sa.Column("coach_id", sa.Uuid(), nullable=True))
    op.create_index("ix_hub_device_laptop_device_id", "hub_device", ["laptop_device_id"],
                    unique=False)
    _set_primary_key("hub_upload", ["hub_device_id", "bundle_id"], ["bundle_id"])

    op.add_column("bundle_log", sa.Column("device_id", sa.Uuid(), nullable=True))
    unknown = _unknown_device()
    op.execute(sa.text(
        "UPDATE bundle_log SET device_id = COALESCE("
        "(SELECT id FROM device WHERE is_local = :yes LIMIT 1), :unknown) "
        "WHERE direction = 'export'").bindparams(yes=True, unknown=unknown))
    op.execute(sa.text("UPDATE bundle_log SET device_id = :unknown WHERE device_id IS NULL")
               .bindparams(unknown=unknown))
    with op.batch_alter_table("bundle_log") as batch_op:
        batch_op.alter_column("device_id", existing_type=sa.Uuid(), nullable=False)
    _set_primary_key("bundle_log", ["bundle_id", "device_id"], ["bundle_id"])


def downgrade() -> None:
    # Going back keeps one log entry per bundle id (the first device's).
    op.execute(sa.text(
        "DELETE FROM bundle_log WHERE device_id <> (SELECT MIN(b.device_id) FROM bundle_log b "
        "WHERE b.bundle_id = bundle_log.bundle_id)"))
    _set_primary_key("bundle_log", ["bundle_id"], ["bundle_id", "device_id"])
    with op.batch_alter_table("bundle_log") as batch_op:
        batch_op.drop_column("device_id")
    op.execute(sa.text(
        "DELETE FROM hub_upload WHERE hub_device_id <> (SELECT MIN(u.hub_device_id) FROM "
        "hub_upload u WHERE u.bundle_id = hub_upload.bundle_id)"))
    _set_primary_key("hub_upload", ["bundle_id"], ["hub_device_id", "bundle_id"])
    op.drop_index("ix_hub_device_laptop_device_id", table_name="hub_device")
    with op.batch_alter_table("hub_device") as batch_op:
        batch_op.drop_column("coach_id")
        batch_op.drop_column("laptop_device_id")
