"""Sync settings in the window: an http:// hub on the network is refused in the dialog itself."""

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.sync import keys
from cfpm_coach.ui.dialogs.sync_settings_dialog import SyncSettingsDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import when_modal


def _type(qtbot: QtBot, field: object, text: str) -> None:
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_an_http_hub_on_the_network_is_refused_in_the_dialog_until_https(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, real_dialogs: None) -> None:
    wait_idle(qtbot, window)
    team_key = keys.new_team_identity(tmp_path / "team.key")
    seen: dict[str, object] = {}

    def drive(dialog: SyncSettingsDialog) -> None:
        assert dialog.use_hub.isChecked()
        _type(qtbot, dialog.hub_url, "http://10.0.0.5:8765")
        _type(qtbot, dialog.token, "t0ken-from-the-team")
        _type(qtbot, dialog.recipient, team_key)
        qtbot.keyClick(dialog.recipient, Qt.Key.Key_Return)  # Save is the default button
        seen["after_http"] = (dialog.isVisible(), dialog.result(), dialog.problem.isVisible(),
                              dialog.problem.text(), dialog.focusWidget() is dialog.hub_url)
        _type(qtbot, dialog.hub_url, "https://10.0.0.5:8443")
        qtbot.keyClick(dialog.hub_url, Qt.Key.Key_Return)
        seen["after_https"] = (dialog.isVisible(), dialog.result())

    when_modal(SyncSettingsDialog, drive)
    window.sync.settings_action.trigger()
    # The dialog opens once the laptop's own key is read, off the GUI thread.
    qtbot.waitUntil(lambda: "after_https" in seen, timeout=10_000)

    visible, result, problem_shown, problem, focused = seen["after_http"]  # type: ignore[misc]
    assert visible and result != QDialog.DialogCode.Accepted
    assert problem_shown and focused
    assert "http://" in problem and "https://" in problem and "token" in problem, problem
    assert seen["after_https"] == (False, QDialog.DialogCode.Accepted)
    assert window.workspace is not None
    qtbot.waitUntil(lambda: window.workspace is not None
                    and window.workspace.sync.settings().hub_url == "https://10.0.0.5:8443",
                    timeout=10_000)


def test_a_loopback_hub_may_use_http(qtbot: QtBot, window: MainWindow) -> None:
    from cfpm_coach.services.sync import SyncSettings

    dialog = SyncSettingsDialog(window, SyncSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.hub_url, "http://127.0.0.1:8765")
    _type(qtbot, dialog.token, "t0ken")
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.settings().hub_url == "http://127.0.0.1:8765"


def test_the_laptops_own_key_is_shown_with_copy_and_a_wrong_team_key_is_refused_inline(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, real_dialogs: None) -> None:
    from PySide6.QtWidgets import QApplication

    wait_idle(qtbot, window)
    assert window.workspace is not None
    own = window.workspace.exchange.device_public_key()
    device_id = str(window.workspace.author.device_id)
    team_key = keys.new_team_identity(tmp_path / "team.key")
    seen: dict[str, object] = {}

    def drive(dialog: SyncSettingsDialog) -> None:
        seen["shown"] = (dialog.laptop_key.text(), dialog.laptop_key.isReadOnly())
        qtbot.mouseClick(dialog.copy_key, Qt.MouseButton.LeftButton)
        seen["copied"] = QApplication.clipboard().text()
        qtbot.mouseClick(dialog.use_folder, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, dialog.use_folder.height() // 2))
        assert dialog.use_folder.isChecked()
        _type(qtbot, dialog.folder, str(tmp_path))
        _type(qtbot, dialog.recipient, "age1notarealkey")
        qtbot.keyClick(dialog.recipient, Qt.Key.Key_Return)
        seen["wrong"] = (dialog.isVisible(), dialog.problem.text(), dialog.recipient.text())
        QApplication.clipboard().setText(f"{team_key[:30]}\n  {team_key[30:]}\n")
        _type(qtbot, dialog.recipient, "")
        qtbot.keyClick(dialog.recipient, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.recipient, Qt.Key.Key_Return)
        seen["pasted"] = (dialog.isVisible(), dialog.result())

    when_modal(SyncSettingsDialog, drive)
    window.sync.settings_action.trigger()
    qtbot.waitUntil(lambda: "pasted" in seen, timeout=10_000)
    assert seen["shown"] == (own, True)
    assert seen["copied"] == f"device id:  {device_id}\npublic key: {own}"
    visible, problem, typed = seen["wrong"]  # type: ignore[misc]
    assert visible and typed == "age1notarealkey" and "Copy the whole key again" in problem
    assert seen["pasted"] == (False, QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: window.workspace is not None
                    and window.workspace.sync.settings().recipient == team_key, timeout=10_000)
