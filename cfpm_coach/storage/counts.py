"""Row counts of the store, for the CLI, `db check` and backup previews."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from cfpm_coach.storage.models import SYNCED_TABLES


def live_counts(*, session: Session) -> dict[str, int]:
    """Live (not tombstoned) rows per synced table."""
    counts = {}
    for table in SYNCED_TABLES:
        query = select(func.count()).select_from(table).where(col(table.deleted_at).is_(None))
        counts[str(table.__tablename__)] = int(session.exec(query).one())
    return counts
