"""Files written whole or not at all, with exactly the mode asked for, by every writer of the app.

A write is durable when the temp file's bytes are fsynced before it is renamed over the target,
and the folder is fsynced after the rename (or a power cut can undo the rename). The order is
observed at the edge of the machine (the os calls), since a power cut cannot be staged here; a
crash is staged for real, by killing a child process in the middle of a write.
"""

import contextlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cfpm_coach.hub.config import new_config
from cfpm_coach.storage import files
from cfpm_coach.storage.backup import backup_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def umask_0() -> Iterator[None]:
    """Files are created as permissively as the system allows."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@pytest.mark.parametrize("mode", [files.PRIVATE_FILE, 0o644])
def test_a_file_gets_exactly_its_mode_under_a_permissive_umask(
        umask_0: None, tmp_path: Path, mode: int) -> None:
    target = tmp_path / "notes.json"
    target.write_bytes(b"old")
    target.chmod(0o666)
    files.write_atomic(target, b"new", mode=mode)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


def test_the_default_mode_is_owner_only(umask_0: None, tmp_path: Path) -> None:
    written = files.write_atomic(tmp_path / "names.csv", b"a,b\n")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "hub.json"
    target.write_bytes(b"old")

    def half_then_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "write_fully", half_then_full)
    with pytest.raises(OSError):
        files.write_atomic(target, b"a new and longer content")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub.json"]


CHILD = '''
import os, signal, sys
from pathlib import Path
from cfpm_coach.storage import files

target, point = Path(sys.argv[1]), sys.argv[2]
real_write, real_replace = files.write_fully, os.replace

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def half_then_die(fd, data):
    real_write(fd, data[: len(data) // 2])
    die()

def replace(source, destination):
    die()

if point == "mid-write":
    files.write_fully = half_then_die
else:
    os.replace = replace
files.write_atomic(target, b"the new content, " * 1000)
print("not killed")
'''


@pytest.mark.parametrize("point", ["mid-write", "before-rename"])
def test_a_kill_in_the_middle_of_a_write_leaves_the_old_file_whole(
        tmp_path: Path, point: str) -> None:
    target = tmp_path / "outbox.json"
    target.write_bytes(b"the old content")
    child = subprocess.run([sys.executable, "-c", CHILD, str(target), point], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    assert target.read_bytes() == b"the old content"
    # The next write takes over the temp file the killed one left, with the right mode.
    (tmp_path / ".outbox.json.partial").chmod(0o666)
    files.write_atomic(target, b"again")
    assert target.read_bytes() == b"again"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outbox.json"]


# -- every writer of the app: fsync the temp, rename it beside, fsync the folder -------------

class OsCalls:
    """fsync and rename calls as the kernel would see them: paths, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, ...]] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            self.calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
            real_fsync(fd)

        def replace(source: str | Path, target: str | Path) -> None:
            self.calls.append(("replace", os.path.realpath(source), os.path.realpath(target)))
            real_replace(source, target)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)

    def assert_durable(self, target: Path) -> None:
        """target was renamed into place from a fsynced temp beside it, then its folder fsynced."""
        target = target.resolve()
        renames = [i for i, call in enumerate(self.calls)
                   if call[0] == "replace" and call[2] == str(target)]
        assert renames, f"{target} was not renamed into place: {self.calls}"
        at = renames[-1]
        temp = Path(self.calls[at][1])
        assert temp.parent == target.parent, self.calls[at]
        assert ("fsync", str(temp)) in self.calls[:at], f"temp not fsynced first: {self.calls}"
        assert ("fsync", str(target.parent)) in self.calls[at + 1:], (
            f"folder not fsynced after the rename: {self.calls}")


def _hub_config(tmp_path: Path) -> Path:
    config = new_config(tmp_path / "hub", None, None)
    config.data_dir.mkdir()
    config.save()
    return config.config_file


def _backup(tmp_path: Path) -> Path:
    with contextlib.closing(sqlite3.connect(tmp_path / "data.sqlite3")) as database:
        database.execute("CREATE TABLE worker (id TEXT)")
        database.commit()
    return backup_database(tmp_path / "data.sqlite3", tmp_path / "backup.sqlite3")


def _instrument(tmp_path: Path) -> Path:
    from cfpm_coach.paths import resolve_paths
    from cfpm_coach.services.instrument_sheets import install_sheet

    sheet = ROOT / "docs" / "instrument-template.xlsx"
    return install_sheet(resolve_paths(tmp_path / "data"), sheet).path


def _self_test_note(tmp_path: Path) -> Path:
    from cfpm_coach.cli import self_test

    self_test._note(tmp_path, "self-test ok")
    return tmp_path / self_test.RESULT_FILE


WRITERS: dict[str, Callable[[Path], Path]] = {
    "hub.json": _hub_config, "backup": _backup, "instrument": _instrument,
    "self-test note": _self_test_note,
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_makes_its_file_durable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str) -> None:
    calls = OsCalls(monkeypatch)
    written = WRITERS[writer](tmp_path)
    calls.assert_durable(written)
