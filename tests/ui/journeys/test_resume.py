"""A draft left open by a crash (kill -9 of a real app process) is resumed where rating stopped."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, click, find_button, press, when_modal
from tests.ui.windows import window_on

ROOT = Path(__file__).resolve().parents[3]
RATED_BEFORE_KILL = 5


def _rate_then_kill(data_dir: Path) -> list[tuple[str, int]]:
    """A real app process rates five behaviors by keyboard, then is killed with SIGKILL."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.app_child", str(data_dir), str(RATED_BEFORE_KILL)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"})
    assert child.stdout is not None
    acks: list[tuple[str, int]] = []
    try:
        assert child.stdout.readline().strip() == "READY"
        while (line := child.stdout.readline().strip()) != "DONE":
            _, behavior, value = line.split()
            acks.append((behavior, int(value)))
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    return acks


@pytest.mark.slow
def test_resumed_draft_puts_the_first_key_on_the_first_unrated_behavior(
        qtbot: QtBot, data_dir: Path) -> None:
    """Problem 3: after kill -9 and Resume, the first key press overwrote behavior 1."""
    acks = _rate_then_kill(data_dir)
    assert len(acks) == RATED_BEFORE_KILL

    resumed = when_modal(QMessageBox, lambda _box: press(Qt.Key.Key_Return))
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(resumed), timeout=20_000)
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Ana Reyes"), timeout=10_000)
        wait_idle(qtbot, window)
        activate(qtbot, window)
        checklist = window.checklist
        order = checklist._order
        before = {b: row.value for b, row in checklist.rows.items()}
        assert before == {b: dict(acks).get(b) for b in order}
        first_unrated = order[RATED_BEFORE_KILL]
        assert QApplication.focusWidget() is checklist.rows[first_unrated]
        area = checklist.scroll_area
        row = checklist.rows[first_unrated]
        top = row.mapTo(area.widget(), row.rect().topLeft()).y() - area.verticalScrollBar().value()
        assert 0 <= top < area.viewport().height(), "the focused behavior is out of view"

        press(Qt.Key.Key_3)
        wait_idle(qtbot, window)
        after = {b: row.value for b, row in checklist.rows.items()}
        assert after == {**before, first_unrated: 3}
        assert window.workspace is not None
        stored = window.workspace.observations.get(checklist.detail.id)  # type: ignore[union-attr]
        assert {b: stored.value(b) for b in order} == after


def test_not_now_keeps_the_draft_and_says_so(qtbot: QtBot, data_dir: Path, workspace: object,
                                             draft: object) -> None:
    """Problem 11: the resume prompt's "No" did not say the draft stays."""
    from cfpm_coach.ui.flows.observation_flow import OPEN_OBSERVATION_KEY

    workspace.profile.set_setting(OPEN_OBSERVATION_KEY, str(draft.id))  # type: ignore[attr-defined]
    workspace.close()  # type: ignore[attr-defined]
    texts: list[str] = []

    def answer(box: QMessageBox) -> None:
        texts.append(box.text() + " " + box.informativeText())
        click(qtbot, find_button(box, "Not now (keep the draft)"))

    answered = when_modal(QMessageBox, answer)
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(answered), timeout=20_000)
        wait_idle(qtbot, window)
        assert "keeps the draft" in texts[0] and "Resume rating" in texts[0]
        assert window.pages.currentWidget() is window.worker_page
        assert window.workspace is not None
        assert [d.id for d in window.workspace.observations.drafts()] == [draft.id]  # type: ignore[attr-defined]
