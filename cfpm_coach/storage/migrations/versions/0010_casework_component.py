"""The casework component an observation covered (engagement, assessment, planning,
monitoring, transition): optional, so every earlier observation stays as it was (NULL).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column: a plain ADD COLUMN, no table copy, on SQLite and PostgreSQL alike.
    op.add_column("observation", sa.Column("casework_component",
                                           sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_column("casework_component")
