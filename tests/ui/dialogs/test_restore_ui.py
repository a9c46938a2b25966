"""File > Restore from backup with its preview, and the offer made when the data file is damaged:
driven through the real window on real files."""

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cfpm_coach.errors import BackupError
from cfpm_coach.paths import AppPaths
from cfpm_coach.services import recovery
from cfpm_coach.services.recovery import BackupView
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.restore_dialog import DamagedDialog, RestoreDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.fault_env import damage_table
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import click, find_button, when_modal
from tests.ui.windows import window_on


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shown_names(win: MainWindow) -> list[str]:
    return sorted(w.name for w in win.workers_panel.model.rows())


def _add_worker(qtbot: QtBot, win: MainWindow, name: str) -> None:
    win.backend.write(lambda ws: ws.workers.add(name), lambda _w: win.refresh_workers())
    wait_idle(qtbot, win)


def test_restore_brings_the_old_data_back_and_keeps_a_copy_of_the_new(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        real_dialogs: None) -> None:
    assert window.workspace is not None
    backups = window.workspace.paths.backups
    _add_worker(qtbot, window, "Ana Reyes")
    saved_to = backups / "before-the-change.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(saved_to), "")))
    window.commands.backup_action.trigger()
    qtbot.waitUntil(saved_to.exists, timeout=10_000)
    _add_worker(qtbot, window, "Added after the backup")
    qtbot.waitUntil(lambda: len(_shown_names(window)) == 2, timeout=5_000)

    offered: list[list[BackupView]] = []

    def choose(dialog: RestoreDialog) -> None:
        listed = dialog.model.rows()
        offered.append(listed)
        [row] = [n for n, backup in enumerate(listed) if backup.path == saved_to]
        table = dialog.table
        index = table.model().index(row, 0)
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(index).center())
        assert dialog.chosen() is not None and dialog.chosen().path == saved_to  # type: ignore[union-attr]
        click(qtbot, dialog.restore_button)

    when_modal(RestoreDialog, choose)
    window.commands.restore_action.trigger()
    qtbot.waitUntil(lambda: _shown_names(window) == ["Ana Reyes"], timeout=20_000)
    wait_idle(qtbot, window)
    listed = {b.path.name: b for b in offered[0]}
    assert listed["before-the-change.sqlite3"].workers == 1
    assert "The backup was restored" in window.statusBar().currentMessage()
    assert window.commands.new_observation_action.isEnabled()
    [safety] = backups.glob("before-restore-*.sqlite3")
    assert recovery.describe_backup(safety).workers == 2  # the restore can be undone
    assert window.workspace is not None and window.workspace.maintenance.check().ok


def test_the_restore_dialog_previews_date_size_and_counts(
        qtbot: QtBot, workspace: Workspace, tmp_path: Path, qtmodeltester: ModelTester) -> None:
    workspace.workers.add("Ana Reyes")
    older = recovery.describe_backup(workspace.maintenance.backup(tmp_path / "older.sqlite3"))
    worker = workspace.workers.add("Ben Ortiz")
    obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit")
    workspace.observations.rate(obs.id, obs.instrument.items[0].id, 2)
    newer = recovery.describe_backup(workspace.maintenance.backup(tmp_path / "newer.sqlite3"))
    dialog = RestoreDialog(None, [newer, older])
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.chosen() == newer and dialog.restore_button.isEnabled()
    assert "2 workers, 1 observations, 1 ratings" in dialog.preview.text()
    assert dialog.model.display(newer, dialog.model.SIZE).endswith("KB")
    dialog.table.selectRow(1)
    assert dialog.chosen() == older and "1 workers, 0 observations" in dialog.preview.text()
    dialog.table.clearSelection()
    assert not dialog.restore_button.isEnabled() and dialog.preview.text() == ""

    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_bytes(b"just text")
    with pytest.raises(BackupError):
        dialog.add_file(not_a_backup)
    chosen = tmp_path / "chosen.sqlite3"
    chosen.write_bytes(older.path.read_bytes())
    dialog.add_file(chosen)
    assert dialog.chosen() is not None and dialog.chosen().path == chosen  # type: ignore[union-attr]
    assert dialog.model.rowCount() == 3


def test_the_damaged_question_names_the_backup(qtbot: QtBot, workspace: Workspace,
                                               tmp_path: Path, real_dialogs: None) -> None:
    workspace.workers.add("Ana Reyes")
    backup = recovery.describe_backup(workspace.maintenance.backup(tmp_path / "b.sqlite3"))
    texts: list[str] = []

    def press_restore(box: QMessageBox) -> None:
        texts.append(box.informativeText())
        click(qtbot, find_button(box, "Restore the backup"))

    when_modal(QMessageBox, press_restore)
    assert DamagedDialog.ask(None, "The data file is damaged.", backup)
    assert "1 workers, 0 observations, 0 ratings" in texts[0]
    assert "never deleted" in texts[0]


def _damaged_store(data_dir: Path) -> tuple[Path, str]:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
        ws.maintenance.auto_backup(today="20250101")
        ws.workers.add("After the backup")
    db = data_dir / "cfpm-coach.sqlite3"
    damage_table(db, "worker")
    return db, _digest(db)


def test_a_damaged_file_is_offered_back_from_the_newest_good_backup(
        qtbot: QtBot, qapp, data_dir: Path,  # type: ignore[no-untyped-def]
        real_dialogs: None) -> None:
    db, damaged = _damaged_store(data_dir)
    asked: list[tuple[str, str]] = []

    def restore(box: QMessageBox) -> None:
        asked.append((box.text(), box.informativeText()))
        click(qtbot, find_button(box, "Restore the backup"))

    when_modal(QMessageBox, restore, timeout_s=20)
    with window_on(qtbot, data_dir, wait_open=False) as win:
        qtbot.waitUntil(lambda: _shown_names(win) == ["Ana Reyes"]
                        and win.workers_panel.isEnabled(), timeout=20_000)
        wait_idle(qtbot, win)
        assert "The damaged file was kept" in win.statusBar().currentMessage()
    [(message, offer)] = asked
    assert "is damaged" in message
    # The automatic backup of 2025-01-01, before the second worker: the newest good one.
    assert "1 workers, 0 observations, 0 ratings" in offer
    [aside] = [p for p in data_dir.glob("cfpm-coach.sqlite3.damaged-*")
               if not p.name.endswith(("-wal", "-shm"))]
    assert _digest(aside) == damaged
    recovery.check_store(AppPaths(data_dir))
    assert db.exists()


def test_declining_leaves_a_damaged_file_exactly_as_it_was(
        qtbot: QtBot, qapp, data_dir: Path,  # type: ignore[no-untyped-def]
        real_dialogs: None) -> None:
    db, _ = _damaged_store(data_dir)
    db.write_bytes(b"not even a database any more" * 500)
    kept = _digest(db)
    asked: list[str] = []

    def decline(box: QMessageBox) -> None:
        asked.append(box.informativeText())
        click(qtbot, find_button(box, "Not now"))

    when_modal(QMessageBox, decline, timeout_s=20)
    with window_on(qtbot, data_dir, wait_open=False) as win:
        qtbot.waitUntil(lambda: len(asked) == 1, timeout=20_000)
        wait_idle(qtbot, win)
        assert not win.workers_panel.isEnabled()
        assert not win.commands.new_observation_action.isEnabled()
        assert "left as it is" in win.statusBar().currentMessage()
    assert asked[0].startswith("The newest good backup")
    assert "1 workers, 0 observations, 0 ratings" in asked[0]  # the automatic one of 2025-01-01
    assert _digest(db) == kept
    assert not list(data_dir.glob("*.damaged-*"))
