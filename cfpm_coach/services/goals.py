"""Coaching goals: a worker's aim, linked to behaviors, with a due date and a status."""

import logging
import uuid
from datetime import date

from cfpm_coach.domain import record_rules
from cfpm_coach.domain.vocabulary import GoalStatus
from cfpm_coach.errors import InvalidInputError, NotFoundError
from cfpm_coach.services.inputs import checked
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import goal_repo, records, worker_repo
from cfpm_coach.storage.models import Goal
from cfpm_coach.storage.records import Author
from cfpm_coach.views.history import GoalView

log = logging.getLogger(__name__)


def goal_view(goal: Goal) -> GoalView:
    """The read model of a goal row."""
    return GoalView(goal.id, goal.worker_id, goal.observation_id, list(goal.behavior_ids),
                    goal.text, goal.due_date, goal.status, goal.created_at)


class GoalService:
    """Use cases on coaching goals."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, author: Author) -> None:
        self._store = store
        self._catalog = catalog
        self._author = author

    def check_behaviors(self, behavior_ids: list[str]) -> list[str]:
        """The behavior ids, once each, or InvalidInputError naming unknown ones."""
        unknown = self._catalog.current.unknown_behaviors(behavior_ids)
        if unknown:
            raise InvalidInputError(f"behaviors: unknown ids {', '.join(unknown)}")
        unique = list(dict.fromkeys(behavior_ids))
        return checked(record_rules.RECORD_RULES["goal"]["behavior_ids"], "behaviors", unique)

    @staticmethod
    def goal_text(text: str) -> str:
        """A goal's text as stored (stripped, required), or InvalidInputError."""
        if not text.strip():
            raise InvalidInputError("goal: the text is required")
        return checked(record_rules.GoalText, "goal", text)

    @staticmethod
    def _due(due_date: date | None) -> date | None:
        return None if due_date is None else checked(record_rules.Day, "due date", due_date)

    def add(self, worker_id: uuid.UUID, text: str, behavior_ids: list[str], *,
            due_date: date | None = None, observation_id: uuid.UUID | None = None) -> GoalView:
        """Agree a goal with a worker."""
        goal = Goal(  # type: ignore[call-arg]
            worker_id=worker_id, observation_id=observation_id,
            behavior_ids=self.check_behaviors(behavior_ids), text=self.goal_text(text),
            due_date=self._due(due_date), status=GoalStatus.OPEN.value,
        )
        with self._store.current.write() as session:
            if worker_repo.get_worker(session=session, worker_id=worker_id) is None:
                raise NotFoundError("That worker no longer exists")
            records.insert(session, self._author, goal)
        log.info("goal %s added for worker %s", goal.id, worker_id)
        return goal_view(goal)

    def update(self, goal_id: uuid.UUID, *, text: str | None = None,
               behavior_ids: list[str] | None = None, due_date: date | None = None,
               status: str | None = None) -> GoalView:
        """Change a goal's text, behaviors, due date or status."""
        changes: dict[str, object] = {}
        if text is not None:
            changes["text"] = self.goal_text(text)
        if behavior_ids is not None:
            changes["behavior_ids"] = self.check_behaviors(behavior_ids)
        if due_date is not None:
            changes["due_date"] = self._due(due_date)
        if status is not None:
            try:
                changes["status"] = GoalStatus(status).value
            except ValueError:
                raise InvalidInputError(f"status: {status!r} is not open, met or dropped") from None
        with self._store.current.write() as session:
            goal = goal_repo.get_goal(session=session, goal_id=goal_id)
            if goal is None:
                raise NotFoundError("That goal no longer exists")
            records.update(session, self._author, goal, changes)
            return goal_view(goal)

    def remove(self, goal_id: uuid.UUID) -> None:
        """Delete a goal (tombstone)."""
        with self._store.current.write() as session:
            goal = goal_repo.get_goal(session=session, goal_id=goal_id)
            if goal is None:
                raise NotFoundError("That goal no longer exists")
            records.tombstone(session, self._author, goal)

    def of_worker(self, worker_id: uuid.UUID) -> list[GoalView]:
        """A worker's goals, soonest due first."""
        with self._store.current.read() as session:
            return [goal_view(g) for g in goal_repo.goals_of(session=session, worker_id=worker_id)]
