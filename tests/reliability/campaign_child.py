"""The lives of the crash campaign's children: work through the services until SIGKILL.

Each child is forked from a server that has imported the app already (multiprocessing's
forkserver), so a life costs milliseconds, not the interpreter's start-up. Before each operation
the child sends {"t": "do", "op": ...} on its pipe and, once the call has returned (committed,
renamed into place), {"t": "ok", ...}: the parent treats "ok" as the UI's "Saved", and the one
"do" without an "ok" as the write in flight when the kill came.
"""

import json
import random
import traceback
import uuid
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from cfpm_coach.services.workspace import Workspace


class _Pipe:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def send(self, message: dict[str, Any]) -> None:
        # One small write per message: a kill never leaves half a message on the pipe.
        self.conn.send_bytes(json.dumps(message).encode())

    def do(self, op: dict[str, Any]) -> None:
        self.send({"t": "do", "op": op})

    def ok(self, **result: Any) -> None:
        self.send({"t": "ok", **result})


def run_life(mode: str, data_dir: str, seed: int, options: dict[str, Any],
             conn: Connection) -> None:
    """Entry point in the forked child: one life of the given mode, until killed."""
    pipe = _Pipe(conn)
    try:
        life = {"rate": _rate_life, "export": _export_life, "backup": _backup_life}[mode]
        life(Path(data_dir), random.Random(seed), options, pipe)
    except BaseException:
        pipe.send({"t": "error", "trace": traceback.format_exc()})
        raise


def _rate_life(data_dir: Path, rng: random.Random, _options: dict[str, Any], pipe: _Pipe) -> None:
    """Rate, annotate, rate several at once, finalize and start again, as fast as possible."""
    with Workspace.open(data_dir) as ws:
        instrument = ws.catalog.get("cpm-practice")
        behaviors = [item.id for item in instrument.items]
        values = list(instrument.scale.scored_values + instrument.scale.unscored_values)
        workers = ws.workers.find()
        if workers:
            worker_id = workers[0].id
        else:
            name = f"Campaign worker {uuid.uuid4().hex[:8]}"
            pipe.do({"k": "worker", "name": name})
            worker_id = ws.workers.add(name).id
            pipe.ok()
        drafts = [d for d in ws.observations.drafts() if d.instrument_id == instrument.id]
        obs_id = drafts[0].id if drafts else _start(ws, worker_id, pipe)
        pipe.send({"t": "ready"})
        seq = 0
        while True:
            seq += 1
            roll = rng.random()
            behavior = rng.choice(behaviors)
            if roll < 0.03:
                pipe.do({"k": "finalize", "obs": obs_id.hex})
                ws.observations.finalize(obs_id, allow_partial=True)
                pipe.ok()
                obs_id = _start(ws, worker_id, pipe)
            elif roll < 0.10:
                chosen = rng.sample(behaviors, rng.randint(2, 6))
                items = {b: [rng.choice(values), f"many {seq} {b}"] for b in chosen}
                pipe.do({"k": "many", "obs": obs_id.hex, "items": items})
                ws.observations.rate_many(obs_id, {b: (v, n) for b, (v, n) in items.items()})
                pipe.ok()
            elif roll < 0.35:
                note = f"note {seq}"
                pipe.do({"k": "note", "obs": obs_id.hex, "b": behavior, "n": note})
                ws.observations.set_evidence(obs_id, behavior, note)
                pipe.ok()
            else:
                value = rng.choice(values)
                pipe.do({"k": "rate", "obs": obs_id.hex, "b": behavior, "v": value})
                ws.observations.rate(obs_id, behavior, value)
                pipe.ok()


def _start(ws: Workspace, worker_id: uuid.UUID, pipe: _Pipe) -> uuid.UUID:
    pipe.do({"k": "start"})
    detail = ws.observations.start(worker_id, "cpm-practice", "home_visit")
    pipe.ok(id=detail.id.hex)
    return detail.id


def _export_life(data_dir: Path, rng: random.Random, options: dict[str, Any],
                 pipe: _Pipe) -> None:
    """Seal bundles into the export folder in a loop, with a rating between some of them."""
    out_dir = Path(options["out_dir"])
    with Workspace.open(data_dir) as ws:
        obs_id = uuid.UUID(options["draft"])
        instrument = ws.observations.get(obs_id).instrument
        behaviors = [item.id for item in instrument.items]
        values = instrument.scale.scored_values
        pipe.send({"t": "ready"})
        while True:
            if rng.random() < 0.3:
                behavior, value = rng.choice(behaviors), rng.choice(values)
                pipe.do({"k": "rate", "obs": obs_id.hex, "b": behavior, "v": value})
                ws.observations.rate(obs_id, behavior, value)
                pipe.ok()
            pipe.do({"k": "export"})
            result = ws.exchange.export(out_dir, options["recipient"], full=rng.random() < 0.5)
            pipe.ok(file=result.path.name)


def _backup_life(data_dir: Path, rng: random.Random, _options: dict[str, Any],
                 pipe: _Pipe) -> None:
    """Add workers, back up, restore an earlier backup of this life, take the daily backup."""
    with Workspace.open(data_dir) as ws:
        backups = ws.paths.backups
        made: list[str] = []
        pipe.send({"t": "ready"})
        seq = 0
        while True:
            seq += 1
            roll = rng.random()
            if roll < 0.35:
                name = f"Backup worker {uuid.uuid4().hex[:8]}"
                pipe.do({"k": "worker", "name": name})
                ws.workers.add(name)
                pipe.ok()
            elif roll < 0.85 or not made:
                name = f"campaign-{uuid.uuid4().hex[:8]}.sqlite3"
                pipe.do({"k": "backup", "file": name})
                ws.maintenance.backup(backups / name)
                made.append(name)
                pipe.ok()
            elif roll < 0.95:
                name = rng.choice(made)
                pipe.do({"k": "restore", "file": name})
                ws.maintenance.restore(backups / name)
                pipe.ok()
            else:
                day = f"2030{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                pipe.do({"k": "auto", "day": day})
                path = ws.maintenance.auto_backup(keep=3, today=day)
                pipe.ok(file=path.name if path else None)
