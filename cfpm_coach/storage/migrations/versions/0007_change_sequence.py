"""PostgreSQL hubs number changes with a SEQUENCE instead of the one-row change_counter.

`UPDATE change_counter ... WHERE id = 1` locked that row until COMMIT, so every merge on a
PostgreSQL hub waited for the one before it, whatever the number of hub processes. nextval()
takes no row lock. SQLite (laptops, small hubs) keeps the row: its writers are serial anyway and
a laptop's export needs numbers in commit order, which a sequence does not give.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEQUENCE = "change_seq"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} AS bigint")
    # The next number continues where the counter stopped (setval with is_called = false).
    op.execute(f"SELECT setval('{SEQUENCE}', "
               "COALESCE((SELECT value FROM change_counter WHERE id = 1), 0) + 1, false)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"UPDATE change_counter SET value = (SELECT CASE WHEN is_called THEN last_value "
               f"ELSE last_value - 1 END FROM {SEQUENCE}) WHERE id = 1")
    op.execute(f"DROP SEQUENCE {SEQUENCE}")
