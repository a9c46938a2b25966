"""Leadership self vs others: a leader's self-assessment beside coaches' ratings, view and PDF."""

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.services.test_leadership import rate_leader
from tests.ui.conftest import record_previews


@pytest.fixture
def leader(data_dir: Path) -> object:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes", office="Harbor")  # not a leader: nothing to compare
        dana = ws.workers.add("Dana Cruz", role="Supervisor", office="Harbor")
        rate_leader(ws, dana, "self_assessment", {}, 3, days_ago=3)
        rate_leader(ws, dana, "team_meeting", {"lean_in.1": 3}, 2, days_ago=10)
    return dana.id


def test_self_vs_others_view_and_pdf(qtbot: QtBot, leader: object, window: MainWindow,
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_worker(leader)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.worker_page.worker_id == leader, timeout=10_000)
    window.commands.leadership_action.trigger()
    qtbot.waitUntil(lambda: window.reports.leadership_dialog is not None, timeout=10_000)
    dialog = window.reports.leadership_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.groups.topLevelItemCount() == 4, timeout=10_000)
    lean_in = dialog.groups.topLevelItem(0)
    assert lean_in.text(0) == "Lean In" and lean_in.text(1) == "100%"
    assert lean_in.text(2) == "25% (4)" and lean_in.text(3) == "+75 pts"
    assert dialog.behaviors.topLevelItemCount() == 16
    assert "Others: 1 observation by coaches" in dialog.summary.text()

    dialog.leader.setCurrentIndex(dialog.leader.findText("Ana Reyes \u00b7 Harbor"))
    qtbot.waitUntil(lambda: "No finished leadership observations" in dialog.summary.text(),
                    timeout=10_000)
    assert dialog.groups.topLevelItemCount() == 0 and not dialog.pdf_button.isEnabled()

    assert dialog.select_leader(leader)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: dialog.pdf_button.isEnabled(), timeout=10_000)
    target = tmp_path / "leader.pdf"
    suggested: list[str] = []

    def save_as(_parent: object, _title: str, proposed: str, *_a: object) -> tuple[str, str]:
        suggested.append(Path(proposed).name)
        return str(target), "PDF (*.pdf)"

    # The operating system's file chooser is the edge of the machine: it answers the path.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    opened = record_previews(monkeypatch)
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: opened == [target], timeout=10_000)
    assert len(suggested) == 1 and suggested[0].endswith(".pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Leadership: self vs others" in text and "Dana Cruz" in text and "+75 pts" in text
    if os.environ.get("CFPM_SCREENSHOTS"):
        dialog.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/leadership-view.png")
        import subprocess

        subprocess.run(["pdftoppm", "-r", "60", "-png", str(target),
                        os.environ["CFPM_SCREENSHOTS"] + "/report-leadership"], check=True)
