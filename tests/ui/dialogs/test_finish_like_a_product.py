"""Every control has an accessible name or visible text; keyboard reaches it; titles are set."""

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog
from cfpm_coach.ui.dialogs.settings_dialog import SettingsDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.views.observations import ObservationDetail
from tests.ui.conftest import wait_idle

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QDateTimeEdit, QTableView)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.parent() is None:
            continue
        if isinstance(widget.parent(), (QComboBox, QDateTimeEdit, QLineEdit)) or \
                widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a composite control (corner, extension, clear buttons)
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.strip()):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_main_window_controls_are_named(qtbot: QtBot, window: MainWindow,
                                        workspace: Workspace) -> None:
    # The title names the coach; the app's name is the application's display name, which
    # Linux and Windows append to it (tests/ui/shell/test_xcb_launch.py reads the real title bar).
    assert window.windowTitle() and "CFPM Coach" not in window.windowTitle()
    assert _unnamed(window) == []


def test_dialogs_are_named(qtbot: QtBot, window: MainWindow, draft: ObservationDetail,
                           workspace: Workspace) -> None:
    workers = workspace.workers.choices()
    catalog = workspace.catalog.latest()
    start = StartDialog(window, workers, catalog)
    qtbot.addWidget(start)
    assert _unnamed(start) == [] and start.windowTitle()
    finish = FinishDialog(draft, window)
    qtbot.addWidget(finish)
    assert _unnamed(finish) == [] and finish.windowTitle()
    settings = SettingsDialog(window, workspace.profile.coach(), catalog, "cpm-practice",
                              workspace.paths.data_dir)
    qtbot.addWidget(settings)
    assert _unnamed(settings) == []
    # The default instrument is the one a worker's new observation starts on: never an office's.
    # "" is "The practice instrument", whichever Settings > Practice instrument names.
    assert "cpm-implementation" in {i.id for i in catalog}
    assert sorted(settings.instrument.itemData(i) for i in range(settings.instrument.count())) \
        == ["", "cpm-leadership"]


def test_checklist_is_named_and_keyboard_reachable(qtbot: QtBot, window: MainWindow,
                                                   draft: ObservationDetail) -> None:
    window.flow.open(draft.id)
    qtbot.waitUntil(lambda: window.checklist.detail is not None, timeout=10_000)
    wait_idle(qtbot, window)
    assert _unnamed(window.checklist) == []
    for row in window.checklist.rows.values():
        assert row.accessibleName() and row.focusPolicy() != 0
        assert row.note.accessibleName().startswith("Evidence note")


def test_every_action_with_a_shortcut_is_in_a_menu(window: MainWindow) -> None:
    in_menus = {a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}
    for action in window.actions():
        if not action.shortcut().isEmpty():
            assert action in in_menus, action.text()


def test_window_state_is_kept_in_the_data_folder(qtbot: QtBot, window: MainWindow,
                                                 data_dir: Path) -> None:
    total = sum(window.splitter.sizes())
    left = window.workers_panel.minimumWidth() + 40  # far from the default 1:3 split
    window.splitter.setSizes([left, total - left])
    chosen = window.splitter.sizes()
    assert chosen == [left, total - left], "the pages leave no room to move the split"
    width, height = window.width(), window.height()
    window.close()
    assert (data_dir / "window.ini").exists()
    from cfpm_coach.ui.shell.app import open_main_window

    again = open_main_window(data_dir)
    qtbot.addWidget(again)
    # Offscreen, restoring the geometry depends on the fake screen; give it the same size.
    again.resize(width, height)
    again.show()
    try:
        qtbot.waitExposed(again)
        assert again.splitter.sizes() == chosen
        assert again.workers_panel.minimumWidth() > 0
    finally:
        again.close()
        again.backend.shutdown()
