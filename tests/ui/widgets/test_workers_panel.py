"""The workers list, read from a real store: a header click sorts as the sort proxy it replaced
did, the chosen worker stays chosen through a sort and a reload, and a long list reads the
figures of only the rows that come into view, the keyboard reaching the last one."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.bulk import seed_synthetic
from cfpm_coach.ui.models.table_models import ROW_ROLE, SORT_ROLE
from cfpm_coach.ui.models.workers_model import WorkersModel
from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.widgets.worker_list_loader import WorkerListLoader
from cfpm_coach.ui.widgets.workers_panel import WorkersPanel
from cfpm_coach.views.workers import WorkerView

# (name, office, day observed or None, every behavior rated at standard?, active); ties on
# every column, so the order of ties shows.
PEOPLE = [
    ("Ana Diaz", "Harbor", 4, True, True),
    ("ben Okafor", "Delta", None, False, True),
    ("Carla Ng", "Harbor", 4, True, True),
    ("Dev Patel", "delta", 9, False, False),
    ("Eli Moss", "Eastside", 2, False, True),
    ("Fay Lund", "Harbor", None, False, True),
]


def _fill(data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        practice = ws.practice_instrument()
        assert practice is not None
        low, high = practice.scale.scored_values[0], practice.scale.scored_values[-1]
        for name, office, day, at_standard, active in PEOPLE:
            worker = ws.workers.add(name, office=office)
            if day is not None:
                obs = ws.observations.start(worker.id, practice.id, "home_visit",
                                            started_at=datetime(2026, 3, day, 10, tzinfo=UTC),
                                            instrument_version=practice.version)
                for item in practice.items:
                    ws.observations.rate(obs.id, item.id, high if at_standard else low)
                ws.observations.finalize(obs.id)
            if not active:
                ws.workers.set_active(worker.id, False)


class Listed:
    """A panel fed by the real loader from a real store on the database thread."""

    def __init__(self, qtbot: QtBot, data_dir: Path) -> None:
        self.qtbot = qtbot
        self.chosen: list[uuid.UUID | None] = []
        self.backend = Backend(data_dir)
        self.backend.open()
        qtbot.waitUntil(lambda: self.backend.workspace is not None, timeout=20_000)
        self.panel = WorkersPanel()
        qtbot.addWidget(self.panel)
        self.panel.resize(700, 400)
        self.panel.show()
        qtbot.waitExposed(self.panel)
        self.panel.worker_selected.connect(self.chosen.append)
        self.loader = WorkerListLoader(self.panel, self.backend,
                                       lambda: self.chosen[-1] if self.chosen else None)
        self.loader.refresh()
        self.settle()

    def settle(self) -> None:
        """Wait until every read asked for is answered and shown."""
        self.qtbot.waitUntil(lambda: self.backend.pending == 0 and not self.panel.model.pending(),
                             timeout=20_000)

    def workspace(self) -> Workspace:
        assert self.backend.workspace is not None
        return self.backend.workspace


@pytest.fixture
def listed(qtbot: QtBot, tmp_path: Path) -> Iterator[Listed]:
    _fill(tmp_path)
    shown = Listed(qtbot, tmp_path)
    yield shown
    shown.backend.shutdown()


def _names(panel: WorkersPanel) -> list[str]:
    model = panel.table.model()
    return [model.data(model.index(row, 0), ROW_ROLE).name for row in range(model.rowCount())]


def _proxy_order(workers: list[WorkerView], column: int, order: Qt.SortOrder) -> list[str]:
    """What the QSortFilterProxyModel the list used to sort through gives (the oracle), over
    every worker figured, in the service's name order."""
    source = WorkersModel()
    source.set_rows(workers)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(column, order)
    return [proxy.data(proxy.index(row, 0), ROW_ROLE).name for row in range(proxy.rowCount())]


def _click_header(listed: Listed, column: int) -> None:
    header = listed.panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    listed.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    listed.settle()


@pytest.mark.parametrize("column", [WorkersModel.NAME, WorkersModel.OFFICE,
                                    WorkersModel.LAST_OBSERVED, WorkersModel.FIDELITY])
def test_a_header_click_sorts_as_the_proxy_did_both_ways(listed: Listed, column: int) -> None:
    panel = listed.panel
    listed.qtbot.mouseClick(panel.show_inactive, Qt.MouseButton.LeftButton)  # Dev Patel too
    listed.settle()
    everyone = listed.workspace().workers.find()
    assert len(everyone) == len(PEOPLE)
    assert _names(panel) == _proxy_order(everyone, WorkersModel.NAME, Qt.SortOrder.AscendingOrder)
    _click_header(listed, column)
    if column == WorkersModel.NAME:  # already sorted by name: the click turns it around
        _click_header(listed, column)
        _click_header(listed, column)
    first = panel.table.horizontalHeader().sortIndicatorOrder()
    assert _names(panel) == _proxy_order(everyone, column, first)
    _click_header(listed, column)
    second = panel.table.horizontalHeader().sortIndicatorOrder()
    assert second != first
    assert _names(panel) == _proxy_order(everyone, column, second)
    shown = {row.name: panel.model.display(row, column) for row in panel.model.rows()}
    assert shown == {w.name: panel.model.display(w, column) for w in everyone}


def test_the_chosen_worker_stays_chosen_through_a_sort_and_a_reload(qtbot: QtBot,
                                                                    listed: Listed) -> None:
    panel = listed.panel
    everyone = listed.workspace().workers.find(include_inactive=False)
    carla = next(w for w in everyone if w.name == "Carla Ng")
    row = _names(panel).index("Carla Ng")
    rect = panel.table.visualRect(panel.table.model().index(row, WorkersModel.NAME))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert listed.chosen == [carla.id]
    _click_header(listed, WorkersModel.FIDELITY)
    assert panel.selected_id() == carla.id
    assert _names(panel) == _proxy_order(everyone, WorkersModel.FIDELITY,
                                         panel.table.horizontalHeader().sortIndicatorOrder())
    listed.loader.refresh()  # a reload, as after a change to the store
    listed.settle()
    assert panel.selected_id() == carla.id
    assert panel.table.selectionModel().selectedRows()[0].row() == _names(panel).index("Carla Ng")
    qtbot.keyClicks(panel.search, "Eli")  # Carla filtered out by the search box
    listed.settle()
    assert _names(panel) == ["Eli Moss"]
    assert panel.selected_id() is None
    assert listed.chosen == [carla.id]  # only the click chose: the list follows, never decides


def test_a_long_list_reads_figures_only_for_rows_in_view_and_the_keyboard_reaches_the_end(
        qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path) as ws:
        practice = ws.practice_instrument()
        assert practice is not None and ws.author.coach_id is not None
        with ws.store.write() as session:
            seed_synthetic(session, device_id=ws.author.device_id, coach_id=ws.author.coach_id,
                           behavior_ids=[item.id for item in practice.items],
                           instrument=(practice.id, practice.version, practice.content_hash),
                           workers=350, observations=350, seed=7)
        everyone = ws.workers.find()
    listed = Listed(qtbot, tmp_path)
    try:
        panel, model = listed.panel, listed.panel.model
        last = model.rowCount() - 1
        assert last == len(everyone) - 1
        assert model.is_figured(0) and not model.is_figured(last)
        assert model.data(model.index(last, WorkersModel.FIDELITY)) == ""  # blank, not a dash
        first = panel.table.visualRect(model.index(0, WorkersModel.NAME))
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
        qtbot.keyClick(panel.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        listed.settle()
        assert panel.selected_id() == everyone[last].id
        assert listed.chosen[-1] == everyone[last].id
        assert model.is_figured(last)
        for column in (WorkersModel.LAST_OBSERVED, WorkersModel.FIDELITY):
            assert model.data(model.index(last, column)) == model.display(everyone[last], column)
        tooltip = model.data(model.index(last, WorkersModel.FIDELITY),
                             Qt.ItemDataRole.AccessibleTextRole)
        assert tooltip.startswith("Latest finalized observation")
        # The pages between the top and the end were never on screen: never read.
        assert not model.is_figured(150) and not model.is_figured(250)
    finally:
        listed.backend.shutdown()
