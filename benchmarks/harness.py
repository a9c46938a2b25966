"""Run scenarios several times; print median, min, max, the baseline's median and the ratio."""

import itertools
import json
import re
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


@dataclass(frozen=True)
class RatioBudget:
    """A budget as a multiple of the baseline measured in the same run: the scenario's median at
    most `limit` times the baseline's. `stands_for` is the absolute target it was derived from
    (that target over the baseline as measured on the 2-core machine; README "Performance")."""

    limit: float
    stands_for: str = ""

    def label(self) -> str:
        """As printed in the budget column: "<=3x [<100 ms]"."""
        limit = f"{self.limit:g}x"
        return f"<={limit} [{self.stands_for}]" if self.stands_for else f"<={limit}"

    def verdict(self, ratio: float | None) -> str:
        """"met" or "NOT MET" for a measured ratio; "no baseline" when there is none."""
        if ratio is None:
            return "no baseline"
        return "met" if ratio <= self.limit else "NOT MET"


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
    ratio_budget: RatioBudget | None = None

    @property
    def ratio(self) -> float | None:
        """Scenario median over baseline median."""
        if self.baseline is None or self.baseline.median == 0:
            return None
        return self.stats.median / self.baseline.median

    @property
    def verdict(self) -> str:
        """Met or not against the ratio budget; empty for a row without one."""
        return self.ratio_budget.verdict(self.ratio) if self.ratio_budget else ""


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
    header = ["scenario", "size", "median", "min", "max", "baseline", "ratio", "budget",
              "verdict"]
    lines = [header]
    for row in rows:
        base = f"{row.baseline.median:.1f}" if row.baseline else "-"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        budget = row.ratio_budget.label() if row.ratio_budget else row.budget
        lines.append([row.scenario, row.size, f"{row.stats.median:.1f} {row.unit}",
                      f"{row.stats.minimum:.1f}", f"{row.stats.maximum:.1f}", base, ratio,
                      budget, row.verdict])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def _family(scenario: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", scenario)


def growth(rows: list[Row]) -> list[tuple[str, list[str], list[float], str]]:
    """Per scenario: sizes, medians, and how the time grew per tenfold data (linear = 10x)."""
    families: dict[str, list[Row]] = {}
    for row in rows:
        families.setdefault(_family(row.scenario), []).append(row)
    found = []
    for name, members in families.items():
        if len({m.size for m in members}) < 2:
            continue
        medians = [m.stats.median for m in members]
        steps = [later / earlier for earlier, later in itertools.pairwise(medians)
                 if earlier > 0]
        worst = max(steps) if steps else 0.0
        # Per tenfold data: under 2x is flat; up to 15x is linear (n log n gives 12.5x from 10k
        # to 100k); more is worse than linear. The factor itself is printed beside the verdict.
        kind = "flat" if worst < 2 else "linear" if worst <= 15 else "WORSE THAN LINEAR"
        verdict = f"{kind}, worst step x{worst:.1f}"
        found.append((name, [m.size for m in members], medians, verdict))
    return found


def print_growth(rows: list[Row]) -> None:
    """How each scenario's median grows from the smallest store to the largest."""
    found = growth(rows)
    if not found:
        return
    print("\ngrowth with store size (medians; each step is 10x the data)")
    for name, sizes, medians, verdict in found:
        steps = "  ->  ".join(f"{size}: {median:.1f}" for size, median in zip(sizes, medians,
                                                                             strict=True))
        print(f"  {name}: {steps}   [{verdict}]")


def write_json(rows: list[Row], path: Path) -> None:
    """The results as JSON for comparing runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"rows": [{**asdict(row), "ratio": row.ratio, "verdict": row.verdict}
                     for row in rows],
            "growth": [{"scenario": name, "sizes": sizes, "medians": medians, "verdict": verdict}
                       for name, sizes, medians, verdict in growth(rows)]}
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def bundles_label(count: int) -> str:
    """"1 bundle" or "N bundles", for rows timing every part of a large export."""
    return f"{count} bundle" + ("" if count == 1 else "s")
