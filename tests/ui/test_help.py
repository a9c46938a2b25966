"""Help: the guide shows every element and behavior and the shortcuts; About names licences."""

import os

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cfpm_coach import __version__
from cfpm_coach.ui.about_dialog import AboutDialog
from cfpm_coach.ui.guide_dialog import GuideDialog
from cfpm_coach.ui.main_window import MainWindow


def test_the_guide_follows_the_instruments(qtbot: QtBot, window: MainWindow,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QDialog] = []
    monkeypatch.setattr(GuideDialog, "exec", lambda self: shown.append(self) or 0)
    assert window.commands.guide_action in window.commands.help_menu.actions()
    assert window.commands.guide_action.shortcut().toString() == "F1"
    window.commands.guide_action.trigger()
    assert len(shown) == 1
    guide = shown[0]
    assert isinstance(guide, GuideDialog)
    text = guide.browser.toPlainText()
    assert window.workspace is not None
    practice = window.workspace.practice_instrument()
    # The default practice instrument, cpm-practice v2: five practice elements and the
    # foundation behaviors, a group of their own kept out of the overall score.
    assert practice is not None and practice.key == ("cpm-practice", 2)
    assert [g.in_overall for g in practice.groups] == [True] * 5 + [False]
    assert len(practice.items) == 26
    for group in practice.groups:
        assert group.label in text
        for item in group.items:
            assert item.label in text
    assert "Ctrl+Shift+H" in text and "no opportunity" in text
    # How a county's instrument becomes the one the figures follow.
    assert "Settings > Practice instrument" in " ".join(text.split())
    if os.environ.get("CFPM_SCREENSHOTS"):
        guide.show()
        guide.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/guide.png")


def test_about_names_versions_and_licences(qtbot: QtBot, window: MainWindow,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.commands.about_action.trigger()
    about = shown[0]
    assert isinstance(about, AboutDialog)
    label = about.findChild(object, "aboutText")
    text = label.text()  # type: ignore[union-attr]
    assert __version__ in text and pyside_version in text
    assert text.count("LGPL v3") >= 2 and "DejaVu" in text
