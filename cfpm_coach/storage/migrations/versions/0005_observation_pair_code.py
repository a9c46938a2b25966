"""Co-observation: observations of the same visit by two coaches share a pair code.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column: a plain ADD COLUMN, no table copy, on SQLite and PostgreSQL alike.
    op.add_column("observation", sa.Column("pair_code", sqlmodel.sql.sqltypes.AutoString(),
                                           nullable=True))
    op.create_index("ix_observation_pair_code", "observation", ["pair_code"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_observation_pair_code", table_name="observation")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_column("pair_code")
