"""A county's 4-level instrument, imported from a spreadsheet, rated by keyboard in the real window,
finalized, printed (read back with pdftotext) and exported as a bundle (issue 17)."""

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog
from cfpm_coach.ui.dialogs.report_dialog import ReportDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from tests.four_level import FOUR_LEVEL_ID, LEVELS, install_four_level
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.conftest import Edge
from tests.ui.journeys.driver import activate, click, find_button, press, type_text, when_modal
from tests.ui.windows import window_on


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, spaces folded."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed"
    out = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def test_a_four_level_county_instrument_is_rated_printed_and_exported(
        qtbot: QtBot, data_dir: Path, tmp_path: Path, edge: Edge) -> None:
    install_four_level(data_dir, tmp_path)
    viewed, identity, recipient, usb = edge.viewed, edge.identity, edge.recipient, edge.usb

    welcomed = steps.answer_welcome("Dana Whitfield")
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        wait_idle(qtbot, window)
        steps.add_worker(qtbot, window, "Amelia Ortiz")

        def choose_four_level(dialog: StartDialog) -> None:
            press(Qt.Key.Key_Tab)  # Worker -> New worker…
            press(Qt.Key.Key_Tab)  # -> Instrument
            type_text("F")  # "Four-level county practice profile", by its first letter
            assert dialog.instrument.currentData() == (FOUR_LEVEL_ID, 1)  # (id, version)
            press(Qt.Key.Key_Return)

        started = when_modal(StartDialog, choose_four_level)
        activate(qtbot, window)
        press(Qt.Key.Key_N, steps.CTRL)
        qtbot.waitUntil(lambda: bool(started), timeout=10_000)
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Amelia Ortiz"), timeout=10_000)
        checklist = window.checklist
        assert checklist.detail is not None
        assert checklist.detail.summary.instrument_id == FOUR_LEVEL_ID
        activate(qtbot, window)

        assert "1\u20134 rate" in checklist.hint.text()
        # One button per level, labelled with its key, then N/O.
        first = checklist.rows[checklist._order[0]]
        assert [b.text() for b in first.buttons.values()] == [
            f"{v}  {label}" for v, _, label in LEVELS] + ["N/O"]
        press(Qt.Key.Key_5)  # no such level: nothing happens
        wait_idle(qtbot, window)
        assert first.value is None
        values = steps.rate_in_turn(qtbot, window, 4)
        assert values == [1 + i % 4 for i in range(len(values))]
        assert first.buttons[1].isChecked() and not first.buttons[4].isChecked()
        fourth = checklist.rows[checklist._order[3]]
        assert fourth.buttons[4].isChecked()

        finalized = when_modal(FinishDialog, lambda d: click(qtbot, d.finalize_button))
        press(Qt.Key.Key_Return, steps.CTRL)
        qtbot.waitUntil(lambda: bool(finalized), timeout=10_000)
        qtbot.waitUntil(lambda: checklist.detail is not None
                        and checklist.detail.summary.status == "final", timeout=20_000)
        wait_idle(qtbot, window)
        detail = checklist.detail
        assert detail is not None
        # 22 behaviors rated 1,2,3,4,1,...,1,2: 10 at or above Proficient (3).
        assert detail.summary.score.proficient == 10
        assert detail.summary.score.observed == 22

        create = "Create PDF"
        printed = when_modal(ReportDialog, lambda d: click(qtbot, find_button(d, create)))
        click(qtbot, checklist.report_button)
        qtbot.waitUntil(lambda: bool(viewed), timeout=30_000)
        assert printed
        record = pdf_text(viewed[-1])
        assert "Four-level county practice profile" in record
        assert "Exemplary" in record and "Proficient" in record
        assert "(10 of 22)" in record

        click(qtbot, checklist.close_button)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.worker_page,
                        timeout=5_000)
        wait_idle(qtbot, window)
        # The county's instrument is the practice one here: its proficient level titles the chart.
        assert window.worker_page.chart_title.text().endswith("(share Proficient)")
        summary = when_modal(ReportDialog, lambda d: click(qtbot, find_button(d, create)))
        click(qtbot, window.worker_page.report_button)
        qtbot.waitUntil(lambda: bool(summary) and len(viewed) == 2, timeout=30_000)
        coaching = pdf_text(viewed[-1])
        assert "Amelia Ortiz" in coaching
        assert "1 Beginning" in coaching and "4 Exemplary" in coaching
        assert "Accomplished" not in coaching and "Accomplished" not in record

        bundle = steps.export_by_keyboard(qtbot, window, recipient, usb)
        workspace = window.workspace
        assert workspace is not None
        opened = workspace.exchange.open(bundle, identity, [])
        assert opened.manifest.files["observation"].records == 1
        assert opened.manifest.files["rating"].records == 22
