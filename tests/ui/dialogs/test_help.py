"""Help: the guide shows every element and behavior and the shortcuts; About names licences."""

import os

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cfpm_coach import __version__
from cfpm_coach.ui.dialogs.about_dialog import AboutDialog
from cfpm_coach.ui.dialogs.guide_dialog import GuideDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.journeys.driver import activate, press, when_modal


def test_the_guide_follows_the_instruments(qtbot: QtBot, window: MainWindow,
                                           real_dialogs: None) -> None:
    read: list[str] = []

    def read_then_close(guide: GuideDialog) -> None:
        read.append(guide.browser.toPlainText())
        if os.environ.get("CFPM_SCREENSHOTS"):
            guide.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/guide.png")
        press(Qt.Key.Key_Escape)

    assert window.commands.guide_action in window.commands.help_menu.actions()
    assert window.commands.guide_action.shortcut().toString() == "F1"
    when_modal(GuideDialog, read_then_close)
    activate(qtbot, window)
    press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(read), timeout=10_000)
    [text] = read
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


def test_about_names_versions_and_licences(qtbot: QtBot, window: MainWindow,
                                           real_dialogs: None) -> None:
    read: list[str] = []

    def read_then_close(about: AboutDialog) -> None:
        label = about.findChild(QLabel, "aboutText")
        assert label is not None
        read.append(label.text())
        press(Qt.Key.Key_Escape)

    when_modal(AboutDialog, read_then_close)
    window.commands.about_action.trigger()
    qtbot.waitUntil(lambda: bool(read), timeout=10_000)
    [text] = read
    assert __version__ in text and pyside_version in text
    assert text.count("LGPL v3") >= 2 and "DejaVu" in text


def test_about_shows_this_laptops_key_with_copy(qtbot: QtBot, window: MainWindow,
                                                real_dialogs: None) -> None:
    seen: dict[str, object] = {}

    def copy_then_close(about: AboutDialog) -> None:
        seen["shown"] = (about.laptop_key.field.text(), about.laptop_key.field.isReadOnly())
        qtbot.mouseClick(about.laptop_key.copy_button, Qt.MouseButton.LeftButton)
        seen["copied"] = QGuiApplication.clipboard().text()
        seen["button"] = about.laptop_key.copy_button.text()
        press(Qt.Key.Key_Escape)

    QGuiApplication.clipboard().clear()
    when_modal(AboutDialog, copy_then_close)
    window.commands.about_action.trigger()
    qtbot.waitUntil(lambda: "button" in seen, timeout=10_000)
    assert window.workspace is not None
    key = window.workspace.exchange.device_public_key()
    assert key and seen["shown"] == (key, True)
    assert seen["copied"] == f"device id:  {window.workspace.author.device_id}\npublic key: {key}"
    assert seen["button"] == "Copied"
