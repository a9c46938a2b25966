"""Ownership: the hub binds a device to its laptop id and coach; bundle ids are per device.

hub_device gains laptop_device_id and coach_id (empty for devices enrolled before: their next
bundle binds them). hub_upload is keyed by (hub_device_id, bundle_id) and bundle_log by
(bundle_id, device_id), so a device reusing another's bundle id blocks nothing. Bundles a laptop
exported are its own device's; bundles imported before this version keep an unknown device.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cfpm_coach.storage.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNKNOWN_DEVICE = uuid.UUID(int=0)  # models.UNKNOWN_DEVICE, frozen here as of this version


def _shape(table: str, key: list[str]) -> sa.Table:
    """The table as it stands in this migration, with the primary key it should have."""
    meta = sa.MetaData()
    utc = cfpm_coach.storage.types.UTCDateTime(timezone=True)
    if table == "hub_upload":
        columns = [sa.Column("bundle_id", sa.Uuid(), nullable=False),
                   sa.Column("hub_device_id", sa.Uuid(), sa.ForeignKey("hub_device.id"),
                             nullable=False),
                   sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
                   sa.Column("size", sa.Integer(), nullable=False),
                   sa.Column("received_at", utc, nullable=False),
                   sa.Column("receipt", sa.JSON(), nullable=False)]
        indexes = [sa.Index("ix_hub_upload_hub_device_id", "hub_device_id")]
    else:
        columns = [sa.Column("bundle_id", sa.Uuid(), nullable=False),
                   sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
                   sa.Column("created_at", utc, nullable=False),
                   sa.Column("high_water_seq", sa.Integer(), nullable=False),
                   sa.Column("record_count", sa.Integer(), nullable=False),
                   sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
                   sa.Column("acknowledged_at", utc, nullable=True),
                   sa.Column("receipt", sa.JSON(), nullable=True)]
        if "device_id" in key:
            columns.append(sa.Column("device_id", sa.Uuid(), nullable=False))
        indexes = []
    return sa.Table(table, meta, *columns, *indexes, sa.PrimaryKeyConstraint(*key))


def _set_primary_key(table: str, columns: list[str]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, columns)
        return
    # SQLite cannot change a primary key in place: copy the table into its new shape.
    with op.batch_alter_table(table, recreate="always", copy_from=_shape(table, columns)):
        pass


def upgrade() -> None:
    op.add_column("hub_device", sa.Column("laptop_device_id", sa.Uuid(), nullable=True))
    op.add_column("hub_device", sa.Column("coach_id", sa.Uuid(), nullable=True))
    op.create_index("ix_hub_device_laptop_device_id", "hub_device", ["laptop_device_id"],
                    unique=False)
    _set_primary_key("hub_upload", ["hub_device_id", "bundle_id"])

    op.add_column("bundle_log", sa.Column("device_id", sa.Uuid(), nullable=True))
    op.execute(sa.text(
        "UPDATE bundle_log SET device_id = (SELECT id FROM device WHERE is_local = :yes LIMIT 1) "
        "WHERE direction = 'export'").bindparams(yes=True))
    op.execute(sa.text("UPDATE bundle_log SET device_id = :unknown WHERE device_id IS NULL")
               .bindparams(sa.bindparam("unknown", UNKNOWN_DEVICE, type_=sa.Uuid())))
    with op.batch_alter_table("bundle_log") as batch_op:
        batch_op.alter_column("device_id", existing_type=sa.Uuid(), nullable=False)
    _set_primary_key("bundle_log", ["bundle_id", "device_id"])


def _keep_one_per_bundle(table: str, device_column: str) -> None:
    op.execute(sa.text(
        f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {table} other WHERE other.bundle_id = "
        f"{table}.bundle_id AND other.{device_column} < {table}.{device_column})"))


def downgrade() -> None:
    # Going back keeps one entry per bundle id (the lowest device id's).
    postgresql = op.get_bind().dialect.name == "postgresql"
    _keep_one_per_bundle("bundle_log", "device_id")
    _set_primary_key("bundle_log", ["bundle_id"])  # SQLite: the copy leaves device_id out
    if postgresql:
        op.drop_column("bundle_log", "device_id")
    _keep_one_per_bundle("hub_upload", "hub_device_id")
    _set_primary_key("hub_upload", ["bundle_id"])
    op.drop_index("ix_hub_device_laptop_device_id", table_name="hub_device")
    with op.batch_alter_table("hub_device") as batch_op:
        batch_op.drop_column("coach_id")
        batch_op.drop_column("laptop_device_id")
