"""Printing for the CLI: aligned tables for people, JSON for scripts."""

import json
import sys
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from cfpm_coach.domain.figures import percent as percent


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_json(data: Any) -> None:
    """Print data as indented JSON (UUIDs and times as strings)."""
    print(json.dumps(data, default=_default, ensure_ascii=False, indent=2))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print rows as a plain aligned table."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def fail(message: str) -> int:
    """Print an error sentence to stderr; returns the exit code for errors."""
    print(f"cfpm-coach: {message}", file=sys.stderr)
    return 1
