"""The window on a full disk, a database locked by another program, a read-only folder: the
coach reads a sentence, ratings shown as saved stay saved, nothing hangs."""

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.storage import engine
from cfpm_coach.ui.shell.app import run_app
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.fault_env import FULL_DISK_MODES, full_disk, locked_by_another_process, read_only
from tests.ui.conftest import returning_coach, wait_idle
from tests.ui.journeys import steps
from tests.ui.windows import window_on

KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)


def _start(qtbot: QtBot, win: MainWindow) -> None:
    """A worker added, then Ctrl+N and Enter in New observation: the checklist of that worker."""
    steps.add_worker(qtbot, win, "Ana Reyes", office="North")
    steps.start_by_keyboard(qtbot, win)
    qtbot.waitUntil(lambda: steps.on_checklist_of(win, "Ana Reyes"), timeout=10_000)
    wait_idle(qtbot, win)


def _rate(qtbot: QtBot, win: MainWindow, behavior: str, value: int) -> None:
    qtbot.keyClick(win.checklist.rows[behavior], KEYS[value - 1])
    wait_idle(qtbot, win)


def _stored(db: Path) -> dict[str, int | None]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT behavior_id, value FROM rating").fetchall())
    finally:
        conn.close()


@pytest.mark.parametrize("mode", FULL_DISK_MODES)
def test_a_rating_on_a_full_disk_says_so_and_earlier_ratings_stay(
        qtbot: QtBot, qapp, mode: str, tmp_path: Path,  # type: ignore[no-untyped-def]
        messages: list[str]) -> None:
    with (full_disk(mode, tmp_path) as disk,
          window_on(qtbot, returning_coach(disk.data_dir)) as win):
        _start(qtbot, win)
        order = win.checklist._order
        saved: dict[str, int] = {}
        for index, behavior in enumerate(order[:3]):
            _rate(qtbot, win, behavior, 1 + index % 3)
            saved[behavior] = 1 + index % 3
        assert win.checklist.save_state.text().startswith("Saved")
        assert win.workspace is not None
        disk.fill(win.workspace.store)
        refused = None
        for step in range(300):  # until a write needs space that is not there
            behavior, value = order[(3 + step) % len(order)], 1 + step % 3
            if win.checklist.rows[behavior].value == value:
                value = 1 + (value % 3)
            _rate(qtbot, win, behavior, value)
            if messages:
                refused = behavior
                break
            saved[behavior] = value
        assert refused is not None, "the disk never filled up"
        assert messages[0].startswith("The disk is full: the change could not be saved, and "
                                      "nothing was changed")
        # The checklist shows what the database holds again: the refused value is not there.
        qtbot.waitUntil(lambda: all(win.checklist.rows[b].value == v for b, v in saved.items()),
                        timeout=5_000)
        disk.free()
        db = win.workspace.store.path
        assert db is not None
        stored = _stored(db)
        assert {b: stored[b] for b in saved} == saved
        _rate(qtbot, win, refused, 2 if win.checklist.rows[refused].value != 2 else 3)
        assert len(messages) == 1 and win.checklist.save_state.text().startswith("Saved")


def test_a_rating_while_another_program_holds_the_database(
        qtbot: QtBot, qapp, data_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    with window_on(qtbot, returning_coach(data_dir)) as win:
        _start(qtbot, win)
        first, second = win.checklist._order[:2]
        _rate(qtbot, win, first, 2)
        with locked_by_another_process(data_dir / "cfpm-coach.sqlite3"):
            _rate(qtbot, win, second, 3)
            qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
        assert "is in use by another program" in messages[0]
        assert "nothing was changed" in messages[0]
        wait_idle(qtbot, win)
        assert win.checklist.rows[second].value is None  # shown as it is stored
        _rate(qtbot, win, second, 3)  # the other program let go
        assert _stored(data_dir / "cfpm-coach.sqlite3") == {first: 2, second: 3}
        assert len(messages) == 1


def test_a_read_only_data_folder_is_named_at_start_and_nothing_is_created(
        qtbot: QtBot, qapp, tmp_path: Path,  # type: ignore[no-untyped-def]
        messages: list[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        assert run_app(folder) == 1
    assert len(messages) == 1 and "cannot be written" in messages[0]
    assert os.listdir(folder) == []
