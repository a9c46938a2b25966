"""Every window and dialog, in English and Spanish, looked at as a person on a 1366x768 laptop:
no label shows a literal "&", no worker name of up to 30 letters is cut in the list, nothing is
larger than the screen, no internal id (`engagement.1`) is on screen (issue 16, problems 6, 8).

Every menu action is triggered on a store with workers and an open draft; each dialog it opens
is looked at under its real exec and closed with Escape, as a person would.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.models.workers_model import WorkersModel
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.walker import (
    clipped_labels,
    cramped_fields,
    internal_ids,
    iso_dates,
    literal_ampersands,
    too_big,
    wrong_default_button,
)

# Real names a county's staff list holds, each at most 30 characters, some of the widest letters.
LONG_NAMES = (
    "Maria Guadalupe Hernandez Soto",
    "Amelia Washington-Pemberton",
    "Marisol Montgomery-Whitfield",
    "Wendy McWilliams-Montemayor",
    "Nguyễn Thị Hồng Nhung Phạm",
)
OFFICES = ("Riverside Center", "North Valley", "Harbor", "Eastside", "Riverside Center")
# Actions that end the session or lock the screen: nothing to look at.
SKIPPED = {"quit"}


class Looker:
    """Stands in for the person: each modal dialog, under its real exec, is looked at, then
    closed with Escape."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.seen: list[str] = []
        self._shown: QWidget | None = None

    def look(self, widget: QWidget) -> None:
        """Record what is wrong with widget as shown."""
        self.seen.append(f"{type(widget).__name__} {widget.windowTitle()!r}")
        self.problems += literal_ampersands(widget) + internal_ids(widget) + too_big(widget) \
            + cramped_fields(widget) + wrong_default_button(widget) + clipped_labels(widget) \
            + iso_dates(widget)

    def tick(self) -> None:
        """A modal dialog up since the last tick (laid out by now) is looked at and escaped."""
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            self._shown = None
            return
        if modal is not self._shown:
            self._shown = modal
            return
        self._shown = None
        self.look(modal)
        QTest.keyClick(modal, Qt.Key.Key_Escape)


@pytest.fixture
def looker(real_dialogs: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Looker]:
    looker = Looker()
    # Qt's own file pickers are the operating system's in a real session: answer "cancelled"
    # at the edge.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(looker.tick)
    timer.start()
    yield looker
    timer.stop()


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    app = application()
    assert i18n.install(app, request.param) == request.param
    yield request.param
    i18n.install(app, "en")


@pytest.fixture
def laptop_window(qtbot: QtBot, data_dir: Path, language: str) -> Iterator[MainWindow]:
    """The real window on a store with five long-named workers and an open draft, opened on a
    first run (no saved size) the way a laptop coach sees it."""
    with Workspace.open(data_dir) as ws:
        ws.profile.update_coach(name="Rosa Delgado", role="Practice coach", county="Sample",
                                office="Harbor")
        workers = [ws.workers.add(name, role="Social worker", office=office)
                   for name, office in zip(LONG_NAMES, OFFICES, strict=True)]
        ws.observations.start(workers[0].id, "cpm-practice", "home_visit")
    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.backend.opened, timeout=20_000):
        pass
    window.show()
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() == len(LONG_NAMES),
                    timeout=10_000)
    wait_idle(qtbot, window)
    yield window
    window.close()
    window.backend.shutdown()


def elided_names(window: MainWindow) -> list[str]:
    """Names in the workers list that do not fit their cell (Qt draws them with "…")."""
    table = window.workers_panel.table
    metrics = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    viewport = table.viewport().width()
    cut = []
    for row in range(window.workers_panel.proxy.rowCount()):
        index = window.workers_panel.proxy.index(row, WorkersModel.NAME)
        name = index.data()
        room = table.columnWidth(WorkersModel.NAME) - margin
        room = min(room, viewport - table.columnViewportPosition(WorkersModel.NAME) - margin)
        if metrics.horizontalAdvance(name) > room:
            cut.append(f"{name!r} needs {metrics.horizontalAdvance(name)} px, has {room}")
    return cut


def select_worker(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click a worker's row in the list, as a person would."""
    from PySide6.QtCore import Qt

    table = window.workers_panel.table
    rect = table.visualRect(window.workers_panel.proxy.index(row, WorkersModel.NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.worker_page.worker_id is not None, timeout=5_000)
    wait_idle(qtbot, window)


def test_the_window_fits_a_laptop_and_shows_whole_names(qtbot: QtBot,
                                                        laptop_window: MainWindow) -> None:
    window = laptop_window
    assert too_big(window) == []
    assert elided_names(window) == []
    size = window.size()
    for row in range(len(LONG_NAMES)):
        select_worker(qtbot, window, row)
        for _ in range(3):
            QCoreApplication.processEvents()
        # Selecting a worker must not make the window grow (it grew past the laptop's screen).
        assert too_big(window) == [], window.worker_page.worker_id
        assert window.size() == size
        assert elided_names(window) == []
        assert internal_ids(window) == []  # the page's history and goals included
    assert literal_ampersands(window) == []


def test_a_saved_size_larger_than_the_screen_is_brought_back_onto_it(
        qtbot: QtBot, laptop_window: MainWindow, data_dir: Path) -> None:
    screen = laptop_window.screen().availableGeometry()
    laptop_window.resize(screen.width() + 300, screen.height() + 200)
    laptop_window.close()
    laptop_window.backend.shutdown()
    again = open_main_window(data_dir)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.backend.opened, timeout=20_000):
        pass
    again.show()
    try:
        assert again.width() <= screen.width() and again.height() <= screen.height()
    finally:
        again.close()
        again.backend.shutdown()


def test_every_dialog_reads_cleanly_and_fits_a_laptop(qtbot: QtBot, laptop_window: MainWindow,
                                                      looker: Looker) -> None:
    window = laptop_window
    select_worker(qtbot, window, 0)
    checked = 0
    for stage in ("worker page", "checklist"):
        if stage == "checklist":
            draft = window.workspace.observations.drafts()[0]  # type: ignore[union-attr]
            window.flow.open(draft.id)
            qtbot.waitUntil(lambda: window.pages.currentWidget() is window.checklist,
                            timeout=10_000)
            wait_idle(qtbot, window)
        looker.look(window)
        # Refresh reselects the worker, which closes the checklist: last, after Finish.
        actions = sorted(window.findChildren(QAction), key=lambda a: a.objectName() == "refresh")
        for action in actions:
            if not action.isEnabled() or not action.text() or action.menu() is not None \
                    or action.objectName() in SKIPPED:
                continue
            if action.isCheckable():
                continue
            action.trigger()
            wait_idle(qtbot, window)
            for _ in range(5):
                QCoreApplication.processEvents()
            for top in QApplication.topLevelWidgets():
                if top is not window and top.isVisible() and not top.inherits("QMenu"):
                    looker.look(top)
                    top.close()
            checked += 1
    assert checked > 20
    # The five labels a coach saw with "&" are among the dialogs looked at.
    for dialog in ("ExportDialog", "ReportDialog", "StartDialog", "SyncSettingsDialog",
                   "FinishDialog"):
        assert any(seen.startswith(dialog) for seen in looker.seen), (dialog, "\n".join(looker.seen))
    assert looker.problems == [], "\n".join(looker.problems)
