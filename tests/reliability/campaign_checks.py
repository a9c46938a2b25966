"""What the crash campaign checks after each kill, read straight from the files on disk.

The parent keeps a model of what the child acknowledged: keys ("w", worker name), ("s", observation
id) -> status, ("v", observation, behavior) -> value, ("n", observation, behavior) -> note. After a
kill the database must equal the model, or the model with the one write in flight applied whole.
"""

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cfpm_coach.errors import BackupError
from cfpm_coach.storage.backup import verify_backup

State = dict[tuple[str, ...], Any]
# Temp files the app writes before renaming into place (".name.partial" and "name.partial"),
# with SQLite's journals of a temp database.
TEMP_NAME = re.compile(r"^\.?[^/]+\.partial(-journal|-wal|-shm)?$")


def read_state(db: Path) -> State:
    """Workers, observation statuses, rating values and notes in a database file (read-only)."""
    if not db.exists() or db.stat().st_size == 0:
        return {}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "worker" not in tables:  # killed before the first migration committed
            return {}
        state: State = {("w", name): 1 for (name,) in conn.execute(
            "SELECT name FROM worker WHERE deleted_at IS NULL")}
        for obs_id, status in conn.execute(
                "SELECT id, status FROM observation WHERE deleted_at IS NULL"):
            state["s", obs_id] = status
        for obs_id, behavior, value, note in conn.execute(
                "SELECT observation_id, behavior_id, value, note FROM rating "
                "WHERE deleted_at IS NULL"):
            if value is not None:
                state["v", obs_id, behavior] = value
            if note:
                state["n", obs_id, behavior] = note
        return state
    finally:
        conn.close()


def integrity(db: Path) -> str:
    """SQLite's integrity_check of the file ("ok" when sound; a missing file is sound)."""
    if not db.exists():
        return "ok"
    try:
        # Read-write, as the app opens it: a committed write still in the -wal is recovered.
        conn = sqlite3.connect(db, timeout=10)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"cannot check: {exc}"
    return "; ".join(str(r[0]) for r in rows)


def effect(model: State, op: dict[str, Any], result: dict[str, Any],
           snapshots: dict[str, State]) -> State:
    """The model after an acknowledged operation (result: what the child's "ok" carried)."""
    after = dict(model)
    kind = op["k"]
    if kind == "worker":
        after["w", op["name"]] = 1
    elif kind == "start" and "id" in result:
        after["s", result["id"]] = "draft"
    elif kind == "rate":
        after["v", op["obs"], op["b"]] = op["v"]
    elif kind == "note":
        after["n", op["obs"], op["b"]] = op["n"]
    elif kind == "many":
        for behavior, (value, note) in op["items"].items():
            after["v", op["obs"], behavior] = value
            after["n", op["obs"], behavior] = note
    elif kind == "finalize":
        after["s", op["obs"]] = "final"
    elif kind == "restore":
        after = dict(snapshots[op["file"]])
    return after


def ratings_in(op: dict[str, Any]) -> int:
    """How many ratings or notes an operation writes."""
    if op["k"] in ("rate", "note"):
        return 1
    if op["k"] == "many":
        return 2 * len(op["items"])
    return 0


@dataclass
class Verdict:
    """How the database compares with what was acknowledged."""

    lost_ratings: int = 0
    losses: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def reconcile(model: State, db: State, pending: dict[str, Any] | None,
              snapshots: dict[str, State]) -> Verdict:
    """The database must be the model, or the model plus the whole write in flight."""
    if db == model:
        return Verdict()
    if pending is not None:
        if pending["k"] == "start":
            # The new observation's id was never acknowledged: accept exactly one new draft.
            new = [k for k in db.keys() - model.keys() if k[0] == "s" and db[k] == "draft"]
            if len(new) == 1 and db == {**model, new[0]: "draft"}:
                return Verdict()
        elif db == effect(model, pending, {}, snapshots):
            return Verdict()
    verdict = Verdict()
    in_flight: State = {}
    if pending is not None and pending["k"] not in ("start", "restore"):
        after = effect(model, pending, {}, snapshots)
        in_flight = {k: v for k, v in after.items() if model.get(k) != v}
    applied = {k for k, v in in_flight.items() if db.get(k) == v}
    if applied and applied != set(in_flight):
        verdict.problems.append(f"the write in flight was half applied: {pending}")
    for key in sorted(model.keys() | db.keys(), key=repr):
        if model.get(key) == db.get(key) or key in applied:
            continue
        if key in model and key[0] in ("v", "n"):
            verdict.lost_ratings += 1
            verdict.losses.append(f"lost {key}: acknowledged {model[key]!r}, "
                                    f"found {db.get(key)!r}")
        else:
            verdict.problems.append(f"{key}: expected {model.get(key)!r}, found {db.get(key)!r}")
    return verdict


def _is_temp(path: Path) -> bool:
    return bool(TEMP_NAME.match(path.name))


def check_backups(folder: Path, acknowledged: dict[str, State]) -> tuple[list[str], int]:
    """Every file under a final name is a complete backup; every acknowledged one is there
    with the content it had. Checked files are removed; returns (problems, backups verified)."""
    problems: list[str] = []
    verified = 0
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in entries:
        if _is_temp(path):
            continue
        if path.suffix != ".sqlite3":
            problems.append(f"unexpected file in the backups folder: {path.name}")
            continue
        try:
            verify_backup(path)
        except BackupError as exc:
            problems.append(f"a backup under its final name does not verify: {exc}")
            continue
        verified += 1
        if path.name in acknowledged and read_state(path) != acknowledged[path.name]:
            problems.append(f"backup {path.name} does not hold what it held when acknowledged")
    for name in acknowledged:
        if not (folder / name).exists():
            problems.append(f"acknowledged backup {name} is missing")
    _remove(entries)
    return problems, verified


def check_bundles(folder: Path, acknowledged: Iterable[str], identity: Any,
                  trusted: list[Any]) -> tuple[list[str], int]:
    """Every file under a final name is a bundle that opens and verifies; every acknowledged
    one is there. Checked files are removed; returns (problems, bundles verified)."""
    from cfpm_coach.services.exchange import SUFFIX
    from cfpm_coach.sync import bundle

    problems: list[str] = []
    verified = 0
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in entries:
        if _is_temp(path):
            continue
        if not path.name.endswith(SUFFIX):
            problems.append(f"unexpected file in the export folder: {path.name}")
            continue
        try:
            bundle.open_bundle(path.read_bytes(), identity, trusted)
        except Exception as exc:
            problems.append(f"a bundle under its final name does not open: {path.name}: {exc}")
            continue
        verified += 1
    names = {p.name for p in entries}
    problems += [f"acknowledged bundle {name} is missing" for name in acknowledged
                 if name not in names]
    _remove(entries)
    return problems, verified


def _remove(paths: list[Path]) -> None:
    """Checked files go, so the folders stay small over hundreds of kills."""
    for path in paths:
        path.unlink(missing_ok=True)
