"""Gather the read models each report prints, then hand them to the Qt-free renderers."""

import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import Score, score_values
from cfpm_coach.domain.trends import monthly_trend, scores_in
from cfpm_coach.domain.vocabulary import FINISHED, GoalStatus
from cfpm_coach.errors import InvalidInputError, NotFoundError
from cfpm_coach.services.goals import GoalService
from cfpm_coach.services.instrument_choice import InstrumentChoiceService
from cfpm_coach.services.observation_views import carried_into, ratings_in, summaries_of
from cfpm_coach.services.observations import ObservationService
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.services.workers import WorkerService
from cfpm_coach.storage import observation_repo, profile_repo
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.reports import ObservationReport, UnitReport, UnitWorkerRow, WorkerReport
from cfpm_coach.views.workers import WorkerView

if TYPE_CHECKING:
    from cfpm_coach.reports.document import Paper
    from cfpm_coach.views.agreement import AgreementReport
    from cfpm_coach.views.leadership import LeadershipComparison

STALE_DAYS = 60
ALL_OFFICES = "All offices"


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start:
        raise InvalidInputError("period: the end date is before the start date")
    local = datetime.now().astimezone().tzinfo
    return (datetime.combine(start, time(), local).astimezone(UTC),
            datetime.combine(end + timedelta(days=1), time(), local).astimezone(UTC))


def _month(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m")


class ReportService:
    """Build report read models and write the PDFs."""

    def __init__(self, store: StoreSource, catalog: CatalogSource,
                 choice: InstrumentChoiceService, profile: ProfileService,
                 workers: WorkerService, observations: ObservationService,
                 goals: GoalService) -> None:
        self._store = store
        self._catalog = catalog
        self._choice = choice
        self._profile = profile
        self._workers = workers
        self._observations = observations
        self._goals = goals

    # -- data --------------------------------------------------------------------------------

    def observation_data(self, observation_id: uuid.UUID) -> ObservationReport:
        """An observation with its worker and the goals agreed in it (else the open ones)."""
        detail = self._observations.get(observation_id)
        summary = detail.summary
        if summary.worker_id is None:  # an office's assessment: its place, and no goals
            place = WorkerView(observation_id, summary.worker_name, "", "", summary.office or "",
                               summary.county or "", True)
            return ObservationReport(detail, place, [])
        worker = self._workers.get(summary.worker_id)
        goals = self._goals.of_worker(worker.id)
        agreed = [g for g in goals if g.observation_id == observation_id]
        return ObservationReport(detail, worker, agreed or [g for g in goals if g.status == GoalStatus.OPEN])

    def _instrument_for(self, observations: list[ObservationSummary],
                        instrument_id: str | None) -> Instrument:
        if instrument_id is not None:
            return self._catalog.current.get(instrument_id)
        used = Counter(o.instrument_id for o in observations)
        if used:
            return self._catalog.current.get(used.most_common(1)[0][0])
        practice = self._choice.practice()
        if practice is None:
            raise NotFoundError("No practice instrument is installed")
        return practice

    def worker_data(self, worker_id: uuid.UUID, start: date, end: date,
                    instrument_id: str | None = None) -> WorkerReport:
        """A worker's finished observations in the period, by setting, month and behavior."""
        began, ended = _bounds(start, end)
        worker = self._workers.get(worker_id)
        catalog = self._catalog.current
        # One read: the finished observations as columns, their ratings read once and used
        # for the summaries' scores and the behavior grid alike.
        with self._store.current.read() as session:
            lines = [line for line in observation_repo.observation_lines(
                session=session, worker_id=worker_id, started_from=began,
                started_before=ended) if line.status in FINISHED]
            values = observation_repo.rating_values(session=session,
                                                    observation_ids=[o.id for o in lines])
            coaches = profile_repo.coach_names(session=session)
            finished = summaries_of(catalog, lines, values, {worker.id: worker.name}, coaches)
            instrument = self._instrument_for(finished, instrument_id)
            carried = carried_into(catalog, instrument, finished, values)
            finished = [o for o in finished if carried[o.id] is not None]
            latest = finished[0] if finished else None
            next_steps = (observation_repo.next_steps_of(session=session,
                                                         observation_id=latest.id)
                          if latest else "")
        month_of = {o.id: _month(o.started_at) for o in finished}
        collected: dict[str, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
        comparable: dict[str, set[str]] = defaultdict(set)
        for obs in finished:
            month = month_of[obs.id]
            for behavior_id, value in (carried[obs.id] or {}).items():
                comparable[month].add(behavior_id)
                collected[behavior_id][month].append(value)
        behavior_months: dict[str, dict[str, Score]] = {
            behavior_id: {m: score_values(v, instrument.scale) for m, v in months.items()}
            for behavior_id, months in collected.items()
        }
        months = set(month_of.values())
        return WorkerReport(
            worker=worker, instrument=instrument, start=start, end=end, observations=finished,
            by_setting=dict(Counter(o.setting for o in finished)),
            months=sorted(months),
            behavior_months=behavior_months, goals=self._goals.of_worker(worker_id),
            last_next_steps=next_steps, last_next_steps_at=latest.started_at if latest else None,
            not_comparable=frozenset((item.id, m) for item in instrument.items
                                     for m in months if item.id not in comparable[m]),
            trend=monthly_trend(instrument, finished),
        )

    def unit_data(self, office: str | None, start: date, end: date,
                  instrument_id: str | None = None) -> UnitReport:
        """An office's workers (every office's, for None) by element, activity and rare behaviors."""
        began, ended = _bounds(start, end)
        workers = [w for w in self._workers.find(office=office)]
        if not workers:
            raise NotFoundError(f"No workers in the office {office!r}" if office is not None
                                else "No workers yet")
        instrument = (self._catalog.current.get(instrument_id) if instrument_id
                      else self._choice.practice())
        if instrument is None:
            raise NotFoundError("No practice instrument is installed")
        found = self._observations.find(worker_ids=[w.id for w in workers],
                                           started_from=began, started_before=ended)
        finished = [o for o in found if o.status in FINISHED and o.instrument_id == instrument.id
                    and o.instrument_version <= instrument.version]
        by_worker: dict[uuid.UUID, list[ObservationSummary]] = defaultdict(list)
        for obs in finished:
            if obs.worker_id is not None:  # always: found by its workers
                by_worker[obs.worker_id].append(obs)
        rows = []
        for worker in workers:
            mine = by_worker.get(worker.id, [])
            latest = scores_in(instrument, mine[0]) if mine else {}
            earliest = scores_in(instrument, mine[-1]) if len(mine) > 1 else {}
            latest_share = {g.id: latest[g.id].share_proficient if g.id in latest else None
                            for g in instrument.groups}
            change: dict[str, float | None] = {}
            for group in instrument.groups:
                now, then = latest_share[group.id], (
                    earliest[group.id].share_proficient if group.id in earliest else None)
                change[group.id] = None if now is None or then is None else now - then
            # A group absent from the latest observation's scores continues none of the
            # behaviors of the version it was rated on: "not comparable", not "no data".
            not_comparable = frozenset(g.id for g in instrument.groups
                                       if mine and g.id not in latest)
            rows.append(UnitWorkerRow(worker, len(mine), latest_share, change, not_comparable))
        cutoff = ended - timedelta(days=STALE_DAYS)
        stale = [w for w in workers if w.active and
                 (w.last_observed_at is None or w.last_observed_at < cutoff)]
        with self._store.current.read() as session:
            values = observation_repo.rating_values(session=session,
                                                    observation_ids=[o.id for o in finished])
        pooled: dict[str, list[int | None]] = {item.id: [] for item in instrument.items}
        comparable: Counter[str] = Counter()
        for obs in finished:
            for behavior_id, value in (ratings_in(self._catalog.current, instrument, obs,
                                                  values.get(obs.id, {})) or {}).items():
                pooled[behavior_id].append(value)
                comparable[behavior_id] += 1
        return UnitReport(
            office=office if office is not None else ALL_OFFICES, instrument=instrument,
            start=start, end=end, rows=rows,
            not_observed_lately=stale, stale_days=STALE_DAYS,
            behavior_scores={b: score_values(v, instrument.scale) for b, v in pooled.items()},
            observations=len(finished),
            behavior_comparable={item.id: comparable[item.id] for item in instrument.items},
        )

    def agreement(self, instrument_id: str | None = None) -> "AgreementReport":
        """Inter-rater agreement over every co-observed visit, on instrument_id or the practice
        instrument."""
        from cfpm_coach.services.agreement_views import agreement_report

        instrument = (self._catalog.current.get(instrument_id) if instrument_id
                      else self._choice.practice())
        if instrument is None:
            raise NotFoundError("No practice instrument is installed")
        return agreement_report(self._store.current, self._catalog.current, instrument)

    def self_vs_others(self, worker_id: uuid.UUID, now: datetime | None = None
                       ) -> "LeadershipComparison":
        """A leader's latest self-assessment against others' ratings of the last year."""
        from cfpm_coach.services import leadership

        instrument = self._catalog.current.get(leadership.INSTRUMENT)
        return leadership.self_vs_others(
            self._store.current, instrument, self._workers.get(worker_id),
            self._observations.find(worker_id=worker_id), now)

    # -- PDFs --------------------------------------------------------------------------------

    def _author(self) -> str:
        return self._profile.coach().name

    # ReportLab loads with the first report, not at start-up (about 140 ms of imports).

    def observation_pdf(self, observation_id: uuid.UUID, path: Path, *,
                        paper: "Paper" = "letter", deterministic: bool = False) -> Path:
        """Write the observation record."""
        from cfpm_coach.reports import observation_report

        return observation_report.render(self.observation_data(observation_id), path,
                                         author=self._author(), paper=paper,
                                         deterministic=deterministic)

    def worker_pdf(self, worker_id: uuid.UUID, start: date, end: date, path: Path, *,
                   instrument_id: str | None = None, paper: "Paper" = "letter",
                   deterministic: bool = False) -> Path:
        """Write the worker coaching summary."""
        from cfpm_coach.reports import worker_report

        data = self.worker_data(worker_id, start, end, instrument_id)
        return worker_report.render(data, path, author=self._author(), paper=paper,
                                    deterministic=deterministic)

    def unit_pdf(self, office: str | None, start: date, end: date, path: Path, *,
                 instrument_id: str | None = None, paper: "Paper" = "letter",
                 deterministic: bool = False, author: str | None = None) -> Path:
        """Write the unit summary (of every office for None)."""
        from cfpm_coach.reports import unit_report

        data = self.unit_data(office, start, end, instrument_id)
        return unit_report.render(data, path, author=author or self._author(), paper=paper,
                                  deterministic=deterministic)

    def agreement_pdf(self, path: Path, *, paper: "Paper" = "letter",
                      deterministic: bool = False, author: str | None = None) -> Path:
        """Write the inter-rater agreement report over every co-observed visit."""
        from cfpm_coach.reports import agreement_report

        return agreement_report.render(self.agreement(), path, author=author or self._author(),
                                       paper=paper, deterministic=deterministic)

    def leadership_pdf(self, worker_id: uuid.UUID, path: Path, *, paper: "Paper" = "letter",
                       deterministic: bool = False) -> Path:
        """Write a leader's self-assessment next to others' ratings."""
        from cfpm_coach.reports import leadership_report

        return leadership_report.render(self.self_vs_others(worker_id), path,
                                        author=self._author(), paper=paper,
                                        deterministic=deterministic)
