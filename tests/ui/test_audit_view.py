"""The audit trail in the window: an observation's change history and the store's trail."""

import os
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.audit_dialog import AuditModel
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.start_dialog import StartDialog, StartRequest
from cfpm_coach.ui.worker_dialog import WorkerFields
from tests.ui.conftest import wait_idle

NOTE = "Dad described the night the police came"


def _texts(model: AuditModel) -> list[list[str]]:
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_change_history_of_the_open_observation(qtbot: QtBot, window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    request = StartRequest(None, WorkerFields("Ana Reyes", "", "", "North", ""), "cpm-practice",
                           "home_visit", datetime.now().astimezone(), "", "", instrument_version=1)
    monkeypatch.setattr(StartDialog, "ask", classmethod(lambda cls, *a, **k: request))
    assert not window.audit.observation_action.isEnabled()  # no observation open yet
    window.commands.new_observation_action.trigger()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.checklist, timeout=10_000)
    wait_idle(qtbot, window)
    row = window.checklist.rows["engagement.1"]
    window.activateWindow()
    row.setFocus()
    qtbot.waitUntil(row.hasFocus, timeout=5_000)
    qtbot.keyClick(row, Qt.Key.Key_3)
    row.note.setText(NOTE)
    window.checklist.flush_notes()
    wait_idle(qtbot, window)

    assert window.audit.observation_action.isEnabled()
    window.audit.observation_action.trigger()
    dialog = window.audit.observation_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 3, timeout=10_000)
    cells = _texts(dialog.model)
    assert any(r[AuditModel.KIND] == "Observation" and r[AuditModel.ACTION] == "create"
               for r in cells)
    notes = [r for r in cells if "evidence note" in r[AuditModel.FIELDS]]
    assert notes and "Ana Reyes" in notes[0][AuditModel.WHAT]
    assert NOTE not in str(cells)
    assert not dialog.table_filter.isVisible() and not dialog.more.isVisible()
    if os.environ.get("CFPM_SCREENSHOTS"):
        dialog.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/audit-observation.png")
    dialog.close()


def test_the_stores_trail_loads_older_pages_and_filters(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = window.workspace
    assert isinstance(workspace, Workspace)
    for n in range(3):
        window.backend.write(lambda ws, n=n: ws.workers.add(f"Worker {n}", office="North"))
    wait_idle(qtbot, window)
    window.audit.page_size = 2
    action = window.audit.store_action
    assert action in window.commands.file_menu.actions()
    action.trigger()
    dialog = window.audit.store_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    assert dialog.more.isVisible()
    qtbot.mouseClick(dialog.more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    dialog.table_filter.setCurrentIndex(dialog.table_filter.findData("worker"))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2
                    and all(r[AuditModel.KIND] == "Worker" for r in _texts(dialog.model)),
                    timeout=10_000)
    assert "of 3 changes" in dialog.count.text()
    dialog.close()
