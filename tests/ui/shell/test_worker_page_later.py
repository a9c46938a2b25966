"""The worker page's parts (chart, tables, focus panel) are hidden until a worker is chosen: they
are built once the worker list is on screen, or at once when something asks for one."""

from pathlib import Path

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.runtime import gc_guard
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.widgets.worker_page import WorkerPage
from tests.ui.conftest import returning_coach
from tests.ui.journeys.steps import click_worker_row, shown_worker


def _built(page: WorkerPage) -> bool:
    return page.findChild(QTableView, "observationsTable") is not None


def test_the_page_waits_to_be_asked(qtbot: QtBot) -> None:
    page = WorkerPage()
    qtbot.addWidget(page)
    page.show()
    qtbot.wait(50)
    assert not _built(page)
    page.build_soon()
    qtbot.waitUntil(lambda: _built(page))
    assert page.stack.currentWidget() is page.empty


def test_a_part_asked_for_first_builds_the_page_at_once(qtbot: QtBot) -> None:
    page = WorkerPage()
    qtbot.addWidget(page)
    assert page.goals_model.rowCount() == 0
    assert page.findChild(QTableView, "goalsTable") is page.goals


def test_the_window_builds_the_page_after_the_list_is_filled(qtbot: QtBot, data_dir: Path,
                                                             qapp: object) -> None:
    with Workspace.open(returning_coach(data_dir)) as ws:
        ws.workers.add("Ana Diaz", office="Harbor")
    application()
    window = open_main_window(data_dir)
    built_when_filled: list[bool] = []
    model = window.workers_panel.model
    model.modelReset.connect(lambda: built_when_filled.append(_built(window.worker_page))
                             if model.rowCount() else None)
    window.show()
    try:
        qtbot.waitUntil(lambda: built_when_filled != [], timeout=20_000)
        assert built_when_filled[0] is False  # the list first, on its own
        qtbot.waitUntil(lambda: _built(window.worker_page), timeout=5_000)
        click_worker_row(qtbot, window, "Ana Diaz")
        qtbot.waitUntil(lambda: shown_worker(window) == "Ana Diaz", timeout=5_000)
    finally:
        window.close()
        window.backend.shutdown()
        gc_guard.release(window)
