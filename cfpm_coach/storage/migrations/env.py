"""Alembic environment: runs on the connection the app hands over, in one transaction."""

from alembic import context
from sqlmodel import SQLModel

# Both modules register their tables on the metadata: the desktop's and the hub's.
import cfpm_coach.storage.hub_models
import cfpm_coach.storage.models  # noqa: F401

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app always hands a connection over
    raise RuntimeError("Run migrations through cfpm_coach.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
    # Batch migrations copy tables; with foreign keys off during the copy, check them before commit.
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"Migration left {len(broken)} broken foreign keys; rolled back")
