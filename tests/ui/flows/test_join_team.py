"""Join your team from Sync settings: the real dialogs, driven by keys and clicks, against a real
`hub serve` on loopback; then a real sync delivers a bundle to it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from cfpm_coach.hub import invitations
from cfpm_coach.hub.service import Hub
from cfpm_coach.ui.dialogs.join_dialog import JoinDialog
from cfpm_coach.ui.dialogs.sync_settings_dialog import SyncSettingsDialog
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.hub.conftest import ServedHub, free_port
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import find_button, when_modal
from tests.ui.windows import window_on


@pytest.fixture(scope="module")
def served_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, ServedHub]]:
    """One hub process for the module (it takes seconds to start); each test invites anew."""
    folder = tmp_path_factory.mktemp("ui-join") / "hub"
    hub, _recipient, _token = Hub.init(folder)
    server = ServedHub(folder, free_port()).start()
    yield hub, server
    server.stop()
    hub.close()


def test_a_coach_joins_with_a_pasted_link_then_sync_delivers(
        qtbot: QtBot, window: MainWindow, served_hub: tuple[Hub, ServedHub],
        real_dialogs: None) -> None:
    hub, server = served_hub
    wait_idle(qtbot, window)
    window.backend.write(lambda ws: ws.workers.add("Ana Reyes", office="North"))
    wait_idle(qtbot, window)
    invitation = invitations.create(hub, "Maria Lopez", hub_url=server.url)
    assert invitation.link is not None
    seen: dict[str, object] = {}

    def drive_join(dialog: JoinDialog) -> None:
        # A mistyped code first: refused by the hub, the dialog stays with what was typed.
        qtbot.keyClicks(dialog.code, "ABCD-EFGH-JK12")
        qtbot.keyClicks(dialog.hub_url, server.url)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=15_000)
        seen["refused"] = (dialog.isVisible(), dialog.problem.text(),
                           dialog.code.toPlainText(), dialog.join_button.isEnabled())
        # Then the link, pasted broken over two lines; the address field is cleared.
        qtbot.keyClick(dialog.code, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Delete)
        link = invitation.link or ""
        qtbot.keyClicks(dialog.code, link[:30])
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.code, "  " + link[30:])
        qtbot.keyClick(dialog.hub_url, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.hub_url, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.hub_url, Qt.Key.Key_Return)  # Return joins
        qtbot.waitUntil(lambda: dialog.outcome.isVisible(), timeout=15_000)
        seen["outcome"] = dialog.outcome.text()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    def drive_settings(dialog: SyncSettingsDialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.laptop_key.text()), timeout=5_000)
        qtbot.mouseClick(dialog.copy_key, Qt.MouseButton.LeftButton)
        seen["copied"] = QGuiApplication.clipboard().text()
        seen["shown_key"] = dialog.laptop_key.text()
        when_modal(JoinDialog, drive_join)  # opened over these settings by their Join button
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        seen["filled"] = (dialog.use_hub.isChecked(), dialog.hub_url.text(),
                          dialog.recipient.text(), bool(dialog.token.text()))
        qtbot.keyClick(dialog.hub_url, Qt.Key.Key_Return)  # Save is the default button

    when_modal(SyncSettingsDialog, drive_settings)
    window.sync.settings_action.trigger()  # the laptop's key is read first, off the GUI thread
    qtbot.waitUntil(lambda: "filled" in seen, timeout=20_000)

    visible, problem, kept, can_retry = seen["refused"]  # type: ignore[misc]
    assert visible and can_retry and kept == "ABCD-EFGH-JK12"
    assert "did not accept the code" in problem and "no invitation" in problem, problem
    assert "Maria Lopez" in str(seen["outcome"]) and server.url in str(seen["outcome"])
    assert window.workspace is not None
    laptop_key = window.workspace.exchange.device_public_key()
    assert seen["shown_key"] == laptop_key
    assert seen["copied"] == f"device id:  {window.workspace.author.device_id}\npublic key: {laptop_key}"
    assert seen["filled"] == (True, server.url, hub.recipient, True)

    qtbot.waitUntil(lambda: window.sync.settings is not None
                    and window.sync.settings.mode == "hub", timeout=10_000)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=60_000) as finished:
        window.sync.sync_now_action.trigger()
    report = finished.args[0]
    assert report.error is None and len(report.sent) == 1, report
    [device] = [d for d in hub.devices() if d.public_key == laptop_key]
    assert device.coach_name == "Maria Lopez" and device.bundles == 1


def test_the_welcome_offers_to_join_and_the_code_sets_sync_up(
        qtbot: QtBot, data_dir: Path, served_hub: tuple[Hub, ServedHub],
        real_dialogs: None) -> None:
    hub, server = served_hub
    invitation = invitations.create(hub, "Rosa Delgado")
    seen: dict[str, object] = {}

    def welcome(dialog: WelcomeDialog) -> None:
        qtbot.keyClicks(dialog.name, "Rosa Delgado")
        qtbot.mouseClick(dialog.join, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)

    def join(dialog: JoinDialog) -> None:
        # The code as a person copies it: lower case, with a line break in it.
        first, rest = invitation.display_code.lower()[:6], invitation.display_code.lower()[6:]
        qtbot.keyClicks(dialog.code, first)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.code, rest)
        qtbot.keyClicks(dialog.hub_url, server.url)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.outcome.isVisible() or dialog.problem.isVisible(),
                        timeout=15_000)
        seen["outcome"] = dialog.outcome.text() or dialog.problem.text()
        qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)

    welcomed = when_modal(WelcomeDialog, welcome)
    # The join dialog opens once the welcome's answers are saved (off the GUI thread).
    when_modal(JoinDialog, join, timeout_s=30)
    with window_on(qtbot, data_dir) as window:  # a new store: the welcome comes up by itself
        qtbot.waitUntil(lambda: "outcome" in seen, timeout=30_000)
        assert welcomed
        assert "Rosa Delgado" in str(seen["outcome"]), seen
        qtbot.waitUntil(lambda: window.sync.settings is not None
                        and window.sync.settings.mode == "hub", timeout=10_000)
        assert window.sync.settings is not None
        assert window.sync.settings.hub_url == server.url
        assert window.sync.settings.recipient == hub.recipient


def test_the_folder_route_joins_from_an_invitation_file_chosen_in_the_dialog(
        qtbot: QtBot, window: MainWindow, served_hub: tuple[Hub, ServedHub], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, real_dialogs: None) -> None:
    from PySide6.QtWidgets import QFileDialog

    from cfpm_coach.hub.folder_join import ingest_join_requests

    hub, _server = served_hub
    shared = tmp_path / "shared"
    shared.mkdir()
    invitation = invitations.create(hub, "Dana Kim")
    file = invitations.write_folder_invitation(hub, invitation, str(shared),
                                               tmp_path / "dana.cfpm-invitation")
    # The operating system's file chooser is the edge of the machine: it answers the file.
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(file), "")))
    seen: dict[str, object] = {}

    def join(dialog: JoinDialog) -> None:
        qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.outcome.isVisible() or dialog.problem.isVisible(),
                        timeout=15_000)
        seen["outcome"] = dialog.outcome.text() or dialog.problem.text()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    def settings(dialog: SyncSettingsDialog) -> None:
        when_modal(JoinDialog, join)  # opened over these settings by their Join button
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        seen["filled"] = (dialog.use_folder.isChecked(), dialog.folder.text())
        qtbot.mouseClick(find_button(dialog, "Save"), Qt.MouseButton.LeftButton)

    answered = when_modal(SyncSettingsDialog, settings)
    wait_idle(qtbot, window)
    window.sync.settings_action.trigger()
    qtbot.waitUntil(lambda: "filled" in seen, timeout=20_000)
    assert answered and seen["filled"] == (True, str(shared))
    assert "shared folder" in str(seen["outcome"]) and "Dana Kim" in str(seen["outcome"])
    qtbot.waitUntil(lambda: window.sync.settings is not None
                    and window.sync.settings.mode == "folder", timeout=10_000)
    assert window.sync.settings is not None and window.sync.settings.folder == str(shared)
    [joined] = ingest_join_requests(hub, shared)
    assert joined.error is None and joined.receipt is not None
    assert window.workspace is not None
    key = window.workspace.exchange.device_public_key()
    assert [d.coach_name for d in hub.devices() if d.public_key == key] == ["Dana Kim"]
