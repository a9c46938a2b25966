"""Where each office stands: its latest implementation-supports profile and stage beside its
leaders' profile and its workers' practice trend, so a team can see whether practice moves where
supports are in place.

Decisions:
- An office is a (office, county) pair known from the workers or from an assessment.
- Supports: the office's latest finished implementation-supports assessment, per domain the
  share of its scored ratings at the top level (In place); "could not be assessed" is left out.
- Leadership: the latest finished leadership observation of each of the office's leaders
  (workers rated on a leadership instrument), pooled per domain.
- Practice: the office's workers' finished observations on the practice instrument, pooled by
  local month over the last `months` months, read in the newest version's groups (as the
  worker's trend reads them).
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import Score
from cfpm_coach.domain.trends import FINISHED
from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.errors import NotFoundError
from cfpm_coach.services import observation_views
from cfpm_coach.services.instrument_choice import InstrumentChoiceService
from cfpm_coach.services.observations import ObservationService
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.services.workers import WorkerService
from cfpm_coach.storage import observation_repo
from cfpm_coach.storage.types import utcnow
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.offices import AssessmentLine, DomainShare, MonthShare, OfficeStanding, OfficeStandings
from cfpm_coach.views.workers import WorkerView

if TYPE_CHECKING:
    from cfpm_coach.domain.catalog import InstrumentCatalog
    from cfpm_coach.reports.document import Paper

TREND_MONTHS = 12
EVERY_STATUS = tuple(status.value for status in ObservationStatus)
Place = tuple[str, str]  # (office, county)


def _latest(catalog_kind: str, catalog: "InstrumentCatalog") -> Instrument | None:
    found = [i for i in catalog.latest() if i.kind == catalog_kind]
    return sorted(found, key=lambda i: i.id)[0] if found else None


def _shares(instrument: Instrument, scores: Iterable[dict[str, Score]]) -> list[DomainShare]:
    """Pool group scores (each in the instrument's newest version) into one share per group."""
    observed: dict[str, int] = defaultdict(int)
    proficient: dict[str, int] = defaultdict(int)
    for by_group in scores:
        for group_id, score in by_group.items():
            observed[group_id] += score.observed
            proficient[group_id] += score.proficient
    return [DomainShare(g.id, g.label,
                        proficient[g.id] / observed[g.id] if observed[g.id] else None,
                        observed[g.id])
            for g in instrument.groups]


def _place_of(summary: ObservationSummary) -> Place:
    return (summary.office or "", summary.county or "")


def _leadership(instrument: Instrument | None, finished: list[ObservationSummary]
                ) -> list[DomainShare]:
    if instrument is None:
        return []
    latest: dict[uuid.UUID | None, ObservationSummary] = {}
    for obs in finished:  # newest first: the first seen of each leader is their latest
        if obs.instrument_id == instrument.id and obs.instrument_version <= instrument.version:
            latest.setdefault(obs.worker_id, obs)
    return _shares(instrument, [o.current_scores for o in latest.values()])


def _practice(instrument: Instrument | None, finished: list[ObservationSummary]
              ) -> list[MonthShare]:
    if instrument is None:
        return []
    pooled: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for obs in finished:
        if obs.instrument_id != instrument.id or obs.instrument_version > instrument.version:
            continue
        month = obs.started_at.astimezone().strftime("%Y-%m")
        for group in instrument.groups:  # the groups the overall score counts
            score = obs.current_scores.get(group.id)
            if score is not None and group.in_overall:
                pooled[month][0] += score.observed
                pooled[month][1] += score.proficient
    return [MonthShare(m, pooled[m][1] / pooled[m][0] if pooled[m][0] else None, pooled[m][0])
            for m in sorted(pooled)]


class OfficeStandingService:
    """Where each office stands, on screen and on paper."""

    def __init__(self, store: StoreSource, catalog: CatalogSource,
                 choice: InstrumentChoiceService, profile: ProfileService,
                 workers: WorkerService, observations: ObservationService) -> None:
        self._store = store
        self._catalog = catalog
        self._choice = choice
        self._profile = profile
        self._workers = workers
        self._observations = observations

    def standings(self, *, months: int = TREND_MONTHS, now: datetime | None = None,
                  only: Place | None = None) -> OfficeStandings:
        """Every office (or only one) with its supports, stage, leadership and practice trend."""
        catalog = self._catalog.current
        supports_instrument = _latest("implementation", catalog)
        leadership_instrument = _latest("leadership", catalog)
        practice = self._choice.practice()
        with self._store.current.read() as session:
            rows = observation_repo.office_assessments(session=session, statuses=EVERY_STATUS)
            assessments = observation_views.summaries(session, catalog, rows)
        by_place: dict[Place, list[ObservationSummary]] = defaultdict(list)
        lines: dict[Place, list[AssessmentLine]] = defaultdict(list)
        for summary in assessments:  # newest first
            lines[_place_of(summary)].append(AssessmentLine(
                summary.id, summary.started_at, summary.status, summary.implementation_stage))
            if summary.status in FINISHED and (supports_instrument is None
                                               or summary.instrument_id == supports_instrument.id):
                by_place[_place_of(summary)].append(summary)
        workers_by_place: dict[Place, list[WorkerView]] = defaultdict(list)
        for worker in self._workers.find():
            if worker.office:
                workers_by_place[(worker.office, worker.county)].append(worker)
        places = sorted(set(lines) | set(workers_by_place), key=lambda p: (p[1], p[0]))
        if only is not None:
            if only not in places:
                raise NotFoundError(f"No office {only[0]!r} in {only[1]!r} on this laptop")
            places = [only]
        since = (now or utcnow()) - timedelta(days=31 * months)
        standings = []
        for place in places:
            mine = by_place.get(place, [])
            workers = workers_by_place.get(place, [])
            found = self._observations.find(worker_ids=[w.id for w in workers], started_from=since) \
                if workers else []
            finished = [o for o in found if o.status in FINISHED]
            standings.append(OfficeStanding(
                office=place[0], county=place[1],
                assessed_at=mine[0].started_at if mine else None,
                stage=mine[0].implementation_stage if mine else None,
                supports=_shares(supports_instrument, [mine[0].current_scores])
                if mine and supports_instrument else [],
                leadership=_leadership(leadership_instrument, finished),
                leaders=len({o.worker_id for o in finished if leadership_instrument
                             and o.instrument_id == leadership_instrument.id}),
                practice=_practice(practice, finished),
                workers=len(workers), assessments=len(mine), lines=lines.get(place, [])))
        return OfficeStandings(
            offices=standings,
            supports_title=supports_instrument.title if supports_instrument else "",
            supports_level=supports_instrument.scale.level(
                supports_instrument.scale.proficient_threshold).label
            if supports_instrument else "",
            leadership_title=leadership_instrument.title if leadership_instrument else "",
            practice_title=practice.title if practice else "", months=months)

    def pdf(self, office: str, county: str, path: Path, *, paper: "Paper" = "letter",
            deterministic: bool = False) -> Path:
        """Write one office's standing as a PDF."""
        from cfpm_coach.reports import office_report

        standings = self.standings(only=(office, county))
        return office_report.render(standings, path, author=self._profile.coach().name,
                                    paper=paper, deterministic=deterministic)
