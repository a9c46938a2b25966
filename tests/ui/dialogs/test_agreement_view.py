"""The agreement view between two co-observations, one imported from the other coach's bundle."""

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.services.test_agreement_views import bring_over, rate_visit
from tests.ui.conftest import record_previews


@pytest.fixture
def co_observed(data_dir: Path, tmp_path: Path) -> None:
    """This laptop (data_dir) and Coach B's each rated the visit; B's bundle was imported here."""
    with Workspace.open(data_dir) as mine, Workspace.open(tmp_path / "coach-b") as theirs:
        mine.profile.update_coach(name="Coach A")
        theirs.profile.update_coach(name="Coach B")
        rate_visit(mine, "Ana Reyes", {"engagement.1": 1, "assessment.2": 2})
        rate_visit(theirs, "Ana Reyes", {"engagement.1": 3, "assessment.2": 3})
        bring_over(theirs, mine, tmp_path)


def test_agreement_view_and_pdf(qtbot: QtBot, co_observed: None, window: MainWindow,
                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.commands.agreement_action.trigger()
    qtbot.waitUntil(lambda: window.reports.agreement_dialog is not None
                    and window.reports.agreement_dialog.isVisible(), timeout=10_000)
    dialog = window.reports.agreement_dialog
    assert dialog is not None
    [visit] = [dialog.visits.topLevelItem(i) for i in range(dialog.visits.topLevelItemCount())]
    assert visit.text(1) == "Ana Reyes" and visit.text(2) == "Coach A & Coach B"
    # Rated on v1, compared in the newest version's behaviors (v2) through the crosswalk: 21 of
    # v2's 26 continue a v1 behavior, and 19 of those 21 were rated alike.
    assert visit.text(3) == "21" and visit.text(4) == "90%"
    pair = dialog.pairs.topLevelItem(0)
    assert pair.text(0) == "Coach A & Coach B" and pair.childCount() == 1
    behaviors = dialog.behaviors
    first, second = behaviors.topLevelItem(0), behaviors.topLevelItem(1)
    assert first.text(2) == "0%" and first.text(4) == "2.00"  # 1 vs 3: the widest gap first
    assert second.text(2) == "0%" and second.text(4) == "1.00"
    assert behaviors.topLevelItem(2).text(2) == "100%"

    target = tmp_path / "agreement.pdf"
    suggested: list[str] = []

    def save_as(_parent: object, _title: str, proposed: str, *_a: object) -> tuple[str, str]:
        suggested.append(Path(proposed).name)
        return str(target), "PDF (*.pdf)"

    # The operating system's file chooser is the edge of the machine: it answers the path.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    opened = record_previews(monkeypatch)
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: opened == [target], timeout=10_000)
    assert suggested == ["inter-rater-agreement.pdf"]
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Inter-rater agreement" in text and "Ana Reyes" in text
    if os.environ.get("CFPM_SCREENSHOTS"):
        dialog.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/agreement-view.png")
