"""A table as the dashboard shows it and downloads it: headers, rows of plain values, CSV."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from cfpm_coach.domain.csv_cells import safe_cell


@dataclass(frozen=True)
class Table:
    """One table of a page: a file name for its CSV, a caption, headers and rows."""

    name: str
    caption: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # column indexes drawn right-aligned
    wide: frozenset[int] = frozenset()  # columns of sentences, kept readable on narrow screens
    links: dict[int, list[str]] = field(default_factory=dict)  # column: each row's page (HTML only)

    def as_csv(self) -> str:
        """The table as CSV (CRLF rows), every text cell made formula-safe."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in self.headers])
        for row in self.rows:
            writer.writerow([safe_cell(v) for v in row])
        return out.getvalue()
