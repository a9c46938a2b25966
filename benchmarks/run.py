"""`make bench`: build synthetic stores, run every scenario against its baseline, print a table.

  python -m benchmarks.run            sizes 1k, 10k, 100k observations (several minutes)
  python -m benchmarks.run --smoke    tiny sizes, one run each: keeps the code from rotting
"""

import argparse
import itertools
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from benchmarks.baselines import empty_stores, sqlite_executemany, stored_rows
from benchmarks.demo_data import sample_data
from benchmarks.harness import (
    RatioBudget,
    Row,
    bundles_label,
    measure,
    print_growth,
    print_table,
    stats_of,
    write_json,
)
from benchmarks.hostile_bundle import hostile_bundle
from benchmarks.hub_ingest import hub_ingest
from benchmarks.hub_load import hub_load, print_budgets, print_results
from benchmarks.same_work import (
    bare_pdf,
    bundle_entries,
    page_lines,
    plain_export,
    raw_history_read,
    zip_and_age,
)
from benchmarks.worker_list import raw_read, worker_list_rows
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.bulk import seed_observations_for, seed_synthetic
from cfpm_coach.storage.engine import BUSY_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
# DESIGN.md 7's ratio budgets (the old absolute target in brackets): the ratio holds wherever
# the run is. Judged only at the size each target names (smaller stores print their ratio).
HISTORY_BUDGET = RatioBudget(3, "<100 ms, 500 obs")
PDF_BUDGET = RatioBudget(5, "<1 s, 200 obs")
EXPORT_BUDGET = RatioBudget(2, "<3 s, 10k obs")


def build_store(data_dir: Path, observations: int) -> tuple[uuid.UUID, uuid.UUID]:
    """N observations over N/20 workers, plus a worker with 500 and one with 200 (their ids)."""
    with Workspace.open(data_dir) as ws:
        practice = ws.catalog.get("cpm-practice", 1)
        ids = [item.id for item in practice.items]
        key = (practice.id, practice.version, practice.content_hash)
        author = ws.author
        assert author.coach_id is not None
        with ws.store.write() as session:
            seed_synthetic(session, device_id=author.device_id, coach_id=author.coach_id,
                           behavior_ids=ids, instrument=key, workers=max(5, observations // 20),
                           observations=observations, seed=1)
        deep = ws.workers.add("Deep History")
        with ws.store.write() as session:
            # The 500 observations of one worker: the history budget's case.
            seed_observations_for(session, worker_id=deep.id, device_id=author.device_id,
                                  coach_id=author.coach_id, behavior_ids=ids, instrument=key,
                                  observations=min(500, max(20, observations // 20)), seed=2)
        # The worker-summary budget's case: one worker with 200 observations.
        summary = ws.workers.add("Two Hundred")
        with ws.store.write() as session:
            seed_observations_for(session, worker_id=summary.id, device_id=author.device_id,
                                  coach_id=author.coach_id, behavior_ids=ids, instrument=key,
                                  observations=min(200, max(20, observations // 20)), seed=3)
        return deep.id, summary.id


def _child_time(args: list[str], repeat: int) -> list[float]:
    samples = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "benchmarks.startup_child", *args], cwd=ROOT,
                       env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def compile_app() -> None:
    """Compile the app's modules to bytecode, as an installed copy has them.

    pip and the installers compile at install, and a source checkout writes its bytecode on the
    first start; with PYTHONDONTWRITEBYTECODE set (as on the machines these benchmarks run on)
    every child compiled about 200 modules of ours on each start, a cost the floor, whose
    libraries were compiled at install, never paid.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "cfpm_coach")],
                   check=True, capture_output=True)


def cold_start(data_dir: Path, size: str, repeat: int) -> list[Row]:
    """The app to a painted, filled window vs the floor (PySide6 + SQLModel) and a bare window."""
    compile_app()
    app = stats_of(_child_time(["app", str(data_dir)], repeat))
    window = stats_of(_child_time(["window", str(data_dir)], repeat))
    floor = stats_of(_child_time(["floor"], repeat))
    bare = stats_of(_child_time(["bare"], repeat))
    return [
        Row("cold start vs floor", size, app, floor, "<=1.5x floor and <1000 ms"),
        Row("cold start to the window painted, list loading", size, window, floor, "<1000 ms"),
        Row("cold start vs bare window", size, app, bare, ""),
    ]


def _rater(ws: Workspace) -> Callable[[], object]:
    """One rating per call through the services, on a fresh draft, cycling behaviors and values."""
    worker = ws.workers.add("Rater")
    obs = ws.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
    items = itertools.cycle(obs.instrument.items)
    values = itertools.cycle((1, 2, 3, 0))
    return lambda: ws.observations.rate(obs.id, next(items).id, next(values))


def rating_commit(ws: Workspace, size: str, repeat: int) -> Row:
    """One rating through the services to durable commit vs raw sqlite3 insert + commit."""
    ours = measure(_rater(ws), repeat)
    raw_path = ws.paths.data_dir / "raw-baseline.sqlite3"
    raw = sqlite3.connect(raw_path, timeout=BUSY_TIMEOUT_MS / 1000)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                   f"busy_timeout = {BUSY_TIMEOUT_MS}"):
        raw.execute(f"PRAGMA {pragma}")
    raw.execute("CREATE TABLE IF NOT EXISTS r (id TEXT PRIMARY KEY, b TEXT, v INTEGER)")

    def raw_insert() -> None:
        raw.execute("INSERT INTO r VALUES (?, ?, ?)", (uuid.uuid4().hex, "engagement.1", 2))
        raw.commit()

    baseline = measure(raw_insert, repeat)
    raw.close()
    return Row("rating to durable commit", size, ours, baseline, "<10 ms median")


def encrypted_rating_commit(ws: Workspace, work: Path, size: str, repeat: int) -> Row:
    """A rating on a SQLCipher store vs the same on the plain store, both in this run."""
    ws.maintenance.backup(work / "cfpm-coach.sqlite3")
    with Workspace.open(work) as encrypted:
        encrypted.security.set_passphrase("benchmark passphrase")
        ours = measure(_rater(encrypted), repeat)
        baseline = measure(_rater(ws), repeat)
    return Row("rating commit, encrypted store (vs plain)", size, ours, baseline, "<10 ms median")


def history(ws: Workspace, deep: uuid.UUID, size: str, repeat: int) -> Row:
    """Open a worker's page (the worker, every observation with scores, goals) vs sqlite3
    reading the same rows."""
    assert ws.store.path is not None
    path = ws.store.path
    count = len(ws.observations.find(worker_id=deep))
    stats = measure(lambda: ws.workers.history(deep), repeat)
    baseline = measure(lambda: raw_history_read(path, deep), repeat)
    return Row(f"worker history ({count} obs) vs raw read", size, stats, baseline,
               ratio_budget=HISTORY_BUDGET if count >= 500 else None)


def worker_list(ws: Workspace, size: str, repeat: int) -> Row:
    """The worker list with activity and element scores vs the raw SQL read of its rows."""
    assert ws.store.path is not None
    path = ws.store.path
    count = len(ws.workers.find())
    stats = measure(lambda: ws.workers.find(), repeat)
    baseline = measure(lambda: raw_read(path), repeat)
    return Row(f"worker list ({count} workers)", size, stats, baseline, "")


def worker_summary_pdf(ws: Workspace, worker_id: uuid.UUID, size: str, repeat: int) -> Row:
    """The worker coaching summary PDF vs a bare ReportLab canvas of the same pages' text."""
    from datetime import date

    out = ws.paths.data_dir / "bench-worker.pdf"
    start, end = date(2019, 1, 1), date(2030, 1, 1)
    count = len(ws.observations.find(worker_id=worker_id))
    ours = measure(lambda: ws.reports.worker_pdf(worker_id, start, end, out), repeat)
    pages = page_lines(out)
    bare = ws.paths.data_dir / "bench-bare.pdf"
    baseline = measure(lambda: bare_pdf(pages, bare), repeat)
    return Row(f"worker summary PDF ({count} obs, {len(pages)} p.) vs bare canvas", size, ours,
               baseline, ratio_budget=PDF_BUDGET if count >= 200 else None)


def bundles(ws: Workspace, work: Path, size: str, repeat: int) -> list[Row]:
    """Export everything to sealed, signed bundles (parts); import them into empty stores; vs
    executemany."""
    from cfpm_coach.sync import keys

    work.mkdir(parents=True, exist_ok=True)
    identity = work / "team.key"
    recipient = keys.new_team_identity(identity)
    trust = [ws.exchange.device_public_key()]
    runs = max(1, min(repeat, 3))
    exports: list[list[Path]] = []
    export = measure(lambda: exports.append(
        [part.path for part in ws.exchange.export(work / "out", recipient, full=True).parts]),
        runs)
    parts = exports[-1]  # a large export is several bundles: all are imported, in order
    entries = bundle_entries(parts, identity)
    sealed = measure(lambda: zip_and_age(entries, recipient, work / "plain"), runs)
    assert ws.store.path is not None
    database = ws.store.path
    plainest = measure(lambda: plain_export(database, entries, recipient, work / "plainest"),
                       runs)
    targets = [Workspace.open(work / f"import-{n}") for n in range(runs)]
    queue = list(targets)

    def import_all() -> None:
        target = queue.pop()
        for path in parts:
            target.exchange.import_bundle(path, identity, trust)

    imported = measure(import_all, runs)
    for target in targets:
        target.close()

    tables = stored_rows(ws)
    raw_paths = empty_stores(work, "raw", runs)
    baseline = measure(lambda: sqlite_executemany(raw_paths.pop(), tables), runs)
    ratings = len(tables["rating"])
    return [
        Row(f"export, sealed and signed ({bundles_label(len(parts))}) vs zip + age", size,
            export, sealed, notes={"ratings": ratings},
            ratio_budget=EXPORT_BUDGET if size == "10k obs" else None),
        # Not DESIGN.md's baseline: the same whole job (reading the rows included) done plainly.
        Row("export vs sqlite3 read + json.dumps + zip + age (information)", size, export,
            plainest),
        Row(f"import into empty store ({ratings} ratings, {bundles_label(len(parts))})", size,
            imported, baseline, ">=40% of executemany speed"),
    ]


def memory(data_dir: Path, size: str) -> Row:
    """Peak RSS of the app with the store open on the worker list vs the floor process."""
    def rss(arg: str) -> float:
        result = subprocess.run([sys.executable, "-m", "benchmarks.memory_child", arg], cwd=ROOT,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True,
                                capture_output=True, text=True)
        return float(result.stdout.strip().splitlines()[-1])

    app, floor = rss(str(data_dir)), rss("floor")
    return Row("peak memory, worker list open", size, stats_of([app]), stats_of([floor]),
               "<250 MB (100k obs)", unit="MB")


SCENARIOS = ("rating", "history", "worker-list", "pdf", "encrypted", "bundles", "hub-ingest",
             "cold-start", "memory", "hostile", "worker-list-sizes", "sample", "hub-load")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; print the table and write results/latest.json."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run each")
    parser.add_argument("--only", default=",".join(SCENARIOS),
                        help=f"comma-separated scenarios to run (default: all of {', '.join(SCENARIOS)})")
    parser.add_argument("--sizes", default=None,
                        help="comma-separated store sizes in observations (default: 1000,10000,100000)")
    parser.add_argument("--repeat", type=int, default=None, help="runs of each scenario (default: 7)")
    args = parser.parse_args(argv)
    chosen = set(args.only.split(","))
    unknown = chosen - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    everything = chosen == set(SCENARIOS)
    sizes = ([int(n) for n in args.sizes.split(",")] if args.sizes
             else [200] if args.smoke else [1_000, 10_000, 100_000])
    repeat = args.repeat or (1 if args.smoke else 7)
    rows: list[Row] = []
    per_store = {"rating", "history", "worker-list", "pdf", "encrypted", "bundles", "hub-ingest",
                 "cold-start", "memory"}
    with tempfile.TemporaryDirectory(prefix="cfpm-bench-") as tmp:
        for size in sizes if chosen & per_store else []:
            label = f"{size // 1000}k obs" if size >= 1000 else f"{size} obs"
            data_dir = Path(tmp) / f"store-{size}"
            began = time.perf_counter()
            deep, two_hundred = build_store(data_dir, size)
            print(f"[{label}] store built in {time.perf_counter() - began:.1f} s", flush=True)
            with Workspace.open(data_dir) as ws:
                if "rating" in chosen:
                    rows.append(rating_commit(ws, label, repeat * 5))
                if "history" in chosen:
                    rows.append(history(ws, deep, label, repeat))
                if "worker-list" in chosen:
                    rows.append(worker_list(ws, label, repeat))
                if "pdf" in chosen:
                    rows.append(worker_summary_pdf(ws, two_hundred, label, repeat))
                if "encrypted" in chosen and (size == 10_000 or args.smoke):
                    rows.append(encrypted_rating_commit(ws, Path(tmp) / f"encrypted-{size}",
                                                        label, repeat * 5))
                if "bundles" in chosen and size <= 10_000:
                    rows += bundles(ws, Path(tmp) / f"bundles-{size}", label, repeat)
                if "hub-ingest" in chosen and size <= 10_000:
                    rows += hub_ingest(ws, Path(tmp) / f"hub-{size}", label, repeat)
            if "cold-start" in chosen and (size == 10_000 or args.smoke):
                rows += cold_start(data_dir, label, 3 if args.smoke else repeat)
            if "memory" in chosen and size == max(sizes):
                rows.append(memory(data_dir, label))
        if "hostile" in chosen:
            with Workspace.open(Path(tmp) / "attacker") as attacker:
                attacker.workers.add("Template Worker", role="Social Worker III", unit="Unit 1",
                                     office="North Valley", county="Sample County")
                rows += hostile_bundle(attacker, Path(tmp) / "hostile", "<= 2 MB")
        if "worker-list-sizes" in chosen:
            rows += worker_list_rows(Path(tmp) / "worker-list", smoke=args.smoke, repeat=repeat)
        if "sample" in chosen:
            rows += sample_data(Path(tmp) / "sample", smoke=args.smoke,
                                repeat=3 if args.smoke else repeat)
    load, verdicts = hub_load(args.smoke) if "hub-load" in chosen else ([], [])
    print()
    print_table(rows)
    print_growth(rows)
    if load:
        print_results(load)
        print_budgets(verdicts)
    if not args.smoke and everything:
        write_json(rows, RESULTS)
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    # A lost or doubled record is a bug, not a slow machine: the one failure a run reports.
    return 0 if all(r.exactly_once for r in load) else 1


if __name__ == "__main__":
    raise SystemExit(main())
