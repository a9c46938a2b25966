"""New observation's worker picker: its read of every active worker vs the raw sqlite3 read.

The start dialog and Leadership list every active worker with id, name, office, unit, role and
county and no figures (`WorkerService.choices`); the baseline, in the same run, is sqlite3
reading the live active workers' id, name, office and unit by name, fetched and nothing else.
The picker's Qt side (the dialog built and shown with every name, one keystroke's filtering) is
timed in a child process with Qt (worker_picker_child).

Run alone on a store of its own (`python -m benchmarks.worker_picker 50000`) it also times
`WorkerService.find()`, what the pickers read before, once: seconds at 50,000 workers.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from benchmarks.harness import RatioBudget, Row, measure, print_table, stats_of
from cfpm_coach.services.workspace import Workspace

BUDGET = RatioBudget(3)
RAW_CHOICES = ("SELECT id, name, office, unit FROM worker "
               "WHERE deleted_at IS NULL AND active ORDER BY lower(name)")


def raw_choices_read(path: Path) -> None:
    """The picker's rows read with sqlite3, the plainest way: fetched, nothing else."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(RAW_CHOICES).fetchall()
    finally:
        conn.close()


def _child_times(data_dir: Path, repeat: int) -> list[list[float]]:
    """Per run: the dialog built and shown with every worker; one keystroke's filtering."""
    result = subprocess.run([sys.executable, "-m", "benchmarks.worker_picker_child",
                             str(data_dir), str(repeat)],
                            cwd=Path(__file__).resolve().parents[1],
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True,
                            capture_output=True, text=True)
    runs = [[float(value) for value in line.split()] for line in result.stdout.splitlines()
            if line.strip()]
    return [list(column) for column in zip(*runs, strict=True)]


def worker_picker_rows(data_dir: Path, workers: int, label: str, repeat: int) -> list[Row]:
    """The picker's read against the raw read; the dialog shown and a keystroke, against it."""
    with Workspace.open(data_dir) as ws:
        assert ws.store.path is not None
        path = ws.store.path
        assert len(ws.workers.choices()) == workers  # every worker is active: all listed
        read = measure(ws.workers.choices, repeat)
    baseline = measure(partial(raw_choices_read, path), repeat)
    shown, keystroke = _child_times(data_dir, repeat)
    return [
        Row(f"start dialog picker read ({workers} workers)", label, read, baseline,
            ratio_budget=BUDGET),
        Row(f"start dialog shown with every worker ({workers} workers)", label,
            stats_of(shown), baseline, ""),
        Row(f"start dialog picker, one keystroke filtered ({workers} workers)", label,
            stats_of(keystroke), baseline, ""),
    ]


def main(argv: list[str] | None = None) -> int:
    """Build a store of N workers; print the picker's rows and find() once, for comparison."""
    from benchmarks.worker_list import build_worker_store

    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker_picker")
    parser.add_argument("workers", type=int, nargs="?", default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    label = f"{args.workers // 1000}k workers" if args.workers >= 1000 else \
        f"{args.workers} workers"
    with tempfile.TemporaryDirectory(prefix="cfpm-picker-") as tmp:
        data_dir = Path(tmp) / "store"
        began = time.perf_counter()
        build_worker_store(data_dir, args.workers)
        print(f"[{label}] store built in {time.perf_counter() - began:.1f} s", flush=True)
        rows = worker_picker_rows(data_dir, args.workers, label, args.repeat)
        with Workspace.open(data_dir) as ws:
            ws.workers.choices()  # the same warm connection the picker's read had
            rows.append(Row(f"find(), what the pickers read before ({args.workers} workers)",
                            label, measure(lambda: ws.workers.find(include_inactive=False), 1),
                            rows[0].baseline, ""))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
