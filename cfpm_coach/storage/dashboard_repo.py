"""What the hub's dashboard reads besides fidelity tallies: where each coach works, accepted
uploads, and live workers by place."""

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from cfpm_coach.storage.hub_models import HubUpload
from cfpm_coach.storage.hub_repo import FINISHED
from cfpm_coach.storage.models import Coach, Observation, Worker


def coach_places(*, session: Session) -> dict[uuid.UUID, set[tuple[str, str]]]:
    """Where each coach works, by coach id: the (county, office) of their profile, if set, and
    of every worker they observed (a laptop is in the scope of the places its coach works in)."""
    places: dict[uuid.UUID, set[tuple[str, str]]] = defaultdict(set)
    for cid, county, office in session.execute(
            select(col(Coach.id), col(Coach.county), col(Coach.office))):
        if county or office:
            places[cid].add((str(county), str(office)))
    observed = (select(col(Observation.coach_id), col(Worker.county), col(Worker.office))
                .join(Worker, col(Worker.id) == col(Observation.worker_id))
                .where(col(Observation.deleted_at).is_(None)).distinct())
    for cid, county, office in session.execute(observed):
        places[cid].add((str(county), str(office)))
    return dict(places)


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


def observed_workers_by_place(*, session: Session, instrument_id: str, since: datetime
                              ) -> dict[tuple[str, str], int]:
    """Live, active workers by (county, office) with a finished observation of the instrument
    that started at or after `since`."""
    rows = session.execute(
        select(col(Worker.county), col(Worker.office),
               func.count(func.distinct(col(Worker.id))))
        .join(Observation, col(Observation.worker_id) == col(Worker.id))
        .where(col(Worker.deleted_at).is_(None), col(Worker.active).is_(True),
               col(Observation.instrument_id) == instrument_id,
               col(Observation.status).in_(FINISHED), col(Observation.deleted_at).is_(None),
               col(Observation.started_at) >= since)
        .group_by(col(Worker.county), col(Worker.office)))
    return {(str(c), str(o)): int(n) for c, o, n in rows}


def instrument_uses(*, session: Session) -> dict[tuple[str, int, str, str, str], int]:
    """Live observations by (instrument id, version, content hash, county, office), drafts
    included: every observation pins the version it was rated on."""
    rows = session.execute(
        select(col(Observation.instrument_id), col(Observation.instrument_version),
               col(Observation.instrument_hash), col(Worker.county), col(Worker.office),
               func.count(col(Observation.id)))
        .join(Worker, col(Worker.id) == col(Observation.worker_id))
        .where(col(Observation.deleted_at).is_(None))
        .group_by(col(Observation.instrument_id), col(Observation.instrument_version),
                  col(Observation.instrument_hash), col(Worker.county), col(Worker.office)))
    return {(str(i), int(v), str(h), str(c), str(o)): int(n) for i, v, h, c, o, n in rows}
