"""An office's implementation supports, by keyboard: New observation on the implementation-
supports instrument swaps the worker for the office, its county and its stage; the checklist
rates on the same 3-level scale (and N for 'could not be assessed'); the assessment is finalized
and printed; and 'Where each office stands' lists it beside the office's practice."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog
from cfpm_coach.ui.dialogs.office_dialog import OBSERVATION_ROLE, PLACE_ROLE, OfficeDialog
from cfpm_coach.ui.dialogs.report_dialog import ReportDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.conftest import Edge
from tests.ui.journeys.driver import activate, click, find_button, focus_widget, press, type_text, when_modal
from tests.ui.journeys.test_four_level_instrument import pdf_text
from tests.ui.windows import window_on

ALT = Qt.KeyboardModifier.AltModifier
OFFICE, COUNTY = "North Valley", "Sample County"
KEYS = (Qt.Key.Key_3, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_N)


def _choose_office(dialog: StartDialog) -> None:
    assert dialog.worker.isVisible() and not dialog.office.isVisible()
    offered = [dialog.instrument.itemData(i) for i in range(dialog.instrument.count())]
    assert ("cpm-implementation", 1) in offered
    press(Qt.Key.Key_I, ALT)
    assert focus_widget() is dialog.instrument
    for _ in range(len(offered)):
        if dialog.instrument.currentData() == ("cpm-implementation", 1):
            break
        press(Qt.Key.Key_Up)
    assert dialog.instrument.currentData() == ("cpm-implementation", 1)
    # The worker gives way to the office, its county and its stage; a family's casework and
    # case reference have no place in an office's assessment.
    assert not dialog.worker.isVisible() and not dialog.casework.isVisible()
    assert not dialog.case_reference.isVisible()
    assert dialog.office.isVisible() and dialog.county.isVisible() and dialog.stage.isVisible()
    assert not dialog.start_button.isEnabled()  # no office named yet
    assert dialog.setting.currentData() == "team_meeting"  # an office is no home visit
    press(Qt.Key.Key_F, ALT)
    assert focus_widget() in (dialog.office, dialog.office.lineEdit())
    type_text(OFFICE)
    assert dialog.county.text() == COUNTY  # the county the office's workers are in
    press(Qt.Key.Key_T, ALT)
    assert focus_widget() is dialog.stage
    press(Qt.Key.Key_Down)
    assert dialog.stage.currentData() == "installation"
    assert dialog.start_button.isEnabled()


def test_an_office_is_assessed_by_keyboard_printed_and_listed(
        qtbot: QtBot, data_dir: Path, edge: Edge) -> None:
    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz", OFFICE, county=COUNTY)

        steps.start_by_keyboard(qtbot, window, _choose_office)
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, f"{OFFICE}, {COUNTY}"),
                        timeout=10_000)
        checklist = window.checklist
        detail = checklist.detail
        assert detail is not None and detail.summary.worker_id is None
        assert detail.summary.implementation_stage == "installation"
        assert detail.summary.setting == "team_meeting"
        assert checklist.title.text().startswith(f"{OFFICE}, {COUNTY} \u00b7 ")
        activate(qtbot, window)
        for index in range(len(checklist._order)):
            press(KEYS[index % len(KEYS)])
        wait_idle(qtbot, window)
        values = [checklist.rows[b].value for b in checklist._order]
        assert values == [(3, 2, 1, 0)[i % 4] for i in range(len(values))]

        def finalize(dialog: FinishDialog) -> None:
            assert not dialog.goal_text.isVisible()  # goals are a worker's
            click(qtbot, dialog.finalize_button)

        finalized = when_modal(FinishDialog, finalize)
        press(Qt.Key.Key_Return, steps.CTRL)
        qtbot.waitUntil(lambda: bool(finalized), timeout=10_000)
        qtbot.waitUntil(lambda: checklist.detail is not None
                        and checklist.detail.summary.status == "final", timeout=20_000)
        wait_idle(qtbot, window)

        printed = when_modal(ReportDialog, lambda d: click(qtbot, find_button(d, "Create PDF")))
        click(qtbot, checklist.report_button)
        qtbot.waitUntil(lambda: bool(printed) and bool(edge.viewed), timeout=30_000)
        record = pdf_text(edge.viewed[-1])
        assert f"Office {OFFICE}" in record and f"County {COUNTY}" in record
        assert "Installation" in record and "Amelia" not in record

        click(qtbot, checklist.close_button)
        wait_idle(qtbot, window)
        window.commands.offices_action.trigger()
        qtbot.waitUntil(lambda: window.offices.dialog is not None
                        and window.offices.dialog.isVisible(), timeout=10_000)
        dialog: OfficeDialog = window.offices.dialog  # type: ignore[assignment]
        top = dialog.tree.topLevelItem(0)
        assert top.data(0, PLACE_ROLE) == (OFFICE, COUNTY)
        assert top.text(1) == "Installation"
        children = [top.child(i) for i in range(top.childCount())]
        assert children[0].text(3).startswith("Organizational readiness: ")
        click(qtbot, dialog.pdf_button)
        qtbot.waitUntil(lambda: len(edge.viewed) == 2, timeout=30_000)
        standing = pdf_text(edge.viewed[-1])
        assert "Where the office stands" in standing and "Installation" in standing
        # Its assessment is listed under it: chosen with a click, Enter opens it on the
        # checklist again.
        [line] = [c for c in children if c.data(0, OBSERVATION_ROLE) == detail.id]
        assert line.text(2) == "Final"
        tree = dialog.tree
        tree.scrollToItem(line)
        activate(qtbot, dialog)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualItemRect(line).center())
        assert tree.currentItem() is line and focus_widget() is tree
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is checklist, timeout=10_000)
        wait_idle(qtbot, window)
        assert checklist.detail is not None and checklist.detail.id == detail.id
