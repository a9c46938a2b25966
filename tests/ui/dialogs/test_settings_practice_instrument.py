"""A county whose own practice instrument sorts after the shipped one ("sample-county-practice"
after "cpm-practice") makes it the practice instrument in Settings, by keyboard and mouse: the
worker list's fidelity bars, the chart, the history's share column and New observation follow it,
and the choice survives a restart."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.settings_dialog import SettingsDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.models.table_models import ObservationsModel
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.four_level import install_four_level
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import focus_widget, press, type_text, when_modal
from tests.ui.journeys.steps import click_worker_row
from tests.ui.windows import window_on

COUNTY_ID = "sample-county-practice"  # sorts after "cpm-practice": never first by id
COUNTY_TITLE = "Sample County practice profile"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _observed(ws: Workspace, worker_id: object, instrument_id: str, days_ago: int) -> None:
    """A finalized observation rating every behavior 1, 2, 3, 4, 1, ... (3-level: 1, 2, 3)."""
    instrument = ws.catalog.get(instrument_id)
    top = instrument.scale.maximum
    obs = ws.observations.start(worker_id, instrument_id, "home_visit",  # type: ignore[arg-type]
                                started_at=datetime.now(UTC) - timedelta(days=days_ago))
    ws.observations.rate_many(obs.id, {item.id: (1 + n % top, None)
                                       for n, item in enumerate(instrument.items)})
    ws.observations.finalize(obs.id)


def _share_heading(window: MainWindow) -> str:
    model = window.worker_page.observations_model
    return str(model.headerData(ObservationsModel.SCORE, Qt.Orientation.Horizontal))


def test_a_county_practice_instrument_chosen_in_settings_is_what_the_window_shows(
        qtbot: QtBot, data_dir: Path, tmp_path: Path, real_dialogs: None) -> None:
    county = install_four_level(data_dir, tmp_path, COUNTY_ID, COUNTY_TITLE)
    with Workspace.open(data_dir) as ws:
        ws.profile.update_coach(name="Dana Whitfield")
        worker = ws.workers.add("Amelia Ortiz", office="Harbor")
        _observed(ws, worker.id, "cpm-practice", days_ago=9)
        _observed(ws, worker.id, COUNTY_ID, days_ago=2)
        shipped = ws.practice_instrument()
        assert shipped is not None and shipped.id == "cpm-practice"  # first by id, as before

    seen: dict[str, object] = {}

    def choose_county(dialog: SettingsDialog) -> None:
        entries = [dialog.practice.itemText(i) for i in range(dialog.practice.count())]
        seen["entries"] = entries
        seen["preselected"] = dialog.practice.currentData()
        press(Qt.Key.Key_P, ALT)  # "&Practice instrument"
        assert focus_widget() is dialog.practice
        type_text("S")  # "Sample County practice profile (v1)", by its first letter
        seen["chosen"] = dialog.practice.currentData()
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    def look_then_cancel(dialog: StartDialog) -> None:
        seen["start_default"] = dialog.instrument.currentData()
        press(Qt.Key.Key_Escape)

    with window_on(qtbot, data_dir) as window:
        wait_idle(qtbot, window)
        click_worker_row(qtbot, window, "Amelia Ortiz")
        qtbot.waitUntil(lambda: window.worker_page.history is not None, timeout=10_000)
        panel = window.workers_panel.model
        assert set(panel.rows()[0].element_scores) == {g.id for g in shipped.groups}
        assert window.worker_page.chart_title.text().endswith("(share Accomplished)")
        assert _share_heading(window) == "Share Accomplished"

        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        when_modal(SettingsDialog, choose_county)
        press(Qt.Key.Key_Comma, CTRL)  # Settings
        qtbot.waitUntil(lambda: "chosen" in seen, timeout=10_000)
        assert f"{COUNTY_TITLE} (v1)" in seen["entries"]  # type: ignore[operator]
        assert seen["preselected"] == ("cpm-practice", 2)  # the newest version by default
        assert seen["chosen"] == (COUNTY_ID, 1)

        qtbot.waitUntil(lambda: window.worker_page.chart_title.text().endswith(
            "(share Proficient)"), timeout=10_000)
        wait_idle(qtbot, window)
        # The fidelity bars: the county's elements, from its observation (10 of 22 at 3 or 4).
        scores = panel.rows()[0].element_scores
        assert set(scores) == {g.id for g in county.groups}
        assert all(share is not None for share in scores.values())
        assert panel.proficient_label == "Proficient"
        assert _share_heading(window) == "Share Proficient"

        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        when_modal(StartDialog, look_then_cancel)
        press(Qt.Key.Key_N, CTRL)  # New observation offers the county's instrument first
        qtbot.waitUntil(lambda: "start_default" in seen, timeout=10_000)
        assert seen["start_default"] == (COUNTY_ID, 1)
        wait_idle(qtbot, window)

    with Workspace.open(data_dir) as ws:  # kept with the other settings
        chosen = ws.practice_instrument()
        assert chosen is not None and chosen.key == (COUNTY_ID, 1)
        assert ws.start_instrument() == (COUNTY_ID, 1)
