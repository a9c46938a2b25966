"""The leadership instrument's self-vs-others figures and the co-observation agreement, as the
dashboard's tables. Both come from the service the hub's PDFs use (ReportService.self_vs_others
and .agreement): nothing here computes a share, a kappa or an alpha."""

import uuid
from dataclasses import dataclass

from cfpm_coach.domain.agreement import PairAgreement
from cfpm_coach.errors import ForbiddenError
from cfpm_coach.hub.accounts import Scope
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web.tables import Table
from cfpm_coach.services import leadership
from cfpm_coach.storage import drilldown_repo

AGREEMENT_FIGURES = ["items compared", "exact", "within one level", "kappa (linear)",
                     "kappa (quadratic)"]


def _percent(share: float | None) -> str:
    return "none" if share is None else f"{share * 100:.0f}%"


def _decimal(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f}"


def _figures(agreement: PairAgreement) -> list[object]:
    return [agreement.items, _percent(agreement.exact), _percent(agreement.within_one),
            _decimal(agreement.kappa_linear), _decimal(agreement.kappa_quadratic)]


@dataclass(frozen=True)
class Leadership:
    """The leadership page: each leader in scope, their self-assessment against others'."""

    leaders: int
    groups: Table
    behaviors: Table


@dataclass(frozen=True)
class Agreement:
    """The agreement page: coach pairs, behaviors to calibrate first, co-observed visits."""

    instrument_title: str
    pairs: Table
    behaviors: Table
    visits: Table


def leadership_figures(hub: Hub, scope: Scope, only: uuid.UUID | None = None) -> Leadership:
    """Self vs others for every leader with finished leadership observations in the scope (or
    for one of them)."""
    with hub.store.read() as session:
        leaders = [(w.id, w.name, w.office) for w in drilldown_repo.observed_workers(
            session=session, instrument_id=leadership.INSTRUMENT)
            if scope.admits(w.county, w.office) and only in (None, w.id)]
    groups, behaviors, links = [], [], []
    for leader_id, name, office in leaders:
        found = hub.records.reports.self_vs_others(leader_id)
        for group in found.groups:
            groups.append([name, office, group.label,
                           _percent(group.self_score.share_proficient),
                           _percent(group.others_score.share_proficient),
                           "none" if group.gap is None else f"{group.gap * 100:+.0f} points",
                           found.others_observations])
            links.append(f"/workers/{leader_id}")
        for behavior in found.behaviors:
            behaviors.append([name, behavior.label,
                              "none" if behavior.self_value is None else behavior.self_value,
                              _decimal(behavior.others_mean), behavior.others_count])
    return Leadership(
        len(leaders),
        Table("self-vs-others-by-group", "Share of ratings at the proficient level or above: "
              "the latest self-assessment against others' ratings of the last year",
              ["leader", "office", "group", "self", "others", "self minus others",
               "others' observations"], groups, frozenset({3, 4, 5, 6}), links={0: links}),
        Table("self-vs-others-by-behavior", "Each behavior: the latest self-rating against the "
              "mean of others' ratings", ["leader", "behavior", "self", "others' mean",
                                          "others' ratings"],
              behaviors, frozenset({2, 3, 4}), frozenset({1})))


def agreement_figures(hub: Hub, scope: Scope) -> Agreement:
    """Agreement over every co-observed visit at the hub: for whole-hub accounts only, since
    a pair's figures pool visits from any office."""
    if scope.kind != "hub":
        raise ForbiddenError("Agreement pools co-observed visits from every office, so only "
                             f"accounts that see the whole hub may open it (yours: {scope})")
    report = hub.records.reports.agreement()
    pairs = []
    for pair in report.coach_pairs:
        pairs.append([" & ".join(pair.coaches), "all months", pair.visits,
                      *_figures(pair.agreement)])
        pairs += [[" & ".join(pair.coaches), month, "", *_figures(agreement)]
                  for month, agreement in pair.by_month]
    return Agreement(
        report.instrument.title,
        Table("agreement-by-coach-pair", "Coach pairs, over all their shared visits and month "
              "by month", ["coaches", "month", "visits", *AGREEMENT_FIGURES], pairs,
              frozenset({2, 3, 4, 5, 6, 7})),
        Table("agreement-by-behavior", "Behaviors, least agreement first: calibrate these",
              ["behavior", "items compared", "exact", "within one level", "mean difference"],
              [[b.label, b.items, _percent(b.exact), _percent(b.within_one),
                _decimal(b.mean_difference)] for b in report.behaviors],
              frozenset({1, 2, 3, 4}), frozenset({0})),
        Table("co-observed-visits", "Co-observed visits, newest first",
              ["date", "worker", "coaches", *AGREEMENT_FIGURES, "alpha (ordinal)"],
              [[v.started_at.strftime("%Y-%m-%d"), v.worker_name, " & ".join(v.coaches),
                *_figures(v.agreement), _decimal(v.alpha)] for v in report.visits],
              frozenset({3, 4, 5, 6, 7, 8})))

