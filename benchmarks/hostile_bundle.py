"""A hostile bundle of at most 2 MB at the hub (budget: <= 2 s CPU, <= 150 MB extra memory).

The attacker holds an enrolled laptop's key (the worst case: the bundle is validly signed and its
records are merged). It packs as many records as the hub's caps allow into 2 MB: records that
differ only in a sequential id, padded just enough to sit at the hub's compression-ratio guard.
Each case runs in a fresh child process (benchmarks.hostile_child) that reports the CPU seconds
and the peak resident memory above what the open hub used before the upload arrived."""

import io
import json
import os
import random
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pyrage

from benchmarks.harness import Row, stats_of
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import bundle, keys

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_BYTES = 2 * 1024 * 1024
CPU_BUDGET_S = 2.0
MEMORY_BUDGET_MB = 150.0


def _worker_lines(template: dict[str, Any], count: int, pad: int) -> list[str]:
    """`count` worker records differing in a sequential id (and `pad` varying characters)."""
    lines = []
    noise = random.Random(7)
    for n in range(count):
        filler = f"{noise.getrandbits(4 * pad):0{pad}x}" if pad else ""
        row = dict(template, id=str(uuid.UUID(int=n + 1)), name=f"W{n:08d}{filler}")
        lines.append(json.dumps(row, separators=(",", ":")))
    return lines


def _zip_ratio(lines: list[str]) -> float:
    data = ("\n".join(lines) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=1) as archive:
        archive.writestr("x", data)
    return len(data) / len(buffer.getvalue())


def _inflated(tables: dict[str, list[str]]) -> int:
    """What the data files inflate to, plus room for the manifest and its signature."""
    return sum(len(line.encode()) + 1 for lines in tables.values() for line in lines) + 8192


def build(ws: Workspace, recipient: str, max_ratio: int, target: int = HOSTILE_BYTES,
          cap: int | None = None) -> tuple[bytes, int]:
    """The sealed hostile bundle (<= target bytes, at the ratio guard, inflating to at most the
    hub's cap so that it is accepted: a refused bundle is not the worst case) and its record
    count."""
    [worker] = [w for w in ws.workers.find()][:1] or [ws.workers.add("Template")]
    with ws.store.read() as session:
        from cfpm_coach.storage import exchange_repo
        from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES

        rows = exchange_repo.changed_rows(session=session, table=BUNDLE_TABLES["worker"],
                                          since_seq=-1)
        coaches = exchange_repo.changed_rows(session=session, table=BUNDLE_TABLES["coach"],
                                             since_seq=-1)
    template = json.loads(json.dumps(next(r for r in rows if str(r["id"]) == str(worker.id)),
                                     default=str))
    template.pop("local_seq", None)
    # The sender's own coach travels with the workers: without it the hub refuses the bundle at
    # the manifest's coach, after reading every record but before merging any, and the figure
    # missed the worst case (every record inserted).
    coach = json.loads(json.dumps(next(r for r in coaches
                                       if str(r["id"]) == str(ws.author.coach_id)), default=str))
    coach.pop("local_seq", None)
    coach_lines = [json.dumps(coach, separators=(",", ":"))]
    pad = next(p for p in range(0, 128, 2)
               if _zip_ratio(_worker_lines(template, 2000, p)) <= max_ratio * 0.95)
    device = keys.device_key(ws.paths.data_dir / "keys")
    team = keys.load_recipient(recipient)
    header = {"bundle_id": str(uuid.uuid4()), "created_at": "2026-01-01T00:00:00+00:00",
              "app_version": "hostile", "schema_version": ws.store.schema_revision(),
              "device_id": str(ws.author.device_id), "coach_id": str(ws.author.coach_id),
              "full": True, "includes_case_references": False, "includes_notes": True,
              "instruments": []}
    count = 4000
    while True:  # grow until the next step would pass the target size or the hub's cap
        tables = {"coach": coach_lines, "worker": _worker_lines(template, count, pad)}
        inflated = _inflated(tables)
        if cap is not None and inflated > cap:
            count = int(count * 0.97)
            continue
        sealed = bundle.write(tables, header, device, team)
        if len(sealed) > target:
            count = int(count * 0.97)
            continue
        room = min(1.5, target / len(sealed), cap / inflated if cap is not None else 1.5)
        grown = int(count * room)
        if grown <= count * 1.01:
            return sealed, count
        count = grown


def _child(hub_dir: Path, sealed: Path, token: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.hostile_child", str(hub_dir),
                           str(sealed), token], cwd=ROOT, capture_output=True, text=True,
                          check=True, env={**os.environ})
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def hostile_bundle(ws: Workspace, work: Path, size: str) -> list[Row]:
    """CPU and peak extra memory at the hub for the worst bundle of <= 2 MB its caps allow."""
    work.mkdir(parents=True, exist_ok=True)
    hub, recipient, _team = Hub.init(work / "hub")
    try:
        token = hub.enroll(ws.exchange.device_public_key(), "Attacker").token
        config = hub.config
    finally:
        hub.close()
    sealed, records = build(ws, recipient, config.max_compression_ratio,
                            cap=config.uncompressed_cap)
    path = work / "hostile.cfpm-bundle"
    path.write_bytes(sealed)
    identity = keys.load_identity(config.identity_file)
    inflated = sum(i.file_size for i in zipfile.ZipFile(
        io.BytesIO(bytes(pyrage.decrypt(sealed, [identity])))).infolist())
    result = _child(work / "hub", path, token)
    print(f"[hostile bundle] {len(sealed)} bytes sealed, {inflated} inflated "
          f"({records} records, ratio guard {config.max_compression_ratio}:1, cap "
          f"{config.uncompressed_cap} bytes): HTTP {result['status']}, "
          f"{result['cpu_s']:.2f} s CPU (open and check {result['open_cpu_s']:.2f} s) "
          f"[budget {CPU_BUDGET_S} s], +{result['extra_mb']:.0f} MB peak "
          f"[budget {MEMORY_BUDGET_MB:.0f} MB], {result['retained_mb']:.0f} MB still held "
          "after it", flush=True)
    return [
        Row("hostile 2 MB bundle at the hub, CPU", size, stats_of([result["cpu_s"] * 1000]),
            None, f"<= {CPU_BUDGET_S * 1000:.0f} ms CPU",
            notes={"open_cpu_ms": result["open_cpu_s"] * 1000, "records": records,
                   "inflated_bytes": inflated}),
        Row("hostile 2 MB bundle at the hub, extra memory", size,
            stats_of([result["extra_mb"]]), None, f"<= {MEMORY_BUDGET_MB:.0f} MB", unit="MB",
            notes={"retained_mb": result["retained_mb"]}),
    ]
