"""Kill the real app with SIGKILL mid-observation; the window reopened on the same data shows
every rating it had shown as saved, and offers the draft back."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.shell.app import open_main_window
from tests.ui.conftest import wait_idle

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_draft_survives_sigkill_and_is_offered_back(qtbot: QtBot, data_dir: Path, qapp,  # type: ignore[no-untyped-def]
                                                    messages: list[str]) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.app_child", str(data_dir)], cwd=ROOT,
        stdout=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    acks: list[tuple[str, int]] = []
    try:
        assert child.stdout.readline().strip() == "READY"
        for _ in range(30):  # more than 22: some behaviors are re-rated
            _, behavior, value = child.stdout.readline().split()
            acks.append((behavior, int(value)))
        os.kill(child.pid, signal.SIGKILL)
        for line in child.stdout:
            _, behavior, value = line.split()
            acks.append((behavior, int(value)))
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    acknowledged = dict(acks)
    assert len(acknowledged) == 22

    # The resume prompt is read and answered with its default, "Resume rating".
    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.checklist
                    and window.checklist.detail is not None, timeout=20_000)
    wait_idle(qtbot, window)
    assert len(messages) == 1 and messages[0].startswith("The observation of Ana Reyes started")
    shown = {b: row.value for b, row in window.checklist.rows.items()}
    # The keypress after the last ACK may have committed before the kill: that one behavior may
    # show its newer value. Every other acknowledged rating is exactly as it was shown.
    order = window.checklist._order
    in_flight, in_flight_value = order[len(acks) % 22], 1 + len(acks) % 3
    for behavior, value in acknowledged.items():
        if behavior == in_flight:
            assert shown[behavior] in (value, in_flight_value)
        else:
            assert shown[behavior] == value, behavior
    window.close()
    window.backend.shutdown()

