"""Fast deterministic synthetic data for benchmarks: Core executemany, no ORM, no audit trail.

Not for coaching data: rows are stamped like real ones (UUIDs, revisions, device) so every query
and export path sees realistic tables, but nothing here goes through the services' validation.
"""

import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from sqlmodel import Session

from cfpm_coach.domain.vocabulary import ObservationStatus, Setting
from cfpm_coach.storage.models import Observation, Rating, Worker

NOTES = (
    "Explained the purpose of the visit and checked the parent understood the next steps.",
    "Asked open questions and let the youth finish before summarising.",
    "Named two specific strengths of the caregiver and built the plan on them.",
    "Moved to the agenda before the family had finished describing the week.",
    "Invited the grandmother into the planning and agreed her role with the parent.",
    "No natural opening for this in today's visit.",
)
OFFICES = ("North Valley", "Riverside Center", "Eastside", "Harbor", "Mountain View", "Delta")


@dataclass(frozen=True)
class SyntheticSize:
    """What seed_synthetic wrote."""

    workers: int
    observations: int
    ratings: int


def _chunks(rows: list[dict[str, object]], size: int = 5000) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def seed_synthetic(
    session: Session, *, device_id: uuid.UUID, coach_id: uuid.UUID, behavior_ids: Sequence[str],
    instrument: tuple[str, int, str], workers: int, observations: int, seed: int = 1,
) -> SyntheticSize:
    """Insert workers and finalized observations with every behavior rated (values 0-3)."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    stamp = {"created_at": now, "updated_at": now, "revision": 1, "device_id": device_id,
             "deleted_at": None, "local_seq": 1}
    worker_ids = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(workers)]
    session.execute(insert(Worker), [
        {**stamp, "id": wid, "name": f"Worker {n:05d}", "role": "Social Worker III",
         "unit": f"Unit {n % 7}", "office": OFFICES[n % len(OFFICES)], "county": "Sample County",
         "active": True}
        for n, wid in enumerate(worker_ids)
    ])
    instrument_id, version, content_hash = instrument
    obs_rows: list[dict[str, object]] = []
    rating_rows: list[dict[str, object]] = []
    for n in range(observations):
        oid = uuid.UUID(int=rng.getrandbits(128))
        began = start + timedelta(hours=n * 7 % 17_000, minutes=n % 60)
        obs_rows.append({
            **stamp, "id": oid, "worker_id": worker_ids[n % workers], "coach_id": coach_id,
            "instrument_id": instrument_id, "instrument_version": version,
            "instrument_hash": content_hash, "setting": Setting.HOME_VISIT.value, "started_at": began,
            "ended_at": began + timedelta(minutes=70), "case_reference": None,
            "co_observer": None, "status": ObservationStatus.FINAL.value,
            "finalized_at": began + timedelta(hours=2),
            "strengths": NOTES[n % 3], "growth_areas": NOTES[3], "next_steps": NOTES[4],
        })
        for behavior_id in behavior_ids:
            rating_rows.append({
                **stamp, "id": uuid.UUID(int=rng.getrandbits(128)), "observation_id": oid,
                "behavior_id": behavior_id, "value": rng.choice((0, 1, 2, 2, 3, 3)),
                "note": NOTES[rng.randrange(len(NOTES))],
            })
        if len(rating_rows) >= 50_000:
            _flush(session, obs_rows, rating_rows)
    _flush(session, obs_rows, rating_rows)
    return SyntheticSize(workers, observations, observations * len(behavior_ids))


def seed_observations_for(
    session: Session, *, worker_id: uuid.UUID, device_id: uuid.UUID, coach_id: uuid.UUID,
    behavior_ids: Sequence[str], instrument: tuple[str, int, str], observations: int, seed: int = 2,
) -> int:
    """Insert finalized observations of one existing worker, every behavior rated."""
    rng = random.Random(seed)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    stamp = {"created_at": now, "updated_at": now, "revision": 1, "device_id": device_id,
             "deleted_at": None, "local_seq": 1}
    instrument_id, version, content_hash = instrument
    obs_rows: list[dict[str, object]] = []
    rating_rows: list[dict[str, object]] = []
    for n in range(observations):
        oid = uuid.UUID(int=rng.getrandbits(128))
        began = datetime(2020, 1, 1, 9, tzinfo=UTC) + timedelta(days=n * 3)
        obs_rows.append({
            **stamp, "id": oid, "worker_id": worker_id, "coach_id": coach_id,
            "instrument_id": instrument_id, "instrument_version": version,
            "instrument_hash": content_hash, "setting": Setting.CFT_MEETING.value, "started_at": began,
            "ended_at": began + timedelta(minutes=90), "case_reference": None,
            "co_observer": None, "status": ObservationStatus.FINAL.value,
            "finalized_at": began + timedelta(hours=3),
            "strengths": NOTES[0], "growth_areas": NOTES[3], "next_steps": NOTES[4],
        })
        rating_rows += [
            {**stamp, "id": uuid.UUID(int=rng.getrandbits(128)), "observation_id": oid,
             "behavior_id": behavior_id, "value": rng.choice((0, 1, 2, 3)),
             "note": NOTES[rng.randrange(len(NOTES))]}
            for behavior_id in behavior_ids
        ]
    _flush(session, obs_rows, rating_rows)
    return observations


def _flush(session: Session, obs_rows: list[dict[str, object]],
           rating_rows: list[dict[str, object]]) -> None:
    for chunk in _chunks(obs_rows):
        session.execute(insert(Observation), chunk)
    for chunk in _chunks(rating_rows):
        session.execute(insert(Rating), chunk)
    obs_rows.clear()
    rating_rows.clear()
