"""What the store holds, for the status bar and the self-test."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StoreStatus:
    """What `db check` reports."""

    path: str
    schema_revision: str
    problems: list[str]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        """True when SQLite found nothing wrong."""
        return not self.problems
