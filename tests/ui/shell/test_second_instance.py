"""A second start on a data folder another process has open says so; the command line will not
restore under it; once that process is gone (even killed), the folder is free again."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cfpm_coach.cli import main
from cfpm_coach.paths import AppPaths
from cfpm_coach.services import instance
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.shell.app import run_app
from cfpm_coach.ui.shell.instance import acquire

ROOT = Path(__file__).resolve().parents[3]
_FIRST_WINDOW = """
import sys
from pathlib import Path
from cfpm_coach.paths import AppPaths
from cfpm_coach.ui.shell.instance import acquire
lock = acquire(AppPaths(Path(sys.argv[1])))
print("HELD", flush=True)
sys.stdin.read()
"""


def test_a_second_start_on_an_open_folder_is_refused(
        qtbot: QtBot, qapp, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        messages: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
        backup = ws.maintenance.backup(tmp_path / "b.sqlite3")
    first = subprocess.Popen([sys.executable, "-c", _FIRST_WINDOW, str(data_dir)], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert first.stdout is not None
    try:
        assert first.stdout.readline().strip() == "HELD"
        assert instance.app_holds(AppPaths(data_dir))
        assert run_app(data_dir) == 1
        assert len(messages) == 1 and "already open on the data folder" in messages[0]
        assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 1
        assert "close it before restoring a backup" in capsys.readouterr().err
    finally:
        os.kill(first.pid, signal.SIGKILL)  # gone without unlocking, as after a crash
        first.wait(timeout=10)
    assert not instance.app_holds(AppPaths(data_dir))
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    lock = acquire(AppPaths(data_dir))  # the dead process's lock file is taken over
    assert lock.isLocked()
    lock.unlock()
