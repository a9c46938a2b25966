"""The audit trail in the window: an observation's change history and the store's trail."""

import os

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.audit_dialog import AuditModel
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, press, type_text

NOTE = "Dad described the night the police came"


def _texts(model: AuditModel) -> list[list[str]]:
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_change_history_of_the_open_observation(qtbot: QtBot, window: MainWindow,
                                                real_dialogs: None) -> None:
    steps.add_worker(qtbot, window, "Ana Reyes", office="North")
    assert not window.audit.observation_action.isEnabled()  # no observation open yet
    steps.start_by_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Ana Reyes"), timeout=10_000)
    activate(qtbot, window)
    # The first behavior has the focus: Enter opens its note, Enter keeps it, 3 rates it.
    first = window.checklist.rows[window.checklist._order[0]]
    press(Qt.Key.Key_Return)
    type_text(NOTE)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_3)
    wait_idle(qtbot, window)
    assert first.value == 3 and first.note.text() == NOTE

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


def test_the_stores_trail_loads_older_pages_and_filters(qtbot: QtBot, window: MainWindow) -> None:
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


def test_the_trail_speaks_spanish_in_a_spanish_window(qtbot: QtBot, window: MainWindow) -> None:
    """Record kinds, changes and field names were English in the Spanish trail, and the
    observation's date was "30 Nov 2026"."""
    from cfpm_coach.ui.language import i18n
    from cfpm_coach.ui.shell.app import application

    assert i18n.install(application(), "es") == "es"
    try:
        window.backend.write(lambda ws: ws.workers.add("Ana Reyes", office="North"))
        wait_idle(qtbot, window)
        window.audit.store_action.trigger()
        dialog = window.audit.store_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
        rows = [r for r in _texts(dialog.model) if r[AuditModel.WHAT] == "Ana Reyes"]
        assert rows and rows[0][AuditModel.KIND] == "Trabajador", rows
        assert rows[0][AuditModel.ACTION] == "crear", rows
        assert "nombre" in rows[0][AuditModel.FIELDS] and "office" not in rows[0][AuditModel.FIELDS]
        filters = [dialog.table_filter.itemText(i) for i in range(dialog.table_filter.count())]
        assert "Enmienda" in filters and "Amendment" not in filters, filters
        dialog.close()
    finally:
        i18n.install(application(), "en")
