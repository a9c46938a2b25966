"""Logs carry ids only: after a full demo session, no staff name or note text is in the log."""

import logging
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest

from cfpm_coach import applog
from cfpm_coach.cli import main
from cfpm_coach.services import demo


def test_log_holds_no_names_or_notes(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "demo", "--workers", "12", "--months", "4"]) == 0
    main(["--data-dir", str(data_dir), "workers", "list"])
    main(["--data-dir", str(data_dir), "observations", "list"])
    capsys.readouterr()
    log = (data_dir / "logs" / "cfpm-coach.log").read_text(encoding="utf-8")
    assert "observation" in log and "finalized" in log  # the log was written
    secrets = [*demo.STAFF_NAMES, *demo.STRENGTHS, *demo.GROWTH, *demo.NEXT_STEPS]
    secrets += [note for notes in demo.EVIDENCE.values() for note in notes]
    leaked = [s for s in secrets if s in log or s.split()[-1] in log.split()]
    assert leaked == []


def _log_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{applog.LOG_NAME}*"))


def test_log_rotates_by_size_and_every_file_is_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / applog.LOG_NAME).write_text("left by an older version\n")
    (folder / applog.LOG_NAME).chmod(0o644)
    try:
        applog.setup_logging(folder, verbose=True)
        log = logging.getLogger("cfpm_coach.test_rotation")
        ids = " ".join(str(uuid.uuid4()) for _ in range(25))  # about 1 KB a record
        # Enough for every backup and more: the oldest files are dropped, never grown.
        for n in range((applog.BACKUP_COUNT + 2) * applog.MAX_BYTES // 1000):
            log.debug("bundle %s carries %s", n, ids)
    finally:
        applog.stop_logging()
    files = _log_files(folder)
    assert [p.name for p in files] == [applog.LOG_NAME] + [
        f"{applog.LOG_NAME}.{n}" for n in range(1, applog.BACKUP_COUNT + 1)]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert path.stat().st_size <= applog.MAX_BYTES
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_logged_exception_keeps_its_type_and_frames_but_not_its_message(tmp_path: Path
                                                                           ) -> None:
    secret = "Keisha Washington"
    connection = sqlite3.connect(tmp_path / "t.sqlite3")
    connection.execute("CREATE TABLE worker (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
    connection.execute("INSERT INTO worker (name) VALUES (?)", (secret,))
    try:
        applog.setup_logging(tmp_path / "logs", verbose=True)
        try:
            try:
                connection.execute("INSERT INTO worker (name) VALUES (?)", (secret,))
            except sqlite3.IntegrityError as exc:
                raise ValueError(f"could not add {secret}") from exc
        except ValueError:
            logging.getLogger("cfpm_coach.test").exception("adding a worker failed")
    finally:
        applog.stop_logging()
        connection.close()
    text = (tmp_path / "logs" / applog.LOG_NAME).read_text(encoding="utf-8")
    assert "adding a worker failed" in text and "builtins.ValueError" in text
    assert "sqlite3.IntegrityError" in text and "caused by" in text and "test_logs.py" in text
    assert secret not in text and "Washington" not in text
