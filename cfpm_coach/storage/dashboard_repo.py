"""What the hub's dashboard reads besides fidelity tallies: where each coach works, accepted
uploads, and live workers by place."""

import uuid

from sqlalchemy import func, select
from sqlmodel import Session, col

from cfpm_coach.storage.models import Coach, HubUpload, Worker


def coach_places(*, session: Session) -> dict[uuid.UUID, tuple[str, str]]:
    """Every coach's (county, office), by coach id (a laptop is in the scope of its coach)."""
    rows = session.execute(select(col(Coach.id), col(Coach.county), col(Coach.office)))
    return {cid: (str(county), str(office)) for cid, county, office in rows}


def uploads(*, session: Session, limit: int = 1000) -> list[HubUpload]:
    """The newest accepted uploads."""
    return list(session.execute(select(HubUpload).order_by(col(HubUpload.received_at).desc())
                                .limit(limit)).scalars())


def workers_by_place(*, session: Session) -> dict[tuple[str, str], int]:
    """Live, active workers by (county, office)."""
    rows = session.execute(
        select(col(Worker.county), col(Worker.office), func.count(col(Worker.id)))
        .where(col(Worker.deleted_at).is_(None), col(Worker.active).is_(True))
        .group_by(col(Worker.county), col(Worker.office)))
    return {(str(c), str(o)): int(n) for c, o, n in rows}
