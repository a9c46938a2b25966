"""A storage fault told in Spanish in a Spanish window: the whole sentence, not an English one
set inside a Spanish frame ("No se exportó nada: ... is not a folder ...")."""

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.storage import faults
from cfpm_coach.sync import keys
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.runtime.errors import sentence
from cfpm_coach.ui.shell.app import application
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.views.workers import WorkerView
from tests.ui.conftest import wait_idle
from tests.ui.dialogs.test_export_ui import open_export, paste, replace_text

ENGLISH = ("nothing was changed", "is not a folder", "could not be written", "try again")


@pytest.fixture
def spanish(qapp: object) -> Iterator[None]:
    app = application()
    assert i18n.install(app, "es") == "es"
    yield
    i18n.install(app, "en")


def test_a_failed_export_is_explained_all_in_spanish(
        spanish: None, qtbot: QtBot, window: MainWindow, worker: WorkerView,
        tmp_path: Path) -> None:
    recipient = keys.new_team_identity(tmp_path / "team.key")
    not_a_folder = tmp_path / "memoria-usb"
    not_a_folder.write_text("the USB stick was pulled out and this name is a file now")
    dialog = open_export(qtbot, window)
    paste(qtbot, dialog.recipient, recipient)
    replace_text(qtbot, dialog.folder, str(not_a_folder))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=20_000)
    wait_idle(qtbot, window)
    words = dialog.problem.text()
    assert "no es una carpeta" in words and "no se pudo escribir el paquete" in words, words
    assert str(not_a_folder) in words
    assert not [phrase for phrase in ENGLISH if phrase in words], words
    dialog.reject()


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.ENOTDIR])
def test_every_fault_sentence_has_its_spanish(spanish: None, error: int) -> None:
    fault = faults.translate(OSError(error, "x"), "the backup could not be written", "/media/usb")
    assert fault is not None and fault.wording is not None
    said = sentence(fault)
    assert "/media/usb" in said and "no se pudo escribir la copia de seguridad" in said, said
    assert not [phrase for phrase in ENGLISH if phrase in said], said
    assert str(fault) == fault.wording.english()  # English stays what the CLI and logs say


def test_a_shared_folder_gone_is_explained_in_spanish(
        spanish: None, data_dir: Path, tmp_path: Path, qtbot: QtBot) -> None:
    """A sync whose network drive is not connected said "... does not answer; the changes stay
    in the outbox until it does" in the Spanish sync panel."""
    from cfpm_coach.services.sync import SyncSettings
    from cfpm_coach.services.workspace import Workspace
    from cfpm_coach.ui.shell.app import open_main_window
    from tests.ui.conftest import returning_coach

    shared = tmp_path / "unidad-de-red"
    with Workspace.open(data_dir) as laptop:
        laptop.sync.save_settings(SyncSettings(
            folder=str(shared), recipient=keys.new_team_identity(tmp_path / "team.key"),
            automatic=False))
    window = open_main_window(returning_coach(data_dir))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.backend.opened, timeout=20_000):
        pass
    window.show()
    try:
        window.sync.panel_action.trigger()
        panel = window.sync.panel
        assert panel is not None
        qtbot.waitUntil(lambda: window.sync.settings is not None, timeout=10_000)
        wait_idle(qtbot, window)
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.error.isVisible() and bool(panel.error.text()),
                        timeout=20_000)
        words = panel.error.text()
        assert str(shared) in words and "no responde" in words, words
        assert "does not answer" not in words and "outbox" not in words, words
    finally:
        window.close()
        window.backend.shutdown()
