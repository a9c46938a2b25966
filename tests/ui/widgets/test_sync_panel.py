"""The sync panel against a live hub over HTTP: what is waiting, Sync now, the success message."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.sync import SyncSettings
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.hub.conftest import ServedHub, free_port
from tests.ui.journeys.driver import click, find_button, type_text, when_modal


@pytest.fixture
def hub_for_laptop(data_dir: Path, tmp_path: Path) -> Iterator[tuple[ServedHub, Hub]]:
    """A served hub, and the laptop's store (data_dir) filled with demo data and enrolled."""
    hub, recipient, _team = Hub.init(tmp_path / "hub")
    served = ServedHub(tmp_path / "hub", free_port()).start()
    with Workspace.open(data_dir) as laptop:
        laptop.demo.generate(workers=3, months=1, seed=2)
        token = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
        laptop.sync.save_settings(SyncSettings(hub_url=served.url, token=token,
                                               recipient=recipient, automatic=False))
    yield served, hub
    served.stop()
    hub.close()


def test_sync_panel_shows_waiting_then_syncs_now(
        qtbot: QtBot, hub_for_laptop: tuple[ServedHub, Hub], window: MainWindow) -> None:
    _served, hub = hub_for_laptop
    window.sync.panel_action.trigger()
    panel = window.sync.panel
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: "not bundled yet" in panel.waiting.text(), timeout=10_000)
    assert window.sync.label.text() == "Sync: 1 waiting"

    with qtbot.waitSignal(window.sync.sync_finished, timeout=30_000):
        qtbot.mouseClick(panel.sync_button, qtbot_left_button())
    assert panel.message.text().startswith("Sent 1 bundle:"), panel.message.text()
    qtbot.waitUntil(lambda: panel.waiting.text() == "Nothing: everything is delivered",
                    timeout=10_000)
    assert "records new or updated at the hub" in panel.last_receipt.text()
    assert window.sync.label.text().startswith("Sync: up to date")
    assert not panel.error.isVisible()
    assert [d.bundles for d in hub.devices()] == [1]
    if os.environ.get("CFPM_SCREENSHOTS"):
        panel.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/sync-panel.png")


def qtbot_left_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_sync_settings_dialog_and_saving_them(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                              real_dialogs: None) -> None:
    from cfpm_coach.sync import keys
    from cfpm_coach.ui.dialogs.sync_settings_dialog import SyncSettingsDialog

    assert window.sync.label.text() == "" or "not set up" in window.sync.label.text()
    qtbot.waitUntil(lambda: window.sync.label.text() == "Sync: not set up", timeout=10_000)
    recipient = keys.new_team_identity(tmp_path / "team.key")
    chosen: list[object] = []

    def fill(dialog: SyncSettingsDialog) -> None:
        assert dialog.use_hub.isChecked() and not dialog.folder.isEnabled()
        qtbot.mouseClick(dialog.hub_url, Qt.MouseButton.LeftButton)
        type_text("https://ignored.example.org")
        qtbot.mouseClick(dialog.use_folder, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, dialog.use_folder.height() // 2))
        assert dialog.folder.isEnabled() and not dialog.hub_url.isEnabled()
        qtbot.mouseClick(dialog.folder, Qt.MouseButton.LeftButton)
        type_text(str(tmp_path))
        qtbot.mouseClick(dialog.recipient, Qt.MouseButton.LeftButton)
        type_text(recipient)
        chosen.append(dialog.settings())
        click(qtbot, find_button(dialog, "Save"))

    when_modal(SyncSettingsDialog, fill)
    window.sync.settings_action.trigger()
    qtbot.waitUntil(lambda: bool(chosen), timeout=10_000)
    [settings] = chosen
    assert settings.mode == "folder" and settings.hub_url == ""  # type: ignore[attr-defined]
    assert settings.folder == str(tmp_path)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.sync.label.text() == "Sync: 1 waiting", timeout=10_000)
    assert window.workspace is not None
    assert window.workspace.sync.settings().folder == str(tmp_path)


@pytest.fixture
def folder_for_laptop(data_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, Hub]]:
    """A shared folder the laptop (data_dir, demo data, enrolled) syncs to, and the hub."""
    hub, recipient, _team = Hub.init(tmp_path / "hub")
    shared = tmp_path / "shared"
    shared.mkdir()
    with Workspace.open(data_dir) as laptop:
        laptop.demo.generate(workers=3, months=1, seed=2)
        hub.enroll(laptop.exchange.device_public_key(), "Coach A")
        laptop.sync.save_settings(SyncSettings(folder=str(shared), recipient=recipient,
                                               automatic=False))
    yield shared, hub
    hub.close()


def test_a_folder_sync_waits_for_the_hubs_receipt_before_saying_delivered(
        qtbot: QtBot, folder_for_laptop: tuple[Path, Hub], window: MainWindow) -> None:
    shared, hub = folder_for_laptop
    window.sync.panel_action.trigger()
    panel = window.sync.panel
    assert panel is not None
    qtbot.waitUntil(lambda: "not bundled yet" in panel.waiting.text(), timeout=10_000)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=30_000):
        qtbot.mouseClick(panel.sync_button, qtbot_left_button())
    assert panel.message.text() == \
        "1 bundle is in the shared folder, waiting for the hub's receipt.", panel.message.text()
    qtbot.waitUntil(lambda: panel.waiting.text() == "1 bundle in the outbox", timeout=10_000)

    [result] = hub.ingest_folder(shared)
    assert result.error is None
    with qtbot.waitSignal(window.sync.sync_finished, timeout=30_000):
        qtbot.mouseClick(panel.sync_button, qtbot_left_button())
    assert panel.message.text().startswith("Sent 1 bundle:"), panel.message.text()
    qtbot.waitUntil(lambda: panel.waiting.text() == "Nothing: everything is delivered",
                    timeout=10_000)
