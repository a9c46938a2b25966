"""Export from the window: a sealed bundle lands in the chosen folder; the key is remembered."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cfpm_coach.services.read_models import WorkerView
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from cfpm_coach.ui.export_dialog import ExportDialog, ExportRequest
from cfpm_coach.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def test_export_writes_a_bundle_the_team_can_open(qtbot: QtBot, window: MainWindow,
                                                  workspace: Workspace, worker: WorkerView,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    identity = tmp_path / "team.key"
    recipient = keys.new_team_identity(identity)
    folder = tmp_path / "usb"
    offered: list[str] = []

    def answer(_cls: object, _parent: object, saved: str, _folder: Path) -> ExportRequest:
        offered.append(saved)
        return ExportRequest(recipient, folder, False, False, False)

    monkeypatch.setattr(ExportDialog, "ask", classmethod(answer))
    window.commands.sync_action.trigger()
    qtbot.waitUntil(lambda: folder.exists() and any(folder.glob("*.cfpm-bundle")),
                    timeout=20_000)
    wait_idle(qtbot, window)
    bundle = next(folder.glob("*.cfpm-bundle"))
    opened = workspace.exchange.open(bundle, identity, [])  # our own device's key is trusted
    assert opened.manifest.files["worker"].records == 1
    assert "Bundle written" in window.statusBar().currentMessage()

    window.commands.sync_action.trigger()  # the second time the key is offered back
    qtbot.waitUntil(lambda: len(offered) == 2, timeout=10_000)
    wait_idle(qtbot, window)
    assert offered == ["", recipient]
