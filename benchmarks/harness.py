"""Run scenarios several times; print median, min, max, the baseline's median and the ratio."""

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Stats:
    """Timings of one measured thing, in milliseconds (or MB for memory rows)."""

    median: float
    minimum: float
    maximum: float
    runs: int


@dataclass
class Row:
    """One line of the results table."""

    scenario: str
    size: str
    stats: Stats
    baseline: Stats | None = None
    budget: str = ""
    unit: str = "ms"
    notes: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """Scenario median over baseline median."""
        if self.baseline is None or self.baseline.median == 0:
            return None
        return self.stats.median / self.baseline.median


def measure(function: Callable[[], object], repeat: int, unit_scale: float = 1000.0) -> Stats:
    """Call function `repeat` times; wall-clock statistics in ms."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        samples.append((time.perf_counter() - began) * unit_scale)
    return stats_of(samples)


def stats_of(samples: list[float]) -> Stats:
    """Statistics of already-taken samples."""
    return Stats(statistics.median(samples), min(samples), max(samples), len(samples))


def print_table(rows: list[Row]) -> None:
    """The results as an aligned table."""
    header = ["scenario", "size", "median", "min", "max", "baseline", "ratio", "budget"]
    lines = [header]
    for row in rows:
        base = f"{row.baseline.median:.1f}" if row.baseline else "-"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        lines.append([row.scenario, row.size, f"{row.stats.median:.1f} {row.unit}",
                      f"{row.stats.minimum:.1f}", f"{row.stats.maximum:.1f}", base, ratio,
                      row.budget])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def write_json(rows: list[Row], path: Path) -> None:
    """The results as JSON for comparing runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = [{**asdict(row), "ratio": row.ratio} for row in rows]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
