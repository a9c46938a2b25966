"""`cfpm-coach --self-test` from the source tree: a real process, a real store, PDF, bundle, PNG."""

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pyrage
import pytest
from pypdf import PdfReader

from cfpm_coach.cli import main
from cfpm_coach.cli.self_test_steps import SelfTestError, pdf_page_count, run_self_test
from cfpm_coach.storage.migrate import head_revision
from cfpm_coach.sync import keys
from tests.conftest import INSTRUMENTS_DIR

SUMMARY = re.compile(r"self-test ok: migrations (\d{4}), (\d+) instruments, window (\d+)x(\d+) png, "
                     r"pdf (\d+) pages, bundle (\d+) records \(\d+\.\d s\)")


def fresh_login(tmp_path: Path) -> dict[str, str]:
    """No display, no Qt platform chosen, a home and data folder of its own to watch."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path / "home"), CFPM_COACH_DATA_DIR=str(tmp_path / "user-data"),
               XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
               TMPDIR=str(tmp_path / "tmp"))
    for folder in ("home", "tmp"):
        (tmp_path / folder).mkdir()
    return env


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def sealed_record_count(bundle: Path, identity: Path) -> int:
    """Records in a sealed bundle, counted from its JSON-lines files, not through the app."""
    plain = pyrage.decrypt(bundle.read_bytes(), [keys.load_identity(identity)])
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return sum(len(archive.read(name).splitlines()) for name in archive.namelist()
                   if name.startswith("data/") and name.endswith(".jsonl"))


def test_self_test_checks_every_part_and_leaves_user_data_alone(tmp_path: Path) -> None:
    env = fresh_login(tmp_path)
    kept = tmp_path / "run"
    result = subprocess.run([sys.executable, "-m", "cfpm_coach", "--self-test",
                             "--self-test-dir", str(kept)],
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = SUMMARY.fullmatch(lines[0])
    assert match, lines[0]
    schema, instruments, width, height, pages, records = match.groups()

    assert schema == head_revision()
    assert int(instruments) == len(list(INSTRUMENTS_DIR.glob("*.yaml")))
    assert (int(width), int(height)) == png_size(kept / "main-window.png") == (1280, 800)
    assert int(pages) == len(PdfReader(kept / "worker-summary.pdf").pages) >= 1
    (bundle,) = (kept / "outbox").glob("*.cfpm-bundle")
    assert int(records) == sealed_record_count(bundle, kept / "team.key") > 0
    # The user's own folders were never created.
    assert not (tmp_path / "user-data").exists()
    assert not (tmp_path / "home" / ".local" / "share" / "cfpm-coach").exists()
    assert "propagateSizeHints" not in result.stderr
    assert (kept / "self-test.txt").read_text() == result.stdout  # for builds with no console


def test_self_test_removes_its_temporary_folder(tmp_path: Path) -> None:
    env = fresh_login(tmp_path)
    result = subprocess.run([sys.executable, "-m", "cfpm_coach", "--self-test"],
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert SUMMARY.fullmatch(result.stdout.strip())
    assert not list((tmp_path / "tmp").glob("cfpm-coach-self-test-*"))


def test_self_test_names_the_step_that_failed(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    used = tmp_path / "used"
    used.mkdir()
    (used / "someone's notes.txt").write_text("not for a self-test to overwrite")
    code = main(["--self-test", "--self-test-dir", str(used)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "self-test failed at store" in err and "new or empty folder" in err
    assert [p.name for p in used.iterdir()] == ["someone's notes.txt"]


def test_a_failing_window_step_is_named_after_the_store_steps_passed(tmp_path: Path) -> None:
    def no_screen(_data: Path, _png: Path) -> tuple[int, int]:
        raise RuntimeError("could not connect to display")

    with pytest.raises(SelfTestError) as caught:
        run_self_test(tmp_path / "run", no_screen)
    assert caught.value.step == "window"
    assert "could not connect to display" in str(caught.value)
    assert (tmp_path / "run" / "worker-summary.pdf").exists()


def test_pdf_page_count_agrees_with_pypdf_and_refuses_a_cut_file(tmp_path: Path) -> None:
    report = run_self_test(tmp_path / "run")
    data = (tmp_path / "run" / "worker-summary.pdf").read_bytes()
    assert pdf_page_count(data) == len(PdfReader(io.BytesIO(data)).pages) == report.pdf_pages
    assert report.window is None and "no window" in report.summary()
    with pytest.raises(ValueError, match="not a complete PDF"):
        pdf_page_count(data[: len(data) // 2])
