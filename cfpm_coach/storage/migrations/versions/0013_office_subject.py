"""Office subjects: an observation (assessment) can be about an office and its county, with the
office's implementation stage, instead of a worker. worker_id becomes nullable and a check holds
that exactly one subject is set (domain/office_subject.py states the same rule).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_SUBJECT = (
    "(worker_id IS NOT NULL AND office IS NULL AND county IS NULL "
    "AND implementation_stage IS NULL) OR "
    "(worker_id IS NULL AND office IS NOT NULL AND county IS NOT NULL "
    "AND implementation_stage IS NOT NULL)"
)


def upgrade() -> None:
    # On SQLite the batch copies the table (foreign keys are off during migrations, checked
    # after, see env.py); on PostgreSQL each step is a plain ALTER TABLE.
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office", sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=True))
        batch_op.add_column(sa.Column("county", sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=True))
        batch_op.add_column(sa.Column("implementation_stage",
                                      sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.alter_column("worker_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.create_index("ix_observation_office_started", ["office", "started_at"],
                              unique=False)
        batch_op.create_check_constraint("ck_observation_one_subject", ONE_SUBJECT)


def downgrade() -> None:
    # Office assessments have no worker: they cannot survive a schema that requires one.
    op.execute(sa.text("DELETE FROM rating WHERE observation_id IN "
                       "(SELECT id FROM observation WHERE worker_id IS NULL)"))
    op.execute(sa.text("DELETE FROM observation_amendment WHERE observation_id IN "
                       "(SELECT id FROM observation WHERE worker_id IS NULL)"))
    op.execute(sa.text("UPDATE goal SET observation_id = NULL WHERE observation_id IN "
                       "(SELECT id FROM observation WHERE worker_id IS NULL)"))
    op.execute(sa.text("DELETE FROM observation WHERE worker_id IS NULL"))
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_constraint("ck_observation_one_subject", type_="check")
        batch_op.drop_index("ix_observation_office_started")
        batch_op.alter_column("worker_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("implementation_stage")
        batch_op.drop_column("county")
        batch_op.drop_column("office")
