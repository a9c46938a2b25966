"""An assessment of an office (its implementation supports) rather than a person: the subject
rule and the office's implementation stage, defined once for the services, the bundle reader
and the hub.

Decisions:
- An observation rates exactly one subject: a worker (worker_id set, office, county and stage
  empty), or an office (worker_id empty; office, county and implementation stage all set).
  The database holds the same rule as a check constraint (migration 0013).
- An office is named by its office and county labels, as workers name theirs, so an office's
  assessments meet its workers' practice figures without a table of offices.
"""

from enum import StrEnum
from typing import Any


class ImplementationStage(StrEnum):
    """Where an office stands in the stage-based implementation of the practice model."""

    EXPLORATION = "exploration"
    INSTALLATION = "installation"
    INITIAL_IMPLEMENTATION = "initial_implementation"
    FULL_IMPLEMENTATION = "full_implementation"

    @property
    def label(self) -> str:
        """Human label."""
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    ImplementationStage.EXPLORATION: "Exploration",
    ImplementationStage.INSTALLATION: "Installation",
    ImplementationStage.INITIAL_IMPLEMENTATION: "Initial implementation",
    ImplementationStage.FULL_IMPLEMENTATION: "Full implementation",
}

OFFICE_FIELDS = ("office", "county", "implementation_stage")


def subject_problem(record: dict[str, Any], *, rates_office: bool | None = None) -> str | None:
    """Why an observation record's subject is wrong (field: reason), or None when it is right.

    rates_office: whether its instrument rates an office (None when not known here: only the
    "exactly one subject" rule is checked)."""
    has_worker = record.get("worker_id") is not None
    given = [name for name in OFFICE_FIELDS if record.get(name) not in (None, "")]
    if has_worker and given:
        return (f"{given[0]}: an observation of a worker names no office subject "
                "(office, county, implementation stage)")
    if not has_worker and len(given) < len(OFFICE_FIELDS):
        if not given:
            return "worker_id: an observation names a worker, or an office and its county"
        missing = next(name for name in OFFICE_FIELDS if name not in given)
        return f"{missing}: an office's assessment needs its office, county and implementation stage"
    if rates_office is True and has_worker:
        return "worker_id: the instrument rates an office, and this record names a worker"
    if rates_office is False and not has_worker:
        return "office: the instrument rates a person, and this record names an office"
    return None
