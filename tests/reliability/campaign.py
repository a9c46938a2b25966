"""The crash campaign: children rate, export and back up through the services; the parent kills
them with SIGKILL at random moments and checks the files after every kill.

  python -m tests.reliability.campaign --kills 200 --seed 1     (`make reliability`)

Prints kills, acknowledged ratings, lost ratings and integrity failures; exits 1 on any loss,
integrity failure or other problem. A short run of the same driver is part of `make test`.
"""

import argparse
import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tests.reliability import campaign_checks as checks
from tests.reliability.campaign_child import run_life

MODES = {"rate": 0.6, "export": 0.2, "backup": 0.2}
# When the kill comes: during start-up (open, migration), or after "ready" by a short, medium or
# long delay (seconds).
PHASES = {"startup": 0.2, "short": 0.25, "medium": 0.4, "long": 0.15}
DELAYS = {"short": (0.0, 0.02), "medium": (0.02, 0.3), "long": (0.3, 1.5)}
# Until an export (backup) child has acknowledged a bundle (backup file), the kill delay of an
# export (backup) life counts from its first acknowledged file, not from "ready": a loaded
# machine can take longer than any delay to seal the first bundle, and the campaign must check
# at least one file that was acknowledged before a kill.
FILE_MODES = ("export", "backup")
READY_TIMEOUT = 60.0


@dataclass
class Figures:
    """What a campaign did and found."""

    kills: int = 0
    acknowledged_ratings: int = 0
    lost_ratings: int = 0
    integrity_failures: int = 0
    bundles_verified: int = 0
    backups_verified: int = 0
    seconds: float = 0.0
    modes: Counter[str] = field(default_factory=Counter)
    phases: Counter[str] = field(default_factory=Counter)
    losses: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No loss, no integrity failure, no other problem."""
        return not (self.lost_ratings or self.integrity_failures or self.problems)

    def report(self) -> str:
        """The figures as lines for a person."""
        modes = ", ".join(f"{k} {v}" for k, v in sorted(self.modes.items()))
        phases = ", ".join(f"{k} {v}" for k, v in sorted(self.phases.items()))
        lines = [
            f"kills: {self.kills} ({modes}; {phases})",
            f"acknowledged ratings: {self.acknowledged_ratings}",
            f"lost ratings: {self.lost_ratings}",
            f"integrity failures: {self.integrity_failures}",
            f"other problems: {len(self.problems)}",
            f"bundles verified: {self.bundles_verified}, backups verified: "
            f"{self.backups_verified}, time: {self.seconds:.1f} s",
        ]
        details = self.losses[:20] + self.problems[:30]
        return "\n".join(lines + [f"  {line}" for line in details])


def _allocate(rng: random.Random, weights: dict[str, float], total: int) -> list[str]:
    """total labels in proportion to weights, every label at least once, shuffled."""
    counts = {k: max(1, round(w * total)) for k, w in weights.items()}
    largest = max(counts, key=lambda k: counts[k])
    counts[largest] += total - sum(counts.values())
    labels = [k for k, n in counts.items() for _ in range(n)]
    rng.shuffle(labels)
    return labels


@dataclass
class _Target:
    """A data folder under test, with the model of what was acknowledged in it."""

    mode: str
    data_dir: Path
    model: checks.State
    options: dict[str, Any] = field(default_factory=dict)
    snapshots: dict[str, checks.State] = field(default_factory=dict)

    @property
    def db(self) -> Path:
        return self.data_dir / "cfpm-coach.sqlite3"


@dataclass
class _Life:
    """What one child said before it died."""

    pending: dict[str, Any] | None = None
    ready_after: float | None = None
    acked_ratings: int = 0
    acked_files: list[str] = field(default_factory=list)
    acked_backups: dict[str, checks.State] = field(default_factory=dict)
    error: str | None = None


class Campaign:
    """Seeded kills of children working on real data folders under root."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.figures = Figures()
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["tests.reliability.campaign_child"])
        self.ready_estimate = {"existing": 0.1, "fresh": 0.6, "old": 0.8}
        self._fresh = 0
        self._modes_with_file: set[str] = set()
        self.targets = self._setup()

    # -- set-up ------------------------------------------------------------------------------

    def _setup(self) -> dict[str, _Target]:
        from cfpm_coach.services.workspace import Workspace
        from cfpm_coach.sync import keys

        rate = _Target("rate", self.root / "rate", {})
        export_dir = self.root / "export"
        with Workspace.open(export_dir) as ws:
            ws.demo.generate(workers=3, months=2, seed=1)
            worker = ws.workers.add("Export worker")
            draft = ws.observations.start(worker.id, "cpm-practice", "home_visit")
            self.trusted = [keys.public_from_text(ws.exchange.device_public_key())]
        identity_file = self.root / "team.key"
        recipient = keys.new_team_identity(identity_file)
        self.identity = keys.load_identity(identity_file)
        export = _Target("export", export_dir, {}, {
            "out_dir": str(self.root / "bundles"), "recipient": recipient,
            "draft": draft.id.hex})
        backup_dir = self.root / "backup"
        with Workspace.open(backup_dir) as ws:
            ws.demo.generate(workers=2, months=1, seed=2)
        backup = _Target("backup", backup_dir, {})
        self.template = self._old_schema_template(self.root / "template-old")
        for target in (export, backup):
            target.model = checks.read_state(target.db)
        return {"rate": rate, "export": export, "backup": backup}

    @staticmethod
    def _old_schema_template(data_dir: Path) -> Path:
        """A store with data, taken back to the previous schema: the child migrates it."""
        from alembic import command

        from cfpm_coach.services.workspace import Workspace
        from cfpm_coach.storage.engine import make_engine
        from cfpm_coach.storage.migrate import alembic_config, known_revisions

        with Workspace.open(data_dir) as ws:
            worker = ws.workers.add("Before the upgrade")
            obs = ws.observations.start(worker.id, "cpm-practice", "home_visit")
            for item in obs.instrument.items[:5]:
                ws.observations.rate(obs.id, item.id, 2)
            db = ws.store.path
        assert db is not None
        engine = make_engine(db, foreign_keys=False)
        try:
            with engine.connect() as connection:
                config = alembic_config()
                config.attributes["connection"] = connection
                command.downgrade(config, known_revisions()[-2])
                connection.commit()
        finally:
            engine.dispose()
        return data_dir

    def _startup_target(self) -> tuple[_Target, str]:
        """For a start-up kill of a rating child: the usual folder, a new one, or an old one."""
        variant = self.rng.choice(("existing", "fresh", "old"))
        if variant == "existing":
            return self.targets["rate"], variant
        self._fresh += 1
        data_dir = self.root / f"{variant}-{self._fresh}"
        if variant == "old":
            shutil.copytree(self.template, data_dir)
        return _Target("rate", data_dir, checks.read_state(data_dir / "cfpm-coach.sqlite3")), \
            variant

    # -- one life ----------------------------------------------------------------------------

    def _live(self, target: _Target, phase: str, variant: str) -> _Life:
        reader, writer = self.context.Pipe(duplex=False)
        seed = self.rng.randrange(2**32)
        child = self.context.Process(
            target=run_life, args=(target.mode, str(target.data_dir), seed, target.options,
                                    writer), daemon=True)
        began = time.monotonic()
        child.start()
        writer.close()
        life = _Life()
        if phase == "startup":
            deadline = began + self.rng.uniform(0, 1.2 * self.ready_estimate[variant])
        else:
            deadline = began + READY_TIMEOUT
        after_file = (phase != "startup" and target.mode in FILE_MODES
                      and target.mode not in self._modes_with_file)
        alive = self._listen(reader, target, life, deadline, began, phase, after_file)
        if alive:
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        self._drain(reader, target, life, began)
        child.join(30)
        reader.close()
        if alive and child.exitcode != -signal.SIGKILL:
            self.figures.problems.append(f"child exit code {child.exitcode} after SIGKILL")
        if not alive:
            self.figures.problems.append(
                f"a {target.mode} child stopped by itself (exit {child.exitcode}): "
                f"{(life.error or '').strip().splitlines()[-1:]}")
        if life.acked_files or life.acked_backups:
            self._modes_with_file.add(target.mode)
        if life.ready_after is not None:
            estimate = self.ready_estimate[variant]
            self.ready_estimate[variant] = 0.7 * estimate + 0.3 * life.ready_after
        return life

    def _listen(self, reader: Connection, target: _Target, life: _Life, deadline: float,
                began: float, phase: str, after_file: bool = False) -> bool:
        """Follow the child until the kill deadline; False if it ended first. With after_file,
        the phase's delay starts at the child's first acknowledged bundle or backup file."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if life.ready_after is None and phase != "startup":
                    self.figures.problems.append(f"a {target.mode} child never became ready")
                elif after_file:
                    self.figures.problems.append(
                        f"a {target.mode} child acknowledged no file in {READY_TIMEOUT:.0f} s")
                return True
            try:
                if not reader.poll(remaining):
                    continue
                message = json.loads(reader.recv_bytes())
            except EOFError:
                return False
            self._handle(message, target, life, began)
            if after_file and (life.acked_files or life.acked_backups):
                after_file = False
                low, high = DELAYS[phase]
                deadline = time.monotonic() + self.rng.uniform(low, high)
            elif message["t"] == "ready" and phase != "startup" and not after_file:
                low, high = DELAYS[phase]
                deadline = time.monotonic() + self.rng.uniform(low, high)

    def _drain(self, reader: Connection, target: _Target, life: _Life, began: float) -> None:
        """Messages written before the kill were acknowledged too."""
        while True:
            try:
                message = json.loads(reader.recv_bytes())
            except EOFError:
                return
            self._handle(message, target, life, began)

    def _handle(self, message: dict[str, Any], target: _Target, life: _Life,
                began: float) -> None:
        kind = message["t"]
        if kind == "ready":
            life.ready_after = time.monotonic() - began
        elif kind == "do":
            life.pending = message["op"]
        elif kind == "ok":
            op = life.pending
            assert op is not None, "an ok without its operation"
            target.model = checks.effect(target.model, op, message, target.snapshots)
            life.acked_ratings += checks.ratings_in(op)
            if op["k"] == "backup":
                target.snapshots[op["file"]] = dict(target.model)
                life.acked_backups[op["file"]] = dict(target.model)
            elif op["k"] == "export":
                life.acked_files.append(message["file"])
            life.pending = None
        elif kind == "error":
            life.error = message["trace"]

    # -- after the kill ----------------------------------------------------------------------

    def _check(self, target: _Target, life: _Life, variant: str) -> None:
        figures = self.figures
        figures.acknowledged_ratings += life.acked_ratings
        result = checks.integrity(target.db)
        if result != "ok":
            figures.integrity_failures += 1
            figures.problems.append(f"{target.db}: integrity_check: {result}")
            return
        found = checks.read_state(target.db)
        verdict = checks.reconcile(target.model, found, life.pending, target.snapshots)
        figures.lost_ratings += verdict.lost_ratings
        figures.losses += verdict.losses
        figures.problems += verdict.problems
        target.model = found
        if target.mode == "export":
            problems, verified = checks.check_bundles(
                Path(target.options["out_dir"]), life.acked_files, self.identity, self.trusted)
            figures.problems += problems
            figures.bundles_verified += verified
        elif target.mode == "backup":
            problems, verified = checks.check_backups(target.data_dir / "backups",
                                                      life.acked_backups)
            figures.problems += problems
            figures.backups_verified += verified
            target.snapshots.clear()
        if variant in ("fresh", "old"):
            self._check_reopens(target, found)

    def _check_reopens(self, target: _Target, found: checks.State) -> None:
        """A store killed while being created or migrated opens (and migrates) with its data."""
        from cfpm_coach.services.workspace import Workspace

        try:
            with Workspace.open(target.data_dir):
                pass
        except Exception as exc:
            self.figures.problems.append(f"{target.data_dir.name} does not open: {exc}")
            return
        if checks.read_state(target.db) != found:
            self.figures.problems.append(f"{target.data_dir.name} changed when reopened")
        shutil.rmtree(target.data_dir, ignore_errors=True)

    # -- the run -----------------------------------------------------------------------------

    def run(self, kills: int) -> Figures:
        """Kill children `kills` times; the figures."""
        began = time.monotonic()
        modes = _allocate(self.rng, MODES, kills)
        phases = _allocate(self.rng, PHASES, kills)
        for mode, phase in zip(modes, phases, strict=True):
            variant = "existing"
            target = self.targets[mode]
            if mode == "rate" and phase == "startup":
                target, variant = self._startup_target()
            life = self._live(target, phase, variant)
            self.figures.kills += 1
            self.figures.modes[mode] += 1
            self.figures.phases[phase] += 1
            self._check(target, life, variant)
        self.figures.seconds = time.monotonic() - began
        return self.figures


def run_campaign(root: Path, *, kills: int, seed: int) -> Figures:
    """Set up data folders under root and run the campaign."""
    return Campaign(root, seed).run(kills)


def main(argv: list[str] | None = None) -> int:
    """The long campaign from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run_campaign(args.keep, kills=args.kills, seed=args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="cfpm-campaign-") as root:
            figures = run_campaign(Path(root), kills=args.kills, seed=args.seed)
    print(f"crash campaign, seed {args.seed}")
    print(figures.report())
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
