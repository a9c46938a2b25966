"""Realistic, deterministic sample data: offices, workers who grow over months, a few drafts.

Staff names only; evidence notes describe what the worker did and never name a child or family.
The same seed gives the same workers, settings and ratings; dates count back from today.
What to write is decided here; a writer (demo_writers) writes it: in a few transactions by
default, or through the services one call at a time (the reference the batch must equal).
"""

import logging
import random
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.shipped import SHIPPED_LEADERSHIP, SHIPPED_PRACTICE
from cfpm_coach.domain.vocabulary import GoalStatus, Setting
from cfpm_coach.services.demo_writers import (
    BatchWriter,
    DemoResult,
    Ratings,
    SampleWriter,
    ServiceWriter,
)
from cfpm_coach.services.goals import GoalService
from cfpm_coach.services.observations import ObservationService
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.services.workers import WorkerService
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.types import utcnow

log = logging.getLogger(__name__)

OFFICES = ("North Valley", "Riverside Center", "Eastside", "Harbor")
COUNTY = "Sample County"
STAFF_NAMES = (
    "Ana Reyes", "Marcus Johnson", "Nguyễn Thị Hồng", "José Peña", "Priya Patel", "Daniel Kim",
    "Keisha Washington", "Tomás Álvarez", "Mei Chen", "Robert Miller", "Fatima Haddad",
    "Luis Ortiz", "Hannah Schmidt", "Dmitri Volkov", "Imani Okafor", "Carlos Ruiz",
    "Sofía Castillo", "Jamal Brooks", "Leilani Kahale", "Owen Murphy", "Amara Mensah",
    "Hiroshi Tanaka", "Grace O'Brien", "Mateo Herrera", "Yesenia Gómez", "Kwame Asante",
    "Rosa Delgado", "Ethan Carter", "Aaliyah Nguyen", "Bao Tran", "Teresa Vu", "Samuel Reed",
    "Lucía Morales", "Gabriel Soto", "Naomi Begay", "Ravi Shankar", "Elena Petrova",
    "Jordan Lee", "Camila Ríos", "Trần Văn Minh",
)
ROLES = ("Social Worker II", "Social Worker III", "Social Worker IV", "Social Worker V")
SETTING_WEIGHTS = {
    Setting.HOME_VISIT: 5, Setting.CFT_MEETING: 4, Setting.OFFICE_VISIT: 2,
    Setting.PHONE_VIDEO: 2, Setting.COURT: 1, Setting.SCHOOL: 1,
}
EVIDENCE = {
    3: ("Did this clearly and consistently through the visit.",
        "Strong example: checked understanding and adjusted without prompting.",
        "Family's own words were reflected back and built on."),
    2: ("Present at the start, less so once the conversation got difficult.",
        "Good intent; missed one chance to follow up on what the parent raised.",
        "Did this when prompted by the team facilitator."),
    1: ("Not yet visible; the worker moved on to the agenda quickly.",
        "Used agency terms without checking they were understood.",
        "Talked about the family rather than with them for most of the visit."),
    0: ("No natural opening for this in today's visit.",),
}
STRENGTHS = (
    "Warm, calm opening; explained the purpose of the visit in plain words.",
    "Kept the team focused on the underlying needs rather than the list of services.",
    "Followed up on last month's agreements and named the progress the family made.",
)
GROWTH = (
    "Invite the family's own supports into planning earlier.",
    "Check understanding after explaining next steps, not only at the end.",
    "Leave more silence after open questions.",
)
NEXT_STEPS = (
    "Before the next CFT, ask the parent who they want at the table.",
    "Practise summarising the family's view back in their words.",
    "Bring the safety plan draft to the family and review it together.",
)


def _rating(rng: random.Random, skill: float) -> int:
    if rng.random() < 0.08:
        return 0
    return max(1, min(3, round(skill + rng.gauss(0, 0.35))))


def _observe(
    writer: SampleWriter, rng: random.Random, worker_id: uuid.UUID, instrument: Instrument,
    when: datetime, skill: dict[str, float], finish: bool,
) -> None:
    settings = list(SETTING_WEIGHTS)
    setting = rng.choices(settings, weights=[SETTING_WEIGHTS[s] for s in settings])[0]
    ratings: Ratings = {}
    for group in instrument.groups:
        for item in group.items:
            value = _rating(rng, skill[group.id])
            note = rng.choice(EVIDENCE[value]) if rng.random() < 0.6 else None
            ratings[item.id] = (value, note)
    if not finish:
        # A draft interrupted part-way: the last few behaviors are still open.
        for item in instrument.items[-rng.randint(3, 8):]:
            ratings.pop(item.id, None)
        writer.observe(worker_id, instrument, setting, when, ratings)
        return
    notes = {"strengths": rng.choice(STRENGTHS), "growth_areas": rng.choice(GROWTH),
             "next_steps": rng.choice(NEXT_STEPS)}
    ended_at = when + timedelta(minutes=rng.randint(35, 110))
    writer.observe(worker_id, instrument, setting, when, ratings, notes=notes, ended_at=ended_at)


# Told (workers done, workers in all) as the demo is written.
Progress = Callable[[int, int], None]


class DemoService:
    """Sample data written into the open store, as the services would write it."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, author: Author,
                 workers: WorkerService, observations: ObservationService,
                 goals: GoalService) -> None:
        self._store = store
        self._catalog = catalog
        self._author = author
        self._workers = workers
        self._observations = observations
        self._goals = goals

    def generate(self, *, workers: int = 24, months: int = 12, seed: int = 7,
                 progress: Progress | None = None) -> DemoResult:
        """Fill the store with sample workers, observations (a few left as drafts) and goals.

        Written as the services would write it, a transaction per worker instead of one per
        call.
        """
        writer = BatchWriter(self._store.current, self._author, self._goals)
        return _write(writer, self._catalog.current, workers=workers, months=months, seed=seed,
                      progress=progress)

    def generate_by_calls(self, *, workers: int = 24, months: int = 12, seed: int = 7,
                          progress: Progress | None = None) -> DemoResult:
        """The same sample as generate, written through the services one call at a time
        (slow)."""
        writer = ServiceWriter(self._workers, self._observations, self._goals)
        return _write(writer, self._catalog.current, workers=workers, months=months, seed=seed,
                      progress=progress)


def _write(writer: SampleWriter, catalog: InstrumentCatalog, *, workers: int, months: int, seed: int,
           progress: Progress | None) -> DemoResult:
    rng = random.Random(seed)
    if progress is not None:
        progress(0, workers)
    practice = catalog.get(SHIPPED_PRACTICE)
    leadership = catalog.get(SHIPPED_LEADERSHIP)
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    pool = list(STAFF_NAMES) + [f"{name} ({n})" for n in range(2, 1 + workers // len(STAFF_NAMES) + 1)
                                for name in STAFF_NAMES]
    names = rng.sample(pool, workers)
    n_obs = n_drafts = n_goals = 0
    for index, name in enumerate(names):
        with writer.unit():
            supervisor = index % 6 == 5
            office = OFFICES[index % len(OFFICES)]
            worker_id = writer.add_worker(
                name, role="Supervisor" if supervisor else rng.choice(ROLES), office=office,
                unit=f"{office} Unit {1 + index % 2}", county=COUNTY,
            )
            if index % 11 == 10:
                writer.set_active(worker_id, False)
            instrument = leadership if supervisor else practice
            start = {g.id: rng.uniform(1.2, 2.2) for g in instrument.groups}
            growth = {g.id: rng.uniform(0.05, 0.14) for g in instrument.groups}
            first_month = rng.randint(0, max(0, months // 3))
            for month in range(first_month, months):
                for _ in range(rng.choice((1, 1, 2))):
                    days_ago = (months - month) * 30 - rng.randint(0, 27)
                    when = now - timedelta(days=days_ago, hours=rng.randint(0, 6))
                    skill = {g: start[g] + growth[g] * (month - first_month) for g in start}
                    _observe(writer, rng, worker_id, instrument, when, skill, finish=True)
                    n_obs += 1
            if index % 8 == 3:
                _observe(writer, rng, worker_id, instrument, now - timedelta(hours=2 + index),
                         start, finish=False)
                n_obs += 1
                n_drafts += 1
            weakest = min(start, key=lambda g: start[g])
            group = next(g for g in instrument.groups if g.id == weakest)
            writer.add_goal(
                worker_id, f"Grow in {group.label.lower()}: {group.items[0].label.lower()}.",
                [group.items[0].id], due_date=(now + timedelta(days=14 + index)).date(),
            )
            n_goals += 1
            if index % 3 == 0:
                met = writer.add_goal(worker_id, f"Practise: {group.items[-1].label.lower()}.",
                                      [group.items[-1].id],
                                      due_date=(now - timedelta(days=20)).date())
                writer.set_goal_status(met, GoalStatus.MET.value)
                n_goals += 1
        if progress is not None:
            progress(index + 1, workers)
    log.info("demo data written: %s workers, %s observations", workers, n_obs)
    return DemoResult(workers, n_obs, n_drafts, n_goals)
