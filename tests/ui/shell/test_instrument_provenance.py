"""About and the Guide say where each instrument's wording comes from (its own file)."""

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.about_dialog import AboutDialog
from cfpm_coach.ui.dialogs.guide_dialog import GuideDialog
from cfpm_coach.ui.shell.main_window import MainWindow

V2_SOURCE = "Paraphrased from public CPM descriptions, not the official practice profile."
SUPPORTS_SOURCE = ("Paraphrased from public CPM implementation descriptions, not an official "
                   "assessment.")


def test_about_and_the_guide_show_each_instruments_provenance(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert window.workspace is not None
    latest = window.workspace.catalog.latest()
    about = AboutDialog(window, latest)
    qtbot.addWidget(about)
    about.show()
    qtbot.waitExposed(about)
    text = about.findChild(type(about.layout().itemAt(0).widget()), "aboutText").text()
    assert V2_SOURCE in text and "Leaning In and Staying In" in text
    assert SUPPORTS_SOURCE in text
    picture = about.grab()
    assert not picture.isNull() and picture.height() > 300
    picture.save(str(tmp_path / "about.png"))
    if os.environ.get("CFPM_SCREENSHOTS"):
        picture.save(os.environ["CFPM_SCREENSHOTS"] + "/about.png")

    guide = GuideDialog(window, latest)
    qtbot.addWidget(guide)
    html = guide.browser.toPlainText()
    assert f"Where the wording comes from: {V2_SOURCE}" in html
    assert f"Where the wording comes from: {SUPPORTS_SOURCE}" in html
    assert "Partner and community engagement" in html and "Not in place" in html
    assert "left out of the other elements' scores and out of the overall score" in html
    assert "Version 2 continues version 1" in html
