"""Queries on coaching goals."""

import uuid
from datetime import date

from sqlmodel import Session, col, select

from cfpm_coach.domain.vocabulary import GoalStatus
from cfpm_coach.storage.models import Goal


def get_goal(*, session: Session, goal_id: uuid.UUID) -> Goal | None:
    """A goal by id, unless deleted."""
    goal = session.get(Goal, goal_id)
    return None if goal is None or goal.deleted_at is not None else goal


def goals_of(*, session: Session, worker_id: uuid.UUID) -> list[Goal]:
    """A worker's live goals, soonest due first (undated last)."""
    query = select(Goal).where(Goal.worker_id == worker_id, col(Goal.deleted_at).is_(None))
    goals = list(session.exec(query))
    return sorted(goals, key=lambda g: (g.due_date is None, g.due_date, g.created_at))


def open_goals_due(*, session: Session, until: date) -> list[Goal]:
    """Open, live goals due on or before a day (overdue ones included), soonest first."""
    query = select(Goal).where(col(Goal.deleted_at).is_(None), col(Goal.status) == GoalStatus.OPEN.value,
                               col(Goal.due_date).is_not(None), col(Goal.due_date) <= until)
    return sorted(session.exec(query), key=lambda g: (g.due_date, g.created_at))
