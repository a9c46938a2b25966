"""The command line on a full disk, a read-only folder, a locked or a damaged database: a
sentence on stderr and exit code 1, never a traceback; `recover` puts a good backup back."""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from cfpm_coach.cli import main
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import engine
from tests.fault_env import (
    FULL_DISK_MODES,
    damage_table,
    full_disk,
    locked_by_another_process,
    read_only,
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _names(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM worker"))
    finally:
        conn.close()


@pytest.mark.parametrize("mode", FULL_DISK_MODES)
def test_backup_on_a_full_disk(mode: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    with full_disk(mode, tmp_path) as disk:
        data = str(disk.data_dir)
        assert run(capsys, "--data-dir", data, "workers", "add", "Ana Reyes")[0] == 0
        # The app is open meanwhile: its connection keeps the store's -wal and -shm in place.
        app = sqlite3.connect(disk.data_dir / "cfpm-coach.sqlite3")
        app.execute("SELECT count(*) FROM worker").fetchone()
        disk.fill()
        target = disk.root / "copy.sqlite3"
        code, _, err = run(capsys, "--data-dir", data, "backup", str(target))
        app.close()
        assert code == 1
        assert err.startswith("cfpm-coach: The disk is full: the backup could not be written, "
                              "and nothing was changed")
        assert "Traceback" not in err
        assert not target.exists() and not list(disk.root.glob(".copy*"))
        disk.free()
        assert run(capsys, "--data-dir", data, "backup", str(target))[0] == 0


def test_a_rating_command_on_a_really_full_disk(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with full_disk("tmpfs", tmp_path) as disk:
        data = str(disk.data_dir)
        assert run(capsys, "--data-dir", data, "workers", "add", "Ana Reyes")[0] == 0
        disk.fill()
        # Nothing holds the store open, so even its -shm must be made anew: no space for it.
        code, _, err = run(capsys, "--data-dir", data, "workers", "add", "Refused")
        assert code == 1 and err.startswith("cfpm-coach: The disk is full: the data could not")
        assert "nothing was changed" in err and "Traceback" not in err
        disk.free()
        assert _names(disk.data_dir / "cfpm-coach.sqlite3") == ["Ana Reyes"]


def test_a_read_only_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        code, _, err = run(capsys, "--data-dir", str(folder), "workers", "list")
    assert code == 1 and "cannot be written" in err and "Traceback" not in err
    assert os.listdir(folder) == []


def test_a_database_locked_by_another_process(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    assert run(capsys, "--data-dir", str(data_dir), "workers", "add", "Ana Reyes")[0] == 0
    with locked_by_another_process(data_dir / "cfpm-coach.sqlite3"):
        code, _, err = run(capsys, "--data-dir", str(data_dir), "workers", "add", "Refused")
    assert code == 1 and "is in use by another program" in err
    assert _names(data_dir / "cfpm-coach.sqlite3") == ["Ana Reyes"]


def test_a_damaged_database_names_the_backup_and_recover_restores_it(
        data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
        ws.maintenance.auto_backup(today="20250101")
        ws.workers.add("After the backup")
    db = data_dir / "cfpm-coach.sqlite3"
    damage_table(db, "worker")
    damaged = hashlib.sha256(db.read_bytes()).hexdigest()

    code, _, err = run(capsys, "--data-dir", str(data_dir), "workers", "list")
    assert code == 1 and "is damaged" in err
    assert "auto-20250101.sqlite3" in err and "1 workers, 0 observations, 0 ratings" in err
    assert "recover" in err

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "recover")
    assert code == 1 and "--yes" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == damaged
    assert not list(data_dir.glob("*.damaged-*"))

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "recover", "--yes")
    assert code == 0 and "The damaged file was kept as" in out
    [aside] = [p for p in data_dir.glob("cfpm-coach.sqlite3.damaged-*")
               if not p.name.endswith(("-wal", "-shm"))]
    assert hashlib.sha256(aside.read_bytes()).hexdigest() == damaged
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "workers", "list", "--json")
    assert code == 0 and "Ana Reyes" in out and "After the backup" not in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "recover")
    assert code == 0 and "nothing to recover" in out
