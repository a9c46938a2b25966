"""Coming up: follow-ups due this week (and overdue) and workers not observed for a while."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.sources import StoreSource
from cfpm_coach.services.workers import WorkerService
from cfpm_coach.storage import goal_repo

WEEKS_KEY = "not_observed_weeks"
DEFAULT_WEEKS = 6
HORIZON_DAYS = 7


@dataclass(frozen=True)
class FollowUp:
    """An open goal due within the week, or overdue."""

    goal_id: uuid.UUID
    worker_id: uuid.UUID
    worker_name: str
    text: str
    behavior_ids: list[str]
    due_date: date
    overdue: bool


@dataclass(frozen=True)
class QuietWorker:
    """An active worker not observed for the chosen number of weeks (or never)."""

    worker_id: uuid.UUID
    name: str
    office: str
    last_observed_at: datetime | None


@dataclass(frozen=True)
class ComingUp:
    """What a coach should plan for."""

    today: date
    until: date
    weeks: int
    follow_ups: list[FollowUp]
    not_observed: list[QuietWorker]


class ComingUpService:
    """What a coach should plan for, and the weeks after which a worker counts as quiet."""

    def __init__(self, store: StoreSource, profile: ProfileService, workers: WorkerService
                 ) -> None:
        self._store = store
        self._profile = profile
        self._workers = workers

    def weeks(self) -> int:
        """N of "not observed for N weeks" (Settings)."""
        value = self._profile.setting(WEEKS_KEY, DEFAULT_WEEKS)
        return value if isinstance(value, int) and 1 <= value <= 52 else DEFAULT_WEEKS

    def set_weeks(self, weeks: int) -> None:
        """Save N (1 to 52 weeks)."""
        if not 1 <= weeks <= 52:
            raise InvalidInputError("Not observed for: between 1 and 52 weeks")
        self._profile.set_setting(WEEKS_KEY, weeks)

    def plan(self, today: date | None = None) -> ComingUp:
        """Follow-ups due in the next 7 days or overdue, and workers quiet for N weeks or more."""
        today = today or date.today()
        until = today + timedelta(days=HORIZON_DAYS)
        weeks = self.weeks()
        workers = {w.id: w for w in self._workers.find(include_inactive=False)}
        with self._store.current.read() as session:
            goals = goal_repo.open_goals_due(session=session, until=until)
            follow_ups = [
                FollowUp(g.id, g.worker_id, workers[g.worker_id].name, g.text,
                         list(g.behavior_ids), g.due_date, g.due_date < today)
                for g in goals if g.worker_id in workers and g.due_date is not None]
        local = datetime.now().astimezone().tzinfo
        cutoff = datetime.combine(today - timedelta(weeks=weeks), time(), local).astimezone(UTC)
        quiet = [QuietWorker(w.id, w.name, w.office, w.last_observed_at)
                 for w in workers.values()
                 if w.last_observed_at is None or w.last_observed_at < cutoff]
        quiet.sort(key=lambda q: (q.last_observed_at is not None,
                                  q.last_observed_at or datetime.min.replace(tzinfo=UTC), q.name))
        return ComingUp(today, until, weeks, follow_ups, quiet)
