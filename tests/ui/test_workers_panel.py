"""The workers list sorts by a header click, as the sort proxy it replaced did, and keeps the
chosen worker through a sort and a reload."""

import uuid
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.table_models import ROW_ROLE, SORT_ROLE, WorkersModel
from cfpm_coach.ui.workers_panel import WorkersPanel
from cfpm_coach.views.read_models import WorkerView


def _worker(name: str, office: str, day: int | None, scores: dict[str, float | None],
            active: bool = True) -> WorkerView:
    seen = datetime(2026, 3, day, 10, tzinfo=UTC) if day else None
    return WorkerView(id=uuid.uuid4(), name=name, role="", unit="", office=office, county="",
                      active=active, observation_count=1 if day else 0, last_observed_at=seen,
                      element_scores=scores)


# In the service's order (by name); ties on every column, so the sort's stability shows.
LISTED = [
    _worker("Ana Diaz", "Harbor", 4, {"engage": 0.5, "inquiry": None}),
    _worker("ben Okafor", "Delta", None, {}),
    _worker("Carla Ng", "Harbor", 4, {"engage": 1.0, "inquiry": 0.0}),
    _worker("Dev Patel", "delta", 9, {"engage": 0.5}, active=False),
    _worker("Eli Moss", "Eastside", 2, {"engage": 0.25, "inquiry": 0.75}),
    _worker("Fay Lund", "Harbor", None, {}),
]


@pytest.fixture
def panel(qtbot: QtBot) -> WorkersPanel:
    shown = WorkersPanel()
    qtbot.addWidget(shown)
    shown.resize(700, 400)
    shown.show()
    qtbot.waitExposed(shown)
    shown.set_workers(LISTED, None)
    return shown


def _names(panel: WorkersPanel) -> list[str]:
    model = panel.table.model()
    return [model.data(model.index(row, 0), ROW_ROLE).name for row in range(model.rowCount())]


def _proxy_order(column: int, order: Qt.SortOrder) -> list[str]:
    """What the QSortFilterProxyModel the list used to sort through gives (the oracle)."""
    source = WorkersModel()
    source.set_rows(LISTED)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(column, order)
    return [proxy.data(proxy.index(row, 0), ROW_ROLE).name for row in range(proxy.rowCount())]


def _click_header(qtbot: QtBot, panel: WorkersPanel, column: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


@pytest.mark.parametrize("column", [WorkersModel.NAME, WorkersModel.OFFICE,
                                    WorkersModel.LAST_OBSERVED, WorkersModel.FIDELITY])
def test_a_header_click_sorts_as_the_proxy_did_both_ways(qtbot: QtBot, panel: WorkersPanel,
                                                         column: int) -> None:
    assert _names(panel) == _proxy_order(WorkersModel.NAME, Qt.SortOrder.AscendingOrder)
    _click_header(qtbot, panel, column)
    if column == WorkersModel.NAME:  # already sorted by name: the click turns it around
        _click_header(qtbot, panel, column)
        _click_header(qtbot, panel, column)
    first = panel.table.horizontalHeader().sortIndicatorOrder()
    assert _names(panel) == _proxy_order(column, first)
    _click_header(qtbot, panel, column)
    second = panel.table.horizontalHeader().sortIndicatorOrder()
    assert second != first
    assert _names(panel) == _proxy_order(column, second)


def test_the_chosen_worker_stays_chosen_through_a_sort_and_a_reload(qtbot: QtBot,
                                                                    panel: WorkersPanel) -> None:
    chosen: list[object] = []
    panel.worker_selected.connect(chosen.append)
    carla = next(w for w in LISTED if w.name == "Carla Ng")
    row = _names(panel).index("Carla Ng")
    rect = panel.table.visualRect(panel.table.model().index(row, WorkersModel.NAME))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == [carla.id]
    _click_header(qtbot, panel, WorkersModel.FIDELITY)
    assert panel.selected_id() == carla.id
    assert _names(panel) == _proxy_order(WorkersModel.FIDELITY,
                                         panel.table.horizontalHeader().sortIndicatorOrder())
    panel.set_workers(list(reversed(LISTED)), carla.id)  # a reload, in any order
    assert panel.selected_id() == carla.id
    assert panel.table.selectionModel().selectedRows()[0].row() == _names(panel).index("Carla Ng")
    panel.set_workers([w for w in LISTED if w is not carla], carla.id)  # filtered out
    assert panel.selected_id() is None
    assert chosen == [carla.id]  # only the click chose: the list follows, never decides
