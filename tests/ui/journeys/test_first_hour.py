"""The coach's first hour on a new store, through the real window and dialogs (issue 16)."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import click, find_button, press, type_text, when_modal
from tests.ui.windows import window_on


def test_enter_in_new_observation_starts_observing(qtbot: QtBot, data_dir: Path) -> None:
    """Problem 4: Ctrl+N, Enter opened "Add worker" instead of starting."""
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        dialog = steps.start_by_keyboard(qtbot, window)
        assert dialog.result() == dialog.DialogCode.Accepted
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Amelia Ortiz"), timeout=10_000)


def test_start_observing_opens_the_checklist_on_a_new_store(qtbot: QtBot, data_dir: Path) -> None:
    """Problem 1: after "Start observing" the window stayed on the worker page."""
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        started = when_modal(StartDialog, lambda d: click(qtbot, find_button(
            d, "Start observing")))
        click(qtbot, window.worker_page.new_button)
        qtbot.waitUntil(lambda: bool(started), timeout=10_000)
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Amelia Ortiz"), timeout=5_000)
        # And it stays there once every reload the start caused has come back.
        qtbot.wait(300)
        wait_idle(qtbot, window)
        assert steps.on_checklist_of(window, "Amelia Ortiz")


def test_new_observation_preselects_the_worker_just_added(qtbot: QtBot, data_dir: Path) -> None:
    """Problem 2: after adding B while A was highlighted, B's page started an observation of A."""
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        steps.click_worker_row(qtbot, window, "Amelia Ortiz")
        assert steps.shown_worker(window) == "Amelia Ortiz"
        steps.add_worker(qtbot, window, "Bruno Lima")
        assert steps.shown_worker(window) == "Bruno Lima"
        assert steps.highlighted_worker(window) == "Bruno Lima"
        preselected: list[str] = []

        def answer(dialog: StartDialog) -> None:
            preselected.append(dialog.worker.currentText())
            click(qtbot, find_button(dialog, "Start observing"))

        when_modal(StartDialog, answer)
        click(qtbot, window.worker_page.new_button)
        qtbot.waitUntil(lambda: bool(preselected), timeout=10_000)
        assert preselected == ["Bruno Lima"]
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Bruno Lima"), timeout=10_000)
        assert steps.highlighted_worker(window) == "Bruno Lima"


def test_an_edit_reloads_the_list_and_the_page_by_itself(qtbot: QtBot, data_dir: Path) -> None:
    """Screens follow what a write reports it changed: no refresh by hand after Edit."""
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        steps.add_worker(qtbot, window, "Bruno Lima")
        steps.click_worker_row(qtbot, window, "Amelia Ortiz")

        def rename(_dialog: WorkerDialog) -> None:
            press(Qt.Key.Key_A, steps.CTRL)
            type_text("Amelia Ortiz Vega")
            press(Qt.Key.Key_Return)

        renamed = when_modal(WorkerDialog, rename)
        click(qtbot, window.worker_page.edit_button)
        qtbot.waitUntil(lambda: bool(renamed), timeout=10_000)
        wait_idle(qtbot, window)
        assert steps.shown_worker(window) == "Amelia Ortiz Vega"
        assert steps.highlighted_worker(window) == "Amelia Ortiz Vega"
        assert sorted(r.name for r in window.workers_panel.model.rows()) == [
            "Amelia Ortiz Vega", "Bruno Lima"]
