"""A worker as a picker offers them: who, where; no figures."""

import uuid
from typing import NamedTuple


class WorkerChoice(NamedTuple):
    """One entry of a worker picker (New observation, Leadership).

    A tuple, not a dataclass, and `key` the id as SQLite stores it (32 hex digits, as
    `ListedWorker.key`): a picker lists every worker, 50,000 at the state hub, and only the one
    chosen needs a `uuid.UUID`.
    """

    key: str
    name: str
    office: str
    unit: str
    role: str
    county: str
    active: int  # 1 or 0, as stored

    @property
    def id(self) -> uuid.UUID:
        """The worker's id."""
        return uuid.UUID(self.key)

