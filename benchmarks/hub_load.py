"""`make bench-hub`: many laptops uploading at once to a real `hub serve` on loopback.

Each simulated laptop is a real store with its own device key, enrolled at the hub; it prepares
bundles of 1-3 finished observations (exported and acknowledged one by one, so each carries only
its own records). Then every laptop uploads its bundles one after another, all laptops at once,
retrying a 5xx or a dropped connection with backoff as the laptop's transport does. Printed per
run: sustained bundles/s and observations/s, latency p50/p95/p99 (per bundle, retries
included), answers by status, and a check that every accepted record is in the hub's database
exactly once. Load goes to 127.0.0.1 only and is bounded in bundles and in time.

  python -m benchmarks.hub_load            20, 50, 100 laptops; SQLite and PostgreSQL; 1 and 2
                                           processes (several minutes)
  python -m benchmarks.hub_load --smoke    3 laptops, 2 bundles each: keeps the code from rotting
"""

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import func, select

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.hub_models import HubUpload
from cfpm_coach.storage.models import Observation, Rating
from cfpm_coach.sync import keys
from tests import throwaway_postgres

ROOT = Path(__file__).resolve().parents[1]
# The load client runs in its own process at this niceness, so on a small machine the hub's
# processes get the CPU first and the figures are the hub's, not the client's.
CLIENT_NICENESS = 10
ATTEMPTS = 8
FIRST_WAIT = 0.5
MAX_WAIT = 8.0


@dataclass
class Prepared:
    """One bundle ready to upload and the records it carries."""

    sealed: bytes
    observation_ids: list[uuid.UUID]
    ratings: int


@dataclass
class Laptop:
    """A simulated laptop: its key, its bundles, and its token at the current hub."""

    public_key: str
    bundles: list[Prepared]
    token: str = ""


@dataclass
class RunResult:
    """What one load run measured."""

    label: str
    seconds: float
    accepted: int
    observations: int
    latencies: list[float]
    statuses: Counter[str] = field(default_factory=Counter)
    final_errors: Counter[str] = field(default_factory=Counter)
    exactly_once: bool = False
    problem: str = ""

    @property
    def bundles_per_s(self) -> float:
        """Accepted bundles per second of the run."""
        return self.accepted / self.seconds if self.seconds else 0.0

    @property
    def observations_per_s(self) -> float:
        """Observations in accepted bundles per second of the run."""
        return self.observations / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Latency (s) at a share of the sorted samples."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# -- preparation ----------------------------------------------------------------------------

def prepare_laptops(work: Path, count: int, bundles_each: int, recipient: str,
                    seed: int = 7) -> list[Laptop]:
    """Real laptop stores with a worker each, and their bundles of 1-3 finished observations."""
    rng = random.Random(seed)
    laptops = []
    for n in range(count):
        with Workspace.open(work / f"laptop-{n}") as ws:
            ws.profile.update_coach(name=f"Coach {n}", office=f"Office {n % 7}",
                                    county="Bench County")
            worker = ws.workers.add(f"Worker {n}", office=f"Office {n % 7}", county="Bench County")
            behaviors = [item.id for item in ws.catalog.get("cpm-practice").items]
            prepared = []
            for _ in range(bundles_each):
                ids, rated = [], 0
                for _ in range(rng.randint(1, 3)):
                    obs = ws.observations.start(worker.id, "cpm-practice", "home_visit")
                    chosen = rng.sample(behaviors, 4)
                    ws.observations.rate_many(obs.id, {b: (rng.choice((0, 1, 2, 3)), None)
                                                       for b in chosen})
                    ws.observations.finalize(obs.id, allow_partial=True)
                    ids.append(obs.id)
                exported = ws.exchange.export(work / "out", recipient)
                ws.exchange.acknowledge(exported.bundle_id)
                rated = exported.counts.get("rating", 0)
                prepared.append(Prepared(exported.path.read_bytes(), ids, rated))
                exported.path.unlink()
            laptops.append(Laptop(ws.exchange.device_public_key(), prepared))
    return laptops


# -- the hub --------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class HubProcess:
    """`cfpm-coach hub serve` as a child process on loopback."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cfpm_coach", "hub", "serve", "--data-dir", str(folder),
             "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 180
        # With several workers, wait until each answers (the first one up answers everyone).
        needed = 1 if workers == 1 else 3 * workers
        answered = 0
        while time.monotonic() < deadline and answered < needed:
            if self.process.poll() is not None:
                raise RuntimeError("hub serve exited at start")
            try:
                answered += httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                time.sleep(0.2)
        if answered < needed:
            self.stop()
            raise RuntimeError("hub serve did not answer /healthz in time")
        if workers > 1:
            time.sleep(5)  # let the later workers finish starting

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it does not stop."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


# -- load -----------------------------------------------------------------------------------

class _Connection:
    """One laptop's keep-alive HTTP/1.1 connection to the hub, spoken by hand.

    httpx cost ~9 ms of CPU per upload on this machine, as much as PostgreSQL's share: on two
    cores shared with the hub that measured the client, not the hub. A laptop sends one request
    at a time, so a bare request/response exchange on asyncio streams is all it needs.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, token: str) -> int:
        """POST body; the response's status (its body is read and dropped)."""
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        length, closing = 0, False
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                closing = True
        await self.reader.readexactly(length)
        if closing:
            self.close()
        return int(status_line.split()[1])

    def close(self) -> None:
        """Close the connection (the next post opens a new one)."""
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _deliver(connection: _Connection, laptop: Laptop, bundle: Prepared,
                   result: RunResult) -> bool:
    """Upload one bundle, retrying as the laptop does; True when the hub accepted it."""
    began = time.monotonic()
    wait = FIRST_WAIT
    for attempt in range(ATTEMPTS):
        try:
            status = str(await asyncio.wait_for(
                connection.post("/api/v1/bundles", bundle.sealed, laptop.token), 60))
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                TimeoutError, ValueError, IndexError) as exc:
            connection.close()
            status = type(exc).__name__
        result.statuses[status] += 1
        if status in ("200", "201"):
            result.latencies.append(time.monotonic() - began)
            return True
        if status.isdigit() and int(status) < 500:
            result.final_errors[status] += 1
            return False
        if attempt == ATTEMPTS - 1:
            break
        await asyncio.sleep(wait + random.uniform(0, FIRST_WAIT))
        wait = min(wait * 2, MAX_WAIT)
    result.final_errors[status] += 1
    return False


async def _load(url: str, laptops: list[Laptop], result: RunResult, limit_s: float
                ) -> list[tuple[int, int]]:
    """Every laptop uploading its bundles at once; the (laptop, bundle) indices accepted."""
    accepted: list[tuple[int, int]] = []
    deadline = time.monotonic() + limit_s
    host, port = url.removeprefix("http://").rsplit(":", 1)

    async def one_laptop(number: int, laptop: Laptop) -> None:
        connection = _Connection(host, int(port))
        try:
            for index, bundle in enumerate(laptop.bundles):
                if time.monotonic() > deadline:
                    return
                if await _deliver(connection, laptop, bundle, result):
                    accepted.append((number, index))
        finally:
            connection.close()

    began = time.monotonic()
    await asyncio.gather(*(one_laptop(n, laptop) for n, laptop in enumerate(laptops)))
    result.seconds = time.monotonic() - began
    return accepted


def _client(url: str, laptops: list[Laptop], result: RunResult, limit_s: float,
            answer: "multiprocessing.queues.Queue[object]") -> None:
    """The load client's process: lowered priority, then the load; sends back what it saw."""
    os.nice(CLIENT_NICENESS)
    accepted = asyncio.run(_load(url, laptops, result, limit_s))
    answer.put((accepted, result.seconds, result.latencies, result.statuses,
                result.final_errors))


def _load_niced(url: str, laptops: list[Laptop], result: RunResult, limit_s: float
                ) -> list[Prepared]:
    """Run the load client in a forked, niced process; fill result, return accepted bundles."""
    context = multiprocessing.get_context("fork")  # the prepared bundles are not copied
    answer = context.Queue()
    child = context.Process(target=_client, args=(url, laptops, result, limit_s, answer))
    child.start()
    try:
        accepted, result.seconds, result.latencies, statuses, errors = answer.get(
            timeout=limit_s + ATTEMPTS * MAX_WAIT + 120)
    finally:
        child.join(30)
        if child.is_alive():
            child.kill()
    result.statuses.update(statuses)
    result.final_errors.update(errors)
    return [laptops[n].bundles[i] for n, i in accepted]


def _verify(hub: Hub, accepted: list[Prepared]) -> str:
    """'' when every accepted record is in the hub exactly once; else what differs."""
    expected = {i for bundle in accepted for i in bundle.observation_ids}
    with hub.store.read() as session:
        stored = [row[0] for row in session.execute(select(Observation.id))]
        ratings = int(session.execute(select(func.count()).select_from(Rating)).scalar_one())
        uploads = int(session.execute(select(func.count()).select_from(HubUpload)).scalar_one())
    if len(stored) != len(set(stored)) or set(stored) != expected:
        return f"observations: {len(set(stored))} stored, {len(expected)} accepted"
    if ratings != sum(b.ratings for b in accepted):
        return f"ratings: {ratings} stored, {sum(b.ratings for b in accepted)} accepted"
    if uploads != len(accepted):
        return f"uploads: {uploads} stored, {len(accepted)} accepted"
    return ""


def run_one(work: Path, identity: Path, laptops: list[Laptop], backend: str, workers: int,
            cluster: throwaway_postgres.Cluster | None, limit_s: float) -> RunResult:
    """A fresh hub, every laptop enrolled, all of them uploading at once."""
    label = f"{backend}, {len(laptops)} laptops, {workers} process{'es' if workers > 1 else ''}"
    folder = work / f"hub-{backend}-{len(laptops)}-{workers}"
    url = cluster.create_database() if cluster is not None else None
    hub, _recipient, _team = Hub.init(folder, url, identity)
    with hub:
        for laptop in laptops:
            laptop.token = hub.enroll(laptop.public_key, "Bench").token
    result = RunResult(label, 0.0, 0, 0, [])
    server = HubProcess(folder, workers)
    try:
        accepted = _load_niced(server.url, laptops, result, limit_s)
    finally:
        server.stop()
    result.accepted = len(accepted)
    result.observations = sum(len(b.observation_ids) for b in accepted)
    with Hub.open(folder) as hub:
        result.problem = _verify(hub, accepted)
    result.exactly_once = not result.problem
    return result


# -- report ---------------------------------------------------------------------------------

def print_results(results: list[RunResult]) -> None:
    """One line per run."""
    print(f"\n{'hub under load':44} {'bundles/s':>9} {'obs/s':>7} {'p50 s':>6} {'p95 s':>6} "
          f"{'p99 s':>6}  answers; final errors; exactly once")
    for r in results:
        answers = " ".join(f"{k}:{v}" for k, v in sorted(r.statuses.items()))
        errors = " ".join(f"{k}:{v}" for k, v in sorted(r.final_errors.items())) or "none"
        once = "yes" if r.exactly_once else f"NO ({r.problem})"
        print(f"{r.label:44} {r.bundles_per_s:9.1f} {r.observations_per_s:7.1f} "
              f"{r.percentile(0.5):6.2f} {r.percentile(0.95):6.2f} {r.percentile(0.99):6.2f}  "
              f"{answers}; {errors}; {once}")


def budgets(results: list[RunResult]) -> list[tuple[str, bool, str]]:
    """Each hub budget that these runs can judge: (budget, met, figures)."""
    def find(backend: str, laptops: int, workers: int) -> RunResult | None:
        return next((r for r in results if r.label == f"{backend}, {laptops} laptops, {workers} "
                     f"process{'es' if workers > 1 else ''}"), None)

    verdicts = []
    two, one = find("postgresql", 100, 2), find("postgresql", 100, 1)
    if two is not None:
        verdicts.append(("PostgreSQL, 100 laptops, 2 processes: >= 100 obs/s, p95 < 3 s, "
                         "exactly once",
                         two.observations_per_s >= 100 and two.percentile(0.95) < 3
                         and two.exactly_once,
                         f"{two.observations_per_s:.1f} obs/s, p95 {two.percentile(0.95):.2f} s"))
    if two is not None and one is not None:
        ratio = two.observations_per_s / one.observations_per_s if one.observations_per_s else 0
        verdicts.append(("PostgreSQL, 100 laptops: 2 processes >= 1.5x one", ratio >= 1.5,
                         f"{ratio:.2f}x"))
    lite = find("sqlite", 100, 1)
    if lite is not None:
        verdicts.append(("SQLite, 100 laptops: >= 41 obs/s, no final errors, exactly once",
                         lite.observations_per_s >= 41 and not lite.final_errors
                         and lite.exactly_once,
                         f"{lite.observations_per_s:.1f} obs/s, final errors "
                         f"{sum(lite.final_errors.values())}"))
    return verdicts


ALL_COMBOS = [("sqlite", 1), ("sqlite", 2), ("postgresql", 1), ("postgresql", 2)]


def hub_load(smoke: bool, sizes: list[int] | None = None, bundles_each: int | None = None,
             combos: list[tuple[str, int]] | None = None
             ) -> tuple[list[RunResult], list[tuple[str, bool, str]]]:
    """Prepare laptops once, then run every combination; print and return the results."""
    sizes = sizes or ([3] if smoke else [20, 50, 100])
    bundles_each = bundles_each or (2 if smoke else 12)
    limit_s = 60.0 if smoke else 40.0
    combos = combos or ([("sqlite", 1), ("postgresql", 2)] if smoke else ALL_COMBOS)
    results = []
    with tempfile.TemporaryDirectory(prefix="cfpm-hub-load-") as tmp:
        work = Path(tmp)
        identity = work / "team.key"
        recipient = keys.new_team_identity(identity)
        began = time.perf_counter()
        laptops = prepare_laptops(work, max(sizes), bundles_each, recipient)
        print(f"[hub load] {len(laptops)} laptops x {bundles_each} bundles prepared in "
              f"{time.perf_counter() - began:.0f} s", flush=True)
        cluster = throwaway_postgres.start()
        try:
            for size in sizes:
                for backend, workers in combos:
                    result = run_one(work, identity, laptops[:size], backend, workers,
                                     cluster if backend == "postgresql" else None, limit_s)
                    print_results([result])
                    results.append(result)
        finally:
            cluster.stop()
    return results, budgets(results)


def print_budgets(verdicts: list[tuple[str, bool, str]]) -> None:
    """Met or not, with the figures."""
    print(f"\nhub load budgets (this machine has {os.cpu_count()} cores, shared by the hub, "
          f"PostgreSQL and the load client, which runs niced +{CLIENT_NICENESS} in its own "
          f"process; load average now {os.getloadavg()[0]:.1f})")
    for name, met, figures in verdicts:
        print(f"  {'met    ' if met else 'NOT MET'}  {name}: {figures}")


def main(argv: list[str] | None = None) -> int:
    """Run the hub load benchmark; fails only if a record was lost or doubled."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hub_load")
    parser.add_argument("--smoke", action="store_true", help="3 laptops, 2 bundles each")
    parser.add_argument("--laptops", type=int, nargs="+", help="sizes (default 20 50 100)")
    parser.add_argument("--bundles", type=int, help="bundles per laptop (default 12)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one backend")
    args = parser.parse_args(argv)
    combos = [c for c in ALL_COMBOS if args.only in (None, c[0])] if args.only else None
    results, verdicts = hub_load(args.smoke, args.laptops, args.bundles, combos)
    print_results(results)
    print_budgets(verdicts)
    return 0 if all(r.exactly_once for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
