"""Build observation read models from rows: summaries for lists, details for one observation."""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.score_plan import ScorePlan
from cfpm_coach.domain.scoring import (
    EMPTY_SCORE,
    Score,
    on_scale,
    score_observation,
)
from cfpm_coach.errors import InstrumentError
from cfpm_coach.storage import observation_repo, profile_repo, worker_repo
from cfpm_coach.storage.models import Observation
from cfpm_coach.storage.observation_repo import ObservationLine, RatingValues
from cfpm_coach.views.observations import AmendmentView, ObservationDetail, ObservationSummary, RatingView

if TYPE_CHECKING:
    from sqlmodel import Session

# An observation as a list reads it: the ORM row, or its columns alone.
Listed = Observation | ObservationLine


def summaries(
    session: "Session", catalog: InstrumentCatalog, observations: Iterable[Listed],
    values: dict[uuid.UUID, RatingValues] | None = None,
) -> list[ObservationSummary]:
    """Summaries of many observations with two extra queries in all (names, ratings); one,
    when the caller read their rating values already."""
    rows = list(observations)
    if values is None:
        values = observation_repo.rating_values(session=session,
                                                observation_ids=[o.id for o in rows])
    coaches = profile_repo.coach_names(session=session)
    workers = worker_repo.names_of(session=session,
                                   worker_ids=list({o.worker_id for o in rows
                                                    if o.worker_id is not None}))
    return summaries_of(catalog, rows, values, workers, coaches)


def summaries_of(
    catalog: InstrumentCatalog, rows: Sequence[Listed], values: dict[uuid.UUID, RatingValues],
    workers: Mapping[uuid.UUID, str], coaches: Mapping[uuid.UUID, str],
) -> list[ObservationSummary]:
    """Summaries of observations whose ratings, workers' and coaches' names were read."""
    plans: dict[tuple[str, int], ScorePlan | None] = {}
    no_values: RatingValues = {}
    return [
        summary(catalog, obs, values.get(obs.id, no_values),
                workers.get(obs.worker_id, "") if obs.worker_id else office_name(obs),
                coaches.get(obs.coach_id, ""), plans)
        for obs in rows
    ]


def summary(
    catalog: InstrumentCatalog, obs: Listed, values: RatingValues, worker_name: str,
    coach_name: str, plans: dict[tuple[str, int], ScorePlan | None] | None = None,
) -> ObservationSummary:
    """One observation's summary line; plans keeps each instrument version's scoring plan
    across the summaries of one call."""
    plan = _plan(catalog, obs, {} if plans is None else plans)
    current: dict[str, Score] = {}
    groups: dict[str, Score] = {}
    if plan is None:
        title, score, rated, total = obs.instrument_id, EMPTY_SCORE, 0, 0
    else:
        title, total = plan.title, plan.total
        score, groups, rated, current = plan.scores(values)
    return ObservationSummary(
        id=obs.id, worker_id=obs.worker_id, worker_name=worker_name, coach_name=coach_name,
        instrument_id=obs.instrument_id, instrument_version=obs.instrument_version,
        instrument_title=title, setting=obs.setting, started_at=obs.started_at,
        ended_at=obs.ended_at, status=obs.status, score=score, group_scores=groups,
        rated=rated, total=total, current_scores=current,
        casework_component=getattr(obs, "casework_component", None),
        office=obs.office, county=obs.county, implementation_stage=obs.implementation_stage,
    )


def office_name(obs: Listed) -> str:
    """How an office's assessment names its subject: the office, then its county."""
    return ", ".join(part for part in (obs.office, obs.county) if part)


def detail(
    session: "Session", catalog: InstrumentCatalog, obs: Observation, editable: bool
) -> ObservationDetail:
    """Everything about one observation."""
    instrument = catalog.get(obs.instrument_id, obs.instrument_version)
    rows = observation_repo.ratings_of(session=session, observation_id=obs.id)
    ratings = {
        r.behavior_id: RatingView(r.behavior_id, r.value, r.note, r.updated_at)
        for r in rows if instrument.has_item(r.behavior_id)
    }
    values = {k: r.value for k, r in ratings.items()}
    worker = (worker_repo.get_worker(session=session, worker_id=obs.worker_id)
              if obs.worker_id is not None else None)
    coach = profile_repo.get_coach(session=session, coach_id=obs.coach_id)
    amendments = [
        AmendmentView(a.id, a.reason, a.opened_at, a.closed_at)
        for a in observation_repo.amendments_of(session=session, observation_id=obs.id)
    ]
    return ObservationDetail(
        summary=summary(catalog, obs, values,
                        worker.name if worker else office_name(obs),
                        coach.name if coach else ""),
        instrument=instrument, case_reference=obs.case_reference, co_observer=obs.co_observer,
        strengths=obs.strengths, growth_areas=obs.growth_areas, next_steps=obs.next_steps,
        finalized_at=obs.finalized_at, ratings=ratings, amendments=amendments,
        scores=score_observation(instrument, on_scale(instrument, values)), editable=editable,
        revision=obs.revision, pair_code=obs.pair_code,
    )



def ratings_in(catalog: InstrumentCatalog, target: Instrument,
               obs: "ObservationSummary | Listed",
               values: RatingValues) -> RatingValues | None:
    """An observation's ratings in target's behaviors (target a version at or after its own),
    through the crosswalk; None when they cannot be read there. Behaviors of target that
    continue none of the observation's are absent: not comparable."""
    try:
        own = catalog.get(obs.instrument_id, obs.instrument_version)
    except InstrumentError:
        return None
    return catalog.carried(obs.instrument_id, obs.instrument_version, on_scale(own, values),
                           target)


def carried_into(catalog: InstrumentCatalog, target: Instrument,
                 observations: Iterable["ObservationSummary | Listed"],
                 values: Mapping[uuid.UUID, RatingValues]
                 ) -> dict[uuid.UUID, RatingValues | None]:
    """ratings_in of each observation, by id, with each version's crosswalk worked out once
    (ScorePlan) when target is the newest version of its instrument."""
    if catalog.get(target.id).key != target.key:
        return {obs.id: ratings_in(catalog, target, obs, values.get(obs.id, {}))
                for obs in observations}
    plans: dict[tuple[str, int], ScorePlan | None] = {}
    carried: dict[uuid.UUID, RatingValues | None] = {}
    for obs in observations:
        plan = _plan(catalog, obs, plans) if obs.instrument_id == target.id else None
        carried[obs.id] = None if plan is None else plan.carried(values.get(obs.id, {}))
    return carried


def _plan(catalog: InstrumentCatalog, obs: "ObservationSummary | Listed",
          plans: dict[tuple[str, int], ScorePlan | None]) -> ScorePlan | None:
    """The scoring plan of the observation's instrument version, made once per call in plans
    (None: a version this installation does not have)."""
    key = (obs.instrument_id, obs.instrument_version)
    if key not in plans:
        try:
            plans[key] = ScorePlan(catalog, catalog.get(*key))
        except InstrumentError:
            plans[key] = None
    return plans[key]
