"""The worker page's parts (chart, tables, focus panel) are hidden until a worker is chosen: they
are built after the window's first paint, or at once when something asks for one."""

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.widgets.worker_page import WorkerPage


def test_the_page_is_built_after_the_first_paint(qtbot: QtBot) -> None:
    page = WorkerPage()
    qtbot.addWidget(page)
    assert page.findChild(QTableView, "observationsTable") is None
    page.show()
    qtbot.waitUntil(lambda: page.findChild(QTableView, "observationsTable") is not None)
    assert page.stack.currentWidget() is page.empty


def test_a_part_asked_for_first_builds_the_page_at_once(qtbot: QtBot) -> None:
    page = WorkerPage()
    qtbot.addWidget(page)
    assert page.goals_model.rowCount() == 0
    assert page.findChild(QTableView, "goalsTable") is page.goals
