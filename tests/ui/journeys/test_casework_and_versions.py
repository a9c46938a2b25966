"""New observation by keyboard: the newest practice version is the default, an earlier one
stays selectable, and the optional casework component is reached with its mnemonic (Alt+K)
and shown beside the setting in the worker's history."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, focus_widget, press, when_modal
from tests.ui.windows import window_on

ALT = Qt.KeyboardModifier.AltModifier


def _start(qtbot: QtBot, window: MainWindow, answer: "object") -> StartDialog:
    answered = when_modal(StartDialog, answer)  # type: ignore[arg-type]
    activate(qtbot, window)
    press(Qt.Key.Key_N, steps.CTRL)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.checklist, timeout=10_000)
    wait_idle(qtbot, window)
    return answered[0]


def test_new_observation_on_v2_with_a_casework_component_then_one_on_v1(
        qtbot: QtBot, data_dir: Path) -> None:
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")
        _two_observations(qtbot, window)


def _two_observations(qtbot: QtBot, window: MainWindow) -> None:

    def on_v2_in_assessment(dialog: StartDialog) -> None:
        assert dialog.instrument.currentData() == ("cpm-practice", 2)
        # An office's implementation supports are offered too: choosing it swaps the worker
        # for the office (tests/ui/journeys/test_office_assessment.py).
        offered = [dialog.instrument.itemData(i) for i in range(dialog.instrument.count())]
        assert sorted(offered) == [("cpm-implementation", 1), ("cpm-leadership", 1),
                                   ("cpm-practice", 1), ("cpm-practice", 2)]
        assert dialog.casework.currentData() == ""  # optional: not stated unless chosen
        press(Qt.Key.Key_K, ALT)
        assert focus_widget() is dialog.casework
        press(Qt.Key.Key_Down)
        press(Qt.Key.Key_Down)
        press(Qt.Key.Key_Return)

    _start(qtbot, window, on_v2_in_assessment)
    detail = window.checklist.detail
    assert detail is not None and detail.instrument.key == ("cpm-practice", 2)
    assert detail.summary.casework_component == "assessment"
    assert len(window.checklist.rows) == 26

    def on_v1(dialog: StartDialog) -> None:
        press(Qt.Key.Key_I, ALT)
        assert focus_widget() is dialog.instrument
        press(Qt.Key.Key_Down)
        assert dialog.instrument.currentData() == ("cpm-practice", 1)
        assert "earlier version" in dialog.instrument.currentText()
        press(Qt.Key.Key_Return)

    window.checklist.close_button.click()
    wait_idle(qtbot, window)
    _start(qtbot, window, on_v1)
    detail = window.checklist.detail
    assert detail is not None and detail.instrument.key == ("cpm-practice", 1)
    assert detail.summary.casework_component is None
    assert len(window.checklist.rows) == 22

    window.checklist.close_button.click()
    qtbot.waitUntil(lambda: window.worker_page.observations_model.rowCount() == 2,
                    timeout=10_000)
    model = window.worker_page.observations_model
    settings = {model.data(model.index(row, model.SETTING)) for row in range(2)}
    assert settings == {"Home visit \u00b7 Assessment", "Home visit"}
    wait_idle(qtbot, window)
