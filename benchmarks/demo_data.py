"""The sample data (welcome's "explore sample data", `cfpm-coach demo`, `--demo`) vs the same
sample written through the services one call at a time, each into a fresh store.

  python -m benchmarks.demo_data [--smoke]    this scenario alone (it is also in benchmarks.run)
"""

import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.harness import Row, Stats, print_table, stats_of
from cfpm_coach.services import demo
from cfpm_coach.services.workspace import Workspace


def sample_data(work: Path, *, smoke: bool, repeat: int) -> Row:
    """DemoService.generate vs .generate_by_calls (the baseline, run fewer times: it is slow).

    Only the writing is timed: each run gets a fresh, already migrated store.
    """
    size = {"workers": 3, "months": 2} if smoke else {"workers": 24, "months": 12}
    folders = (work / f"demo-{n}" for n in itertools.count())
    written: list[demo.DemoResult] = []

    def timed(generate: Callable[..., demo.DemoResult], runs: int) -> Stats:
        samples = []
        for _ in range(runs):
            with Workspace.open(next(folders)) as ws:
                began = time.perf_counter()
                written.append(generate(ws, **size))
                samples.append((time.perf_counter() - began) * 1000)
        return stats_of(samples)

    ours = timed(lambda ws, **kw: ws.demo.generate(**kw), repeat)
    baseline = timed(lambda ws, **kw: ws.demo.generate_by_calls(**kw), 1 if smoke else 2)
    assert len(set(written)) == 1, written  # the same sample both ways
    label = f"{size['workers']} workers, {written[0].observations} obs"
    return Row(f"sample data ({label}) vs one call at a time", "demo", ours, baseline,
               "<3000 ms")

if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="cfpm-bench-demo-") as tmp:
        smoke = "--smoke" in sys.argv
        print_table([sample_data(Path(tmp), smoke=smoke, repeat=3 if smoke else 5)])
