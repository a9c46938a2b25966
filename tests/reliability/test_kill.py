"""A rating acknowledged by the services survives SIGKILL of the process right after."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.observations import ObservationDetail

ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(data_dir: Path, observation_id: str, acks_before_kill: int) -> dict[str, int]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.rater_child", str(data_dir), observation_id],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    acknowledged: dict[str, int] = {}
    try:
        assert child.stdout.readline().strip() == "READY"
        for _ in range(acks_before_kill):
            _, behavior, seq = child.stdout.readline().split()
            acknowledged[behavior] = int(seq)
        os.kill(child.pid, signal.SIGKILL)  # mid-write: the next rating is in flight
        # Lines already written before the kill were acknowledged too.
        for line in child.stdout:
            _, behavior, seq = line.split()
            acknowledged[behavior] = int(seq)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    return acknowledged


@pytest.mark.slow
@pytest.mark.parametrize("acks_before_kill", [5, 37, 80])
def test_acknowledged_ratings_survive_sigkill(workspace: Workspace, draft: ObservationDetail,
                                              acks_before_kill: int) -> None:
    workspace.close()
    acknowledged = _run_and_kill(workspace.paths.data_dir, str(draft.id), acks_before_kill)
    assert len(acknowledged) >= min(acks_before_kill, 22)

    db = workspace.store.path
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Workspace.open(workspace.paths.data_dir) as reopened:
        detail = reopened.observations.get(draft.id)
        for behavior, seq in acknowledged.items():
            stored = detail.ratings[behavior]
            stored_seq = int(stored.note.split()[1])
            # The acknowledged write is there, or a later one that committed before the kill.
            assert stored_seq >= seq, (behavior, seq, stored_seq)
            # Value and note are two commits: the value may already be the next round's.
            next_round = stored_seq + len(detail.instrument.items)
            assert stored.value in (1 + stored_seq % 3, 1 + next_round % 3)
