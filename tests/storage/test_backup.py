"""Backup then restore gives identical rows; a bad backup changes nothing."""

import sqlite3
from pathlib import Path

import pytest

from cfpm_coach.errors import BackupError
from cfpm_coach.services.workspace import Workspace

TABLES = ("coach", "device", "worker", "observation", "observation_amendment", "rating", "goal",
          "audit_log", "change_counter")


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_backup_then_restore_gives_identical_rows(workspace: Workspace, tmp_path: Path) -> None:
    workspace.demo.generate(workers=3, months=2, seed=1)
    backup = workspace.maintenance.backup(tmp_path / "copy.sqlite3")
    saved = _rows(workspace.store.path)
    assert _rows(backup) == saved

    # Change everything after the backup, then restore.
    workspace.workers.add("Added after the backup")
    worker = workspace.workers.find()[0]
    workspace.workers.set_active(worker.id, not worker.active)
    assert _rows(workspace.store.path) != saved

    safety = workspace.maintenance.restore(backup)
    assert _rows(workspace.store.path) == saved
    assert "Added after the backup" in {r[7] for r in _rows(safety)["worker"]}
    with Workspace.open(workspace.paths.data_dir) as reopened:
        assert reopened.maintenance.check().ok
        assert "Added after the backup" not in {w.name for w in reopened.workers.find()}


def test_backup_is_a_single_private_file(workspace: Workspace, tmp_path: Path) -> None:
    workspace.workers.add("Someone")
    backup = workspace.maintenance.backup(tmp_path / "b.sqlite3")
    assert backup.stat().st_mode & 0o077 == 0
    assert not backup.with_name(backup.name + "-wal").exists()
    assert not list(tmp_path.glob(".*partial"))


def test_restore_of_a_corrupt_file_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    workspace.workers.add("Kept")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BackupError):
        workspace.maintenance.restore(bad)
    assert [w.name for w in workspace.workers.find()] == ["Kept"]
