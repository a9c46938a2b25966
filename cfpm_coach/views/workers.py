"""Workers as the list and the pickers show them."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple


class ListedWorker(NamedTuple):
    """A worker as the list names them before their figures are read.

    `key` is the id as SQLite stores it (32 hex digits, `uuid.UUID.hex`): turning 50,000
    stored ids into UUID objects cost more than reading them.
    """

    key: str
    name: str
    office: str
    active: int  # 1 or 0, as stored


@dataclass(frozen=True)
class CoachView:
    """The coach profile of this device."""

    id: uuid.UUID
    name: str
    role: str
    county: str
    office: str
    device_id: uuid.UUID


@dataclass(frozen=True)
class WorkerView:
    """A worker and how their coaching stands."""

    id: uuid.UUID
    name: str
    role: str
    unit: str
    office: str
    county: str
    active: bool
    observation_count: int = 0
    last_observed_at: datetime | None = None
    # Latest finalized practice observation's share proficient per element id (None: not observed).
    element_scores: dict[str, float | None] = field(default_factory=dict)


def fidelity(worker: WorkerView) -> float | None:
    """The mean of a worker's element shares (None: no element observed): the list's Fidelity."""
    scores = [s for s in worker.element_scores.values() if s is not None]
    return sum(scores) / len(scores) if scores else None


def listing_key(worker_id: uuid.UUID) -> str:
    """A worker's key in a WorkerListing (ListedWorker.key)."""
    return worker_id.hex


# The orders the worker list offers; all but the last are the database's to give.
WORKER_ORDERS = ("name", "office", "last_observed", "fidelity")


@dataclass(frozen=True)
class WorkerListing:
    """Every listed worker in the asked order, and the figures of only some of them.

    `workers` names every worker (key, name, office, status: plain tuples, as 50,000 views
    would cost more than reading them); `figured` holds the full views (role, unit, last
    observation, element scores) of the workers whose figures were read, by key.
    """

    workers: list[ListedWorker]
    figured: dict[str, WorkerView]
    order: str = "name"
    descending: bool = False
