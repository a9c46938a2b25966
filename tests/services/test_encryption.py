"""Encryption at rest: the passphrase is set, changed and removed safely, and no text leaks."""

import os
import sqlite3
from pathlib import Path

import pytest

from cfpm_coach.errors import BackupError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import (
    InvalidPassphraseError,
    PassphraseRequiredError,
    WrongPassphraseError,
    is_encrypted,
)
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView

PASSPHRASE = "correct horse 'battery' staple"
NOTE = "Asked the youth what a good visit looks like"


def _file_bytes(path: Path) -> bytes:
    """The data file and its write-ahead log, as an attacker with the disk would read them."""
    content = b""
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            content += candidate.read_bytes()
    return content


@pytest.fixture
def noted(workspace: Workspace, draft: ObservationDetail) -> ObservationDetail:
    """The draft with one rating and an evidence note."""
    workspace.observations.rate(draft.id, "engagement.1", 3)
    workspace.observations.set_evidence(draft.id, "engagement.1", NOTE)
    return draft


def test_setting_a_passphrase_leaves_no_plain_text_and_needs_it_to_open(
        workspace: Workspace, worker: WorkerView, noted: ObservationDetail, data_dir: Path) -> None:
    database = workspace.paths.database
    assert worker.name.encode() in _file_bytes(database)  # the check below can fail
    workspace.security.set_passphrase(PASSPHRASE)
    assert workspace.security.encrypted and is_encrypted(database)
    workspace.workers.add("Bea Lopez", office="North Valley")  # the reopened store works
    workspace.close()
    raw = _file_bytes(database)
    for text in (worker.name, "Bea Lopez", NOTE, "North Valley", "observation"):
        assert text.encode() not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("SELECT count(*) FROM worker").fetchone()

    with pytest.raises(PassphraseRequiredError):
        Workspace.open(data_dir)
    with pytest.raises(WrongPassphraseError):
        Workspace.open(data_dir, passphrase="not the passphrase")
    with Workspace.open(data_dir, passphrase=PASSPHRASE) as reopened:
        names = {w.name for w in reopened.workers.find()}
        assert names == {worker.name, "Bea Lopez"}
        detail = reopened.observations.get(noted.id)
        assert detail.ratings["engagement.1"].note == NOTE
        assert reopened.maintenance.check().problems == []


def test_backups_follow_the_store_and_restore_under_the_key(
        workspace: Workspace, worker: WorkerView, data_dir: Path) -> None:
    plain_backup = workspace.maintenance.auto_backup(keep=3, today="20261101")
    assert plain_backup is not None
    workspace.security.set_passphrase(PASSPHRASE)
    assert is_encrypted(plain_backup), "a plain copy stayed beside the encrypted store"
    assert worker.name.encode() not in plain_backup.read_bytes()
    encrypted_backup = workspace.maintenance.backup()
    assert is_encrypted(encrypted_backup)

    workspace.workers.add("Added after the backup")
    workspace.maintenance.restore(encrypted_backup)
    assert {w.name for w in workspace.workers.find()} == {worker.name}
    assert is_encrypted(workspace.paths.database)


def test_a_plain_backup_from_elsewhere_restores_into_an_encrypted_store(
        workspace: Workspace, worker: WorkerView, tmp_path: Path) -> None:
    outside = workspace.maintenance.backup(tmp_path / "usb" / "copy.sqlite3")
    workspace.security.set_passphrase(PASSPHRASE)
    assert not is_encrypted(outside)  # only the data folder's backups are re-keyed
    workspace.workers.add("Added later")
    workspace.maintenance.restore(outside)
    assert {w.name for w in workspace.workers.find()} == {worker.name}
    assert is_encrypted(workspace.paths.database)
    assert not list(workspace.paths.data_dir.glob(".*restore"))


def test_an_encrypted_backup_cannot_go_into_a_plain_store(
        workspace: Workspace, worker: WorkerView, tmp_path: Path) -> None:
    workspace.security.set_passphrase(PASSPHRASE)
    copy = workspace.maintenance.backup(tmp_path / "copy.sqlite3")
    workspace.security.remove_passphrase(PASSPHRASE)
    with pytest.raises(BackupError, match="encrypted"):
        workspace.maintenance.restore(copy)


def test_change_and_remove_need_the_current_passphrase(
        workspace: Workspace, worker: WorkerView, data_dir: Path) -> None:
    security = workspace.security
    with pytest.raises(InvalidPassphraseError):
        security.set_passphrase("short")
    assert not security.encrypted and not is_encrypted(workspace.paths.database)
    security.set_passphrase(PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        security.set_passphrase("a new passphrase", current_passphrase="wrong guess")
    security.set_passphrase("a new passphrase", current_passphrase=PASSPHRASE)
    assert security.check("a new passphrase") and not security.check(PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        security.remove_passphrase(PASSPHRASE)
    security.remove_passphrase("a new passphrase")
    workspace.close()
    with sqlite3.connect(workspace.paths.database) as plain:
        assert plain.execute("SELECT name FROM worker").fetchall() == [(worker.name,)]
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_crash_before_the_swap_leaves_the_old_file_working(
        workspace: Workspace, worker: WorkerView, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def power_cut(source: object, target: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        workspace.security.set_passphrase(PASSPHRASE)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not is_encrypted(workspace.paths.database)
    assert not list(data_dir.glob(".*rekey"))
    assert {w.name for w in workspace.workers.find()} == {worker.name}
    workspace.close()
    with Workspace.open(data_dir) as reopened:
        assert reopened.maintenance.check().problems == []


def test_backup_previews_and_the_quick_check_work_under_the_key(
        workspace: Workspace, worker: WorkerView) -> None:
    from cfpm_coach.services import recovery

    workspace.security.set_passphrase(PASSPHRASE)
    workspace.maintenance.auto_backup(keep=3, today="20261102")
    key = workspace.store.key
    listed = recovery.list_backups(workspace.paths, key)
    assert [(b.workers, b.kind) for b in listed] == [(1, "automatic")]
    assert recovery.list_backups(workspace.paths) == []  # unreadable without the key: skipped
    recovery.check_store(workspace.paths, key)  # sound, and read through SQLCipher
    newest = recovery.newest_good_backup(workspace.paths, key)
    assert newest is not None and newest.path == listed[0].path
