"""The `cfpm-coach` command, as scripts and administrators use it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cfpm_coach import __version__
from cfpm_coach.cli import main
from tests.conftest import INSTRUMENTS_DIR


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_from_a_real_process() -> None:
    result = subprocess.run([sys.executable, "-m", "cfpm_coach", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"cfpm-coach {__version__}"


def test_demo_then_lists_as_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "demo", "--workers", "4",
                       "--months", "3", "--seed", "3")
    assert code == 0 and "4 workers" in out
    code, out, _ = run(capsys, "workers", "list", "--json", "--data-dir", str(data_dir))
    workers = json.loads(out)
    assert code == 0 and len(workers) == 4
    assert {"id", "name", "office", "active", "observations", "last_observed_at"} <= set(workers[0])
    offices = {w["office"] for w in workers}
    assert len(offices) >= 2

    busiest = max(workers, key=lambda w: w["observations"])
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "observations", "list",
                       "--worker", busiest["id"], "--json")
    observations = json.loads(out)
    assert code == 0 and len(observations) == busiest["observations"]
    assert {o["worker_id"] for o in observations} == {busiest["id"]}
    finished = [o for o in observations if o["status"] == "final"]
    assert finished and all(0 <= o["score"]["share_proficient"] <= 1 for o in finished
                            if o["score"]["share_proficient"] is not None)
    assert [o["started_at"] for o in observations] == sorted(
        (o["started_at"] for o in observations), reverse=True)


def test_demo_is_deterministic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    listings = []
    for name in ("a", "b"):
        run(capsys, "--data-dir", str(tmp_path / name), "demo", "--workers", "3", "--months", "2")
        _, out, _ = run(capsys, "--data-dir", str(tmp_path / name), "observations", "list",
                        "--json")
        listings.append([(o["worker"], o["setting"], o["status"], o["score"]["mean"])
                         for o in json.loads(out)])
    assert listings[0] == listings[1] and listings[0]


def test_demo_refuses_a_store_with_data(capsys: pytest.CaptureFixture[str],
                                        data_dir: Path) -> None:
    run(capsys, "--data-dir", str(data_dir), "workers", "add", "Someone Real")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "demo")
    assert code == 1 and "--append" in err


def test_db_check_backup_restore(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                 tmp_path: Path) -> None:
    run(capsys, "--data-dir", str(data_dir), "workers", "add", "Ana Reyes", "--office", "Harbor")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "db", "check", "--json")
    status = json.loads(out)
    assert code == 0 and status["ok"] and status["counts"]["worker"] == 1
    backup = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup", str(backup))
    assert code == 0 and backup.exists() and "1 workers" in out
    run(capsys, "--data-dir", str(data_dir), "workers", "add", "Added later")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(backup))
    assert code == 0 and "previous content was kept" in out
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "workers", "list", "--json")
    assert [w["name"] for w in json.loads(out)] == ["Ana Reyes"]


def test_instruments_list_and_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "instruments", "list", "--json")
    listed = {(i["id"], i["behaviors"], i["subject"]) for i in json.loads(out)}
    assert code == 0 and {("cpm-practice", 22, "worker"), ("cpm-leadership", 16, "leader"),
                          ("cpm-implementation", 16, "office")} <= listed
    code, out, _ = run(capsys, "instruments", "check", str(INSTRUMENTS_DIR /
                                                           "cpm-leadership.v1.yaml"))
    assert code == 0 and "valid" in out and "16 behaviors" in out
    broken = tmp_path / "county.yaml"
    broken.write_text("id: county\nversion: 1\ntitle: X\nkind: practice\n", encoding="utf-8")
    code, out, err = run(capsys, "instruments", "check", str(broken))
    assert code == 1 and "field scale" in err and "field groups" in err and str(broken) in err


def test_errors_are_sentences_not_tracebacks(capsys: pytest.CaptureFixture[str],
                                             data_dir: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "observations", "list", "--worker",
                       "not-a-uuid")
    assert code == 1 and err.startswith("cfpm-coach: --worker") and "Traceback" not in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "restore",
                       str(data_dir / "missing.sqlite3"))
    assert code == 1 and "no backup file" in err


def test_status_prints_where_the_store_is(capsys: pytest.CaptureFixture[str],
                                          data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--status")
    assert code == 0 and str(data_dir.resolve()) in out and "schema" in out


def test_instruments_export_import_from_a_spreadsheet(capsys: pytest.CaptureFixture[str],
                                                       data_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = tmp_path / "county.xlsx"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "instruments", "export",
                       "cpm-practice", "--version", "1", "-o", str(sheet))
    assert code == 0 and sheet.is_file() and "cpm-practice version 1" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "instruments", "import", str(sheet))
    assert code == 0 and "already installed; nothing changed" in out

    book = load_workbook(sheet)
    settings = book["settings"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "id":
            row[1].value = "county-practice"
        if row[0].value == "title":
            row[2].value = "Práctica del condado"
    book.save(sheet)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "instruments", "check", str(sheet))
    assert code == 0 and "valid" in out and "22 behaviors" in out
    assert not (data_dir / "instruments").exists()  # check installs nothing
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "instruments", "import", str(sheet))
    assert code == 0 and "installed as" in out
    installed = data_dir / "instruments" / "county-practice.v1.yaml"
    spanish = data_dir / "instruments" / "i18n" / "county-practice.v1.es.yaml"
    assert installed.is_file() and spanish.is_file()
    assert "Práctica del condado" in spanish.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "instruments", "list", "--json")
    listed = {i["id"]: i for i in json.loads(out)}
    assert listed["county-practice"]["behaviors"] == 22

    settings["B3"] = "two"  # the version row
    book.save(sheet)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "instruments", "import", str(sheet))
    assert code == 1 and "sheet settings, row 3, column B (value)" in err
    assert "nothing was installed" in err and "Traceback" not in err
