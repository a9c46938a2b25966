"""A worker's history and the worker report score every observation exactly as the scoring
rules say: the same figures as scoring each observation whole (score_observation on its own
version) and carrying it through the crosswalk into the newest version (catalog.carried), on a
seeded mix of v1 and v2 observations with unrated, 'no opportunity' and partial ratings."""

import random
from datetime import UTC, date, datetime, timedelta

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.scoring import Score, on_scale, score_observation, score_values
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import observation_repo
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.workers import WorkerView

VALUES = (None, 0, 1, 2, 2, 3, 3, 3)  # unrated, no opportunity, the three scored levels


def _seed(ws: Workspace, worker: WorkerView, count: int, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(count):
        version = rng.choice((1, 2))
        instrument = ws.catalog.get("cpm-practice", version)
        obs = ws.observations.start(worker.id, "cpm-practice", "home_visit",
                                    started_at=datetime.now(UTC) - timedelta(days=3 * n + 1),
                                    instrument_version=version)
        # Some behaviors never rated at all (no row), some rated then cleared (a None row).
        rated = {item.id: (rng.choice(VALUES), None) for item in instrument.items
                 if rng.random() < 0.9}
        ws.observations.rate_many(obs.id, rated)
        if rng.random() < 0.7:
            ws.observations.finalize(obs.id, allow_partial=True)


def _expected(catalog: InstrumentCatalog, summary: ObservationSummary,
              values: dict[str, int | None]) -> tuple[object, ...]:
    """The figures by the plain rules, one observation at a time."""
    own = catalog.get(summary.instrument_id, summary.instrument_version)
    latest = catalog.get(summary.instrument_id)
    ratings = on_scale(own, values)
    scores = score_observation(own, ratings)
    carried = catalog.carried(own.id, own.version, ratings, latest) or {}
    current: dict[str, Score] = (
        scores.by_group if latest.version == own.version else
        {group.id: score_values((carried.get(item.id) for item in group.items), latest.scale)
         for group in latest.groups if any(item.id in carried for item in group.items)})
    return (scores.overall, scores.by_group, scores.rated + scores.no_opportunity,
            len(own.items), current)


def _figures(summary: ObservationSummary) -> tuple[object, ...]:
    return (summary.score, summary.group_scores, summary.rated, summary.total,
            summary.current_scores)


def test_history_scores_equal_the_plain_rules_on_a_seeded_mix_of_versions(
        workspace: Workspace, worker: WorkerView) -> None:
    _seed(workspace, worker, 24, seed=7)
    history = workspace.workers.history(worker.id)
    assert len(history.observations) == 24
    assert {o.instrument_version for o in history.observations} == {1, 2}
    with workspace.store.read() as session:
        values = observation_repo.rating_values(
            session=session, observation_ids=[o.id for o in history.observations])
    for summary in history.observations:
        assert _figures(summary) == _expected(workspace.catalog, summary,
                                              values.get(summary.id, {})), summary.id
    # The seed reaches the cases that matter: carried scores, empty groups, partial ratings.
    assert any(o.current_scores and o.instrument_version == 1 for o in history.observations)
    assert any(not s.has_data for o in history.observations for s in o.group_scores.values())
    assert any(o.rated < o.total for o in history.observations)


def test_worker_report_carries_each_observation_as_the_crosswalk_says(
        workspace: Workspace, worker: WorkerView) -> None:
    _seed(workspace, worker, 16, seed=11)
    report = workspace.reports.worker_data(worker.id, date.today() - timedelta(days=400),
                                           date.today() + timedelta(days=1))
    latest = workspace.catalog.get("cpm-practice")
    assert report.instrument == latest and report.observations
    with workspace.store.read() as session:
        values = observation_repo.rating_values(
            session=session, observation_ids=[o.id for o in report.observations])
    collected: dict[str, dict[str, list[int | None]]] = {}
    for obs in report.observations:
        own = workspace.catalog.get(obs.instrument_id, obs.instrument_version)
        carried = workspace.catalog.carried(own.id, own.version,
                                            on_scale(own, values.get(obs.id, {})), latest)
        assert carried is not None
        month = obs.started_at.astimezone().strftime("%Y-%m")  # local months, as the report
        for behavior_id, value in carried.items():
            collected.setdefault(behavior_id, {}).setdefault(month, []).append(value)
        assert _figures(obs) == _expected(workspace.catalog, obs, values.get(obs.id, {}))
    assert report.behavior_months == {
        behavior_id: {m: score_values(v, latest.scale) for m, v in months.items()}
        for behavior_id, months in collected.items()}
