"""Inter-rater agreement from co-observed visits: per visit, per pair of coaches, per behavior."""

import uuid
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING

from cfpm_coach.domain.agreement import krippendorff_alpha_ordinal, pair_agreement
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.vocabulary import FINISHED
from cfpm_coach.services.observation_views import office_name, ratings_in
from cfpm_coach.storage import observation_repo, profile_repo, worker_repo
from cfpm_coach.views.agreement import AgreementReport, BehaviorAgreement, CoachPairAgreement, VisitAgreement

if TYPE_CHECKING:
    from cfpm_coach.domain.catalog import InstrumentCatalog
    from cfpm_coach.storage.store import Store


def agreement_report(store: "Store", catalog: "InstrumentCatalog", instrument: Instrument
                     ) -> AgreementReport:
    """Group finished observations on instrument by pair code and compare the coaches who
    rated each visit."""
    scored = list(instrument.scale.scored_values)
    with store.read() as session:
        observations = observation_repo.paired_observations(
            session=session, instrument_id=instrument.id, statuses=FINISHED)
        raw = observation_repo.rating_values(session=session,
                                             observation_ids=[o.id for o in observations])
        # Each rating read in the newest version's behaviors (the crosswalk): a visit rated
        # on an earlier version compares where its behaviors carry over.
        values = {o.id: ratings_in(catalog, instrument, o, raw.get(o.id, {})) or {}
                  for o in observations}
        names = profile_repo.coach_names(session=session)
        subject_names = {}  # by observation: its worker, or the office it assessed
        for obs in observations:
            worker = (worker_repo.get_worker(session=session, worker_id=obs.worker_id)
                      if obs.worker_id is not None else None)
            subject_names[obs.id] = worker.name if worker else office_name(obs)
        groups: dict[str, dict[uuid.UUID, tuple[uuid.UUID, datetime]]] = defaultdict(dict)
        for obs in observations:  # oldest first: a coach's later rating of a visit replaces it
            assert obs.pair_code is not None
            groups[obs.pair_code][obs.coach_id] = (obs.id, obs.started_at)
    items = [item.id for item in instrument.items]
    visits, per_pair, per_behavior = [], defaultdict(list), defaultdict(list)
    for code, by_coach in groups.items():
        if len(by_coach) < 2:
            continue
        raters = sorted(by_coach, key=lambda c: (names.get(c, ""), str(c)))
        columns = {c: [values.get(by_coach[c][0], {}).get(i) for i in items] for c in raters}
        first, second = columns[raters[0]], columns[raters[1]]
        units = [{str(c): columns[c][n] for c in raters} for n in range(len(items))]
        first_id, started_at = by_coach[raters[0]]
        visit = VisitAgreement(
            code, subject_names.get(first_id, ""), started_at,
            [names.get(c, "") for c in raters], [by_coach[c][0] for c in raters],
            pair_agreement(first, second, scored), krippendorff_alpha_ordinal(units, scored))
        visits.append(visit)
        per_pair[(visit.coaches[0], visit.coaches[1])].append((started_at, first, second))
        for n, behavior_id in enumerate(items):
            per_behavior[behavior_id].append((first[n], second[n]))
    visits.sort(key=lambda v: v.started_at, reverse=True)
    return AgreementReport(instrument, visits, _coach_pairs(per_pair, scored),
                           _behaviors(instrument, per_behavior, scored))


def _coach_pairs(per_pair: dict[tuple[str, str], list[tuple[datetime, list[int | None],
                                                          list[int | None]]]],
                 scored: list[int]) -> list[CoachPairAgreement]:
    found = []
    for coaches, shared in sorted(per_pair.items()):
        months: dict[str, tuple[list[int | None], list[int | None]]] = {}
        for started_at, first, second in shared:
            month = months.setdefault(started_at.astimezone().strftime("%Y-%m"), ([], []))
            month[0].extend(first)
            month[1].extend(second)
        pooled_first = [v for _, first, _ in shared for v in first]
        pooled_second = [v for _, _, second in shared for v in second]
        found.append(CoachPairAgreement(
            coaches, len(shared), pair_agreement(pooled_first, pooled_second, scored),
            [(m, pair_agreement(a, b, scored)) for m, (a, b) in sorted(months.items())]))
    return found


def _behaviors(instrument: Instrument,
               per_behavior: dict[str, list[tuple[int | None, int | None]]],
               scored: list[int]) -> list[BehaviorAgreement]:
    rows = []
    for item in instrument.items:
        pairs = [(a, b) for a, b in per_behavior.get(item.id, [])
                 if a in scored and b in scored]
        if not pairs:
            rows.append(BehaviorAgreement(item.id, item.label, 0, None, None, None))
            continue
        rows.append(BehaviorAgreement(
            item.id, item.label, len(pairs),
            sum(1 for a, b in pairs if a == b) / len(pairs),
            sum(1 for a, b in pairs if abs(a - b) <= 1) / len(pairs),
            sum(abs(a - b) for a, b in pairs) / len(pairs)))
    # Most disagreement first; behaviors nobody could compare go last.
    rows.sort(key=lambda r: (r.items == 0, r.exact if r.exact is not None else 1.0,
                             -(r.mean_difference or 0.0)))
    return rows
