"""A worker's page and the worker coaching summary read their observations as columns, once,
and work the worker's own figures out of them: every figure must equal what the reads they
replaced gave (ORM rows and a summary per observation, the worker row's own queries, focus and
the report reading and carrying ratings one observation at a time), on a seeded store mixing
instrument versions, drafts, amendments, deleted observations, cleared ratings, goals, a
finished observation with no ratings and two sharing a start time."""

import random
import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import Score, score_values
from cfpm_coach.domain.trends import monthly_trend
from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.errors import NotFoundError
from cfpm_coach.services import focus, observation_views
from cfpm_coach.services.report_data import _bounds
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import observation_repo, records, worker_repo
from cfpm_coach.storage.models import Observation
from cfpm_coach.views.history import FocusSuggestion, WorkerHistory
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.reports import WorkerReport
from cfpm_coach.views.workers import WorkerView

VALUES = (None, 0, 1, 2, 2, 3, 3, 3)  # unrated, no opportunity, the three scored levels
NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
PERIOD = (date(2024, 1, 1), date(2026, 12, 31))


def _observe(ws: Workspace, worker: WorkerView, rng: random.Random, started: datetime,
             version: int, *, ratings: bool = True) -> uuid.UUID:
    instrument = ws.catalog.get("cpm-practice", version)
    obs = ws.observations.start(worker.id, "cpm-practice", rng.choice(("home_visit", "court")),
                                started_at=started, instrument_version=version)
    if ratings:
        # Some behaviors never rated (no row), some rated then cleared (a None row).
        ws.observations.rate_many(obs.id, {item.id: (rng.choice(VALUES), None)
                                           for item in instrument.items if rng.random() < 0.9})
    return obs.id


def _seed(ws: Workspace, worker: WorkerView, count: int, seed: int) -> None:
    """A mix of v1 and v2 observations: finished, amended, drafts, discarded, deleted."""
    rng = random.Random(seed)
    for n in range(count):
        obs_id = _observe(ws, worker, rng, NOW - timedelta(days=9 * n + 1), rng.choice((1, 2)))
        fate = rng.random()
        if fate < 0.1:
            ws.observations.discard_draft(obs_id)
            continue
        if fate < 0.25:
            continue  # left a draft
        ws.observations.write_notes(obs_id, next_steps=f"steps {n}")
        ws.observations.finalize(obs_id, allow_partial=True)
        if fate < 0.4:
            ws.observations.amend(obs_id, "A rating was mistyped")  # amended, still open
        elif fate < 0.5:
            ws.observations.amend(obs_id, "A rating was mistyped")
            ws.observations.finalize(obs_id, allow_partial=True)
        elif fate < 0.55:
            with ws.store.write() as session:  # deleted (as a sync from another device does)
                row = observation_repo.get_observation(session=session, observation_id=obs_id)
                assert row is not None
                records.tombstone(session, ws.author, row)
    behaviors = [item.id for item in ws.catalog.get("cpm-practice").items]
    ws.goals.add(worker.id, "Ask about the family's strengths first", behaviors[:2],
                 due_date=date(2026, 7, 1))
    ws.goals.add(worker.id, "Summarise the plan at the end", behaviors[2:3])


def _listed(ws: Workspace, worker_id: uuid.UUID) -> WorkerView:
    """The worker as a page of the worker list figures them: its queries rank the workers'
    finished observations (what WorkerService.get read before it read the newest alone)."""
    (view,) = ws.workers.figures([worker_id])
    return view


def _old_observations(session: Session, worker_id: uuid.UUID, started_from: datetime | None = None,
                      started_before: datetime | None = None) -> list[Observation]:
    """observation_repo.list_observations as it was: the worker's live observations as ORM
    rows, newest first."""
    query = select(Observation).where(col(Observation.deleted_at).is_(None),
                                      col(Observation.worker_id) == worker_id)
    if started_from is not None:
        query = query.where(col(Observation.started_at) >= started_from)
    if started_before is not None:
        query = query.where(col(Observation.started_at) < started_before)
    return list(session.exec(query.order_by(col(Observation.started_at).desc())))


def _old_focus(ws: Workspace, practice: Instrument | None,
               observations: list[ObservationSummary]
               ) -> tuple[list[FocusSuggestion], dict[str, list[int | None]]]:
    """focus as it read before: the observations' ratings read again from the store."""
    if practice is None:
        return [], {}
    with ws.store.read() as session:
        values = observation_repo.rating_values(
            session=session, observation_ids=[o.id for o in observations])
    return focus.analyse(ws.catalog, practice, observations, values)


def _old_history(ws: Workspace, worker_id: uuid.UUID) -> WorkerHistory:
    """The page as it was read before: ORM rows, a summary per observation, the worker row's
    own queries, focus reading its ratings again."""
    catalog = ws.catalog
    with ws.store.read() as session:
        rows = _old_observations(session, worker_id=worker_id)
        observations = observation_views.summaries(session, catalog, rows)
    practice = ws.practice_instrument()
    suggestions, recent = _old_focus(ws, practice, observations)
    return WorkerHistory(
        worker=_listed(ws, worker_id), observations=observations,
        goals=ws.goals.of_worker(worker_id), focus=suggestions, recent_ratings=recent,
        behavior_labels=catalog.behavior_labels(),
        trend=monthly_trend(practice, observations) if practice is not None else None)


def _old_worker_data(ws: Workspace, worker_id: uuid.UUID) -> WorkerReport:
    """The worker summary's data as it was gathered before: a summary per observation, each
    observation's ratings carried one at a time (catalog.carried), the latest one's detail."""
    start, end = PERIOD
    began, ended = _bounds(start, end)
    catalog = ws.catalog
    with ws.store.read() as session:
        rows = _old_observations(session, worker_id=worker_id, started_from=began,
                                 started_before=ended)
        found = observation_views.summaries(session, catalog, rows)
    finished = [o for o in found if o.status in FINISHED]
    used = Counter(o.instrument_id for o in finished)
    instrument = catalog.get(used.most_common(1)[0][0])
    with ws.store.read() as session:
        values = observation_repo.rating_values(session=session,
                                                observation_ids=[o.id for o in finished])
    carried = {o.id: observation_views.ratings_in(catalog, instrument, o, values.get(o.id, {}))
               for o in finished}
    finished = [o for o in finished if carried[o.id] is not None]
    collected: dict[str, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
    comparable: dict[str, set[str]] = defaultdict(set)
    for obs in finished:
        month = obs.started_at.astimezone().strftime("%Y-%m")
        for behavior_id, value in (carried[obs.id] or {}).items():
            comparable[month].add(behavior_id)
            collected[behavior_id][month].append(value)
    behavior_months: dict[str, dict[str, Score]] = {
        b: {m: score_values(v, instrument.scale) for m, v in months.items()}
        for b, months in collected.items()}
    months = {o.started_at.astimezone().strftime("%Y-%m") for o in finished}
    latest = finished[0] if finished else None
    return WorkerReport(
        worker=_listed(ws, worker_id), instrument=instrument, start=start, end=end,
        observations=finished, by_setting=dict(Counter(o.setting for o in finished)),
        months=sorted(months), behavior_months=behavior_months,
        goals=ws.goals.of_worker(worker_id),
        last_next_steps=ws.observations.get(latest.id).next_steps if latest else "",
        last_next_steps_at=latest.started_at if latest else None,
        not_comparable=frozenset((item.id, m) for item in instrument.items for m in months
                                 if item.id not in comparable[m]),
        trend=monthly_trend(instrument, finished))


@pytest.fixture
def mixed(workspace: Workspace) -> list[WorkerView]:
    """Workers of every kind the fast reads must agree on."""
    ws = workspace
    seeded = ws.workers.add("Seeded Mix")
    _seed(ws, seeded, 24, seed=5)
    rng = random.Random(9)
    # Two finished observations with the same start time: which is latest is the database's.
    tied = ws.workers.add("Same Start")
    for version in (1, 2):
        obs_id = _observe(ws, tied, rng, NOW - timedelta(days=3), version)
        ws.observations.finalize(obs_id, allow_partial=True)
    # The latest finished observation has no rating rows at all (an earlier one has).
    bare = ws.workers.add("No Ratings Latest")
    for days, ratings in ((40, True), (2, False)):
        obs_id = _observe(ws, bare, rng, NOW - timedelta(days=days), 2, ratings=ratings)
        ws.observations.finalize(obs_id, allow_partial=True)
    # Only earlier-version observations: the element shares are carried through the crosswalk.
    earlier = ws.workers.add("Version One Only")
    for days in (5, 50):
        obs_id = _observe(ws, earlier, rng, NOW - timedelta(days=days), 1)
        ws.observations.finalize(obs_id, allow_partial=True)
    never = ws.workers.add("Never Observed")
    return [seeded, tied, bare, earlier, never]


def test_history_equals_the_reads_it_replaced(workspace: Workspace,
                                              mixed: list[WorkerView]) -> None:
    for worker in mixed:
        assert workspace.workers.history(worker.id) == _old_history(workspace, worker.id), \
            worker.name
        assert workspace.workers.get(worker.id) == _listed(workspace, worker.id), worker.name
    # The same with an earlier version of the practice instrument chosen: the latest
    # observations, rated on a newer one, give the worker no element shares.
    workspace.choose_practice_instrument("cpm-practice", 1)
    for worker in mixed:
        assert workspace.workers.history(worker.id) == _old_history(workspace, worker.id), \
            worker.name
        assert workspace.workers.get(worker.id) == _listed(workspace, worker.id), worker.name
    workspace.choose_practice_instrument("cpm-practice", 2)
    page = workspace.workers.history(mixed[0].id)
    # The seed reaches the cases that matter.
    statuses = Counter(o.status for o in page.observations)
    assert set(statuses) == {"draft", "final", "amended"}, statuses
    assert {o.instrument_version for o in page.observations} == {1, 2}
    assert page.worker.element_scores and page.focus and page.goals and page.trend
    assert page.worker.observation_count == len(page.observations)
    assert workspace.workers.history(mixed[3].id).worker.element_scores  # carried shares
    assert workspace.workers.history(mixed[4].id).worker.observation_count == 0


def test_worker_summary_data_equals_the_reads_it_replaced(
        workspace: Workspace, mixed: list[WorkerView]) -> None:
    for worker in mixed[:4]:
        report = workspace.reports.worker_data(worker.id, *PERIOD)
        assert report == _old_worker_data(workspace, worker.id), worker.name
    report = workspace.reports.worker_data(mixed[0].id, *PERIOD)
    assert report.last_next_steps.startswith("steps ")
    assert report.not_comparable and report.behavior_months
    assert {o.instrument_version for o in report.observations} == {1, 2}


def test_history_of_a_deleted_worker_is_refused(workspace: Workspace,
                                                worker: WorkerView) -> None:
    _observe(workspace, worker, random.Random(1), NOW, 2)
    with workspace.store.write() as session:
        row = worker_repo.get_worker(session=session, worker_id=worker.id)
        assert row is not None
        records.tombstone(session, workspace.author, row)
    with pytest.raises(NotFoundError, match="no longer exists"):
        workspace.workers.history(worker.id)
