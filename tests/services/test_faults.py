"""Faults reach the coach as sentences and leave what was saved before intact: a full disk, a
read-only data folder, a database locked by another process, a damaged file."""

import hashlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cfpm_coach.errors import (
    DamagedStoreError,
    DiskFullError,
    ReadOnlyStoreError,
    StoreInUseError,
)
from cfpm_coach.services import recovery
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import engine, health
from cfpm_coach.sync import keys
from tests.fault_env import (
    FULL_DISK_MODES,
    damage_table,
    full_disk,
    locked_by_another_process,
    read_only,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("mode", FULL_DISK_MODES)
def test_a_rating_on_a_full_disk_is_refused_and_earlier_ratings_stay(mode: str,
                                                                     tmp_path: Path) -> None:
    with full_disk(mode, tmp_path) as disk:
        ws = Workspace.open(disk.data_dir)
        try:
            worker = ws.workers.add("Ana Reyes")
            obs = ws.observations.start(worker.id, "cpm-practice", "home_visit")
            items = [item.id for item in obs.instrument.items]
            saved = {behavior: 1 + i % 3 for i, behavior in enumerate(items[:3])}
            for behavior, value in saved.items():
                ws.observations.rate(obs.id, behavior, value)
            disk.fill(ws.store)
            refused: tuple[str, DiskFullError] | None = None
            # A write that fits in pages SQLite already has (free pages included: migration
            # 0006 copies tables) may still succeed: rate until one needs space that is not
            # there, changing the value each round so that every step writes.
            for step in range(300):
                behavior = items[(3 + step) % len(items)]
                value = 3 - (step // len(items)) % 2
                try:
                    ws.observations.rate(obs.id, behavior, value)
                except DiskFullError as exc:
                    refused = behavior, exc
                    break
                saved[behavior] = value
            assert refused is not None
            behavior, error = refused
            assert str(error).startswith("The disk is full: the change could not be saved, and "
                                         "nothing was changed")
            disk.free()
            ratings = ws.observations.get(obs.id).ratings
            assert {b: ratings[b].value for b in saved} == saved
            assert behavior in saved or behavior not in ratings or ratings[behavior].value is None
            ws.observations.rate(obs.id, behavior, 2)  # space again: it saves
            assert ws.observations.get(obs.id).ratings[behavior].value == 2
            db = ws.store.path
        finally:
            ws.close()
        assert db is not None and _integrity(db) == "ok"


@pytest.mark.parametrize("mode", FULL_DISK_MODES)
def test_an_export_on_a_full_disk_leaves_no_file_and_keeps_the_earlier_bundle(
        mode: str, tmp_path: Path) -> None:
    recipient = keys.new_team_identity(tmp_path / "team.key")
    with full_disk(mode, tmp_path) as disk, Workspace.open(disk.data_dir) as ws:
        ws.workers.add("Ana Reyes")
        out = disk.root / "usb"
        first = ws.exchange.export(out, recipient).path
        kept = _digest(first)
        ws.workers.add("Added later")
        disk.fill(ws.store)
        with pytest.raises(DiskFullError, match="the bundle could not be written, and "
                                                "nothing was changed"):
            ws.exchange.export(out, recipient)
        assert sorted(os.listdir(out)) == [first.name]  # no temp file, no half bundle
        assert _digest(first) == kept
        disk.free()
        second = ws.exchange.export(out, recipient).path
        assert second.exists() and second != first


@pytest.mark.parametrize("mode", FULL_DISK_MODES)
def test_a_backup_on_a_full_disk_says_so_and_keeps_the_earlier_backup(mode: str,
                                                                     tmp_path: Path) -> None:
    with full_disk(mode, tmp_path) as disk, Workspace.open(disk.data_dir) as ws:
        ws.workers.add("Ana Reyes")
        backups = ws.paths.backups
        first = ws.maintenance.backup(backups / "first.sqlite3")
        kept = _digest(first)
        ws.workers.add("Added later")
        disk.fill(ws.store)
        with pytest.raises(DiskFullError, match="the backup could not be written"):
            ws.maintenance.backup(backups / "second.sqlite3")
        assert sorted(os.listdir(backups)) == ["first.sqlite3"]
        assert _digest(first) == kept
        disk.free()
        assert ws.maintenance.backup(backups / "second.sqlite3").exists()


def test_a_read_only_data_folder_is_refused_before_anything_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder), pytest.raises(ReadOnlyStoreError) as refused:
        Workspace.open(folder)
    assert "cannot be written" in str(refused.value)
    assert "nothing was created or changed" in str(refused.value)
    assert os.listdir(folder) == []


def test_a_store_in_a_read_only_folder_is_refused_untouched(data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
    before = {p.name: _digest(p) for p in data_dir.rglob("*") if p.is_file()}
    with read_only(data_dir), pytest.raises(ReadOnlyStoreError):
        Workspace.open(data_dir)
    assert {p.name: _digest(p) for p in data_dir.rglob("*") if p.is_file()} == before


def test_a_database_locked_by_another_process_is_named_not_waited_on_forever(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
        assert ws.store.path is not None
        with locked_by_another_process(ws.store.path):
            with pytest.raises(StoreInUseError, match="is in use by another program"):
                ws.workers.add("Refused while locked")
            assert [w.name for w in ws.workers.find()] == ["Ana Reyes"]  # reading still works
        ws.workers.add("After the other program let go")
        assert sorted(w.name for w in ws.workers.find()) == [
            "After the other program let go", "Ana Reyes"]


def test_a_file_that_is_not_a_database_is_named_damaged_and_left_untouched(
        data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
        db = ws.store.path
    assert db is not None
    db.write_bytes(b"not a database, a photo of one" * 1000)
    names, kept = sorted(os.listdir(data_dir)), _digest(db)
    with pytest.raises(DamagedStoreError, match="is damaged") as raised:
        Workspace.open(data_dir)
    assert raised.value.path == str(db)
    assert _digest(db) == kept and sorted(os.listdir(data_dir)) == names


def test_a_damaged_page_is_found_and_the_newest_good_backup_put_back(data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes")
        good = ws.maintenance.backup(ws.paths.backups / "good.sqlite3")
        os.utime(good, (1_700_000_000, 1_700_000_000))
        ws.workers.add("After the backup")
        db, paths = ws.store.path, ws.paths
    assert db is not None
    # A newer backup that is itself damaged is passed over.
    newer = paths.backups / "auto-20991231.sqlite3"
    newer.write_bytes(good.read_bytes()[:5000])
    damage_table(db, "worker")
    damaged = _digest(db)
    with pytest.raises(DamagedStoreError, match="is damaged"):
        recovery.check_store(paths)

    backup = recovery.newest_good_backup(paths)
    assert backup is not None and backup.path == good
    assert (backup.workers, backup.observations, backup.ratings) == (1, 0, 0)
    assert backup.taken_at == datetime.fromtimestamp(1_700_000_000, UTC)
    aside = recovery.restore_damaged(paths, backup.path)
    assert aside.name.startswith("cfpm-coach.sqlite3.damaged-") and _digest(aside) == damaged
    recovery.check_store(paths)
    with Workspace.open(data_dir) as ws:
        assert [w.name for w in ws.workers.find()] == ["Ana Reyes"]
    assert _digest(aside) == damaged  # kept as it was


def test_moving_a_damaged_file_aside_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    db = tmp_path / "cfpm-coach.sqlite3"
    db.write_bytes(b"second damaged file")
    (tmp_path / "cfpm-coach.sqlite3-wal").write_bytes(b"its wal")
    stamp = datetime(2025, 5, 1, 9, 30, 0)
    earlier = tmp_path / "cfpm-coach.sqlite3.damaged-20250501-093000"
    earlier.write_bytes(b"first damaged file")
    aside = health.move_aside(db, stamp)
    assert aside.name == "cfpm-coach.sqlite3.damaged-20250501-093000-2"
    assert aside.read_bytes() == b"second damaged file"
    assert (tmp_path / (aside.name + "-wal")).read_bytes() == b"its wal"
    assert earlier.read_bytes() == b"first damaged file"
    assert not db.exists()
