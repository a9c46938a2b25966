"""Leadership self-assessment next to how coaches and staff rate the leader (self vs others)."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from cfpm_coach.domain.scoring import on_scale, score_values
from cfpm_coach.domain.shipped import SHIPPED_LEADERSHIP
from cfpm_coach.domain.vocabulary import FINISHED, Setting
from cfpm_coach.errors import NotFoundError
from cfpm_coach.storage import observation_repo
from cfpm_coach.views.leadership import BehaviorComparison, GroupComparison, LeadershipComparison
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.workers import WorkerView

if TYPE_CHECKING:
    from cfpm_coach.domain.instruments import Instrument
    from cfpm_coach.storage.store import Store

INSTRUMENT = SHIPPED_LEADERSHIP
OTHERS_WINDOW_DAYS = 365


def _quarter(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def self_vs_others(store: "Store", instrument: "Instrument", worker: WorkerView,
                   observations: list[ObservationSummary], now: datetime | None = None
                   ) -> LeadershipComparison:
    """The latest self-assessment against others' ratings of the last year, and by quarter,
    from the leader's observations (newest first) on the leadership instrument."""
    finished = [o for o in observations
                if o.instrument_id == instrument.id and o.status in FINISHED]
    if not finished:
        raise NotFoundError(f"No finished leadership observations of {worker.name} yet")
    with store.read() as session:
        values = {obs_id: on_scale(instrument, ratings) for obs_id, ratings in
                  observation_repo.rating_values(session=session,
                                                 observation_ids=[o.id for o in finished]).items()}
    selves = [o for o in finished if o.setting == Setting.SELF_ASSESSMENT]
    cutoff = (now or datetime.now(UTC)) - timedelta(days=OTHERS_WINDOW_DAYS)
    others = [o for o in finished if o.setting != Setting.SELF_ASSESSMENT
              and o.started_at >= cutoff]
    latest_self = selves[0] if selves else None  # newest first
    self_values = values.get(latest_self.id, {}) if latest_self else {}

    def pooled(observations: list[ObservationSummary], item_ids: list[str]) -> list[int | None]:
        return [values.get(o.id, {}).get(i) for o in observations for i in item_ids]

    scale = instrument.scale
    groups = []
    for group in instrument.groups:
        ids = [item.id for item in group.items]
        groups.append(GroupComparison(
            group.id, group.label, score_values([self_values.get(i) for i in ids], scale),
            score_values(pooled(others, ids), scale)))
    behaviors = []
    for group in instrument.groups:
        for item in group.items:
            rated = [v for v in pooled(others, [item.id]) if v is not None and scale.is_scored(v)]
            own = self_values.get(item.id)
            behaviors.append(BehaviorComparison(
                item.id, item.label, group.id,
                own if own is not None and scale.is_scored(own) else None,
                sum(rated) / len(rated) if rated else None, len(rated)))
    by_quarter: dict[str, dict[str, list[ObservationSummary]]] = defaultdict(
        lambda: {"self": [], "others": []})
    for obs in finished:
        side = "self" if obs.setting == Setting.SELF_ASSESSMENT else "others"
        by_quarter[_quarter(obs.started_at)][side].append(obs)
    over_time = []
    for quarter in sorted(by_quarter):
        for group in instrument.groups:
            ids = [item.id for item in group.items]
            mine = score_values(pooled(by_quarter[quarter]["self"], ids), scale)
            theirs = score_values(pooled(by_quarter[quarter]["others"], ids), scale)
            over_time.append((quarter, group.id, mine.share_proficient, theirs.share_proficient))
    return LeadershipComparison(
        worker, instrument, latest_self.started_at if latest_self else None, len(others),
        groups, behaviors, over_time)
