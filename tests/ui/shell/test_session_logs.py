"""A whole day's work with verbose logging, errors included: the logs hold ids, never a name or
a note. The command line (demo, export, import, backup, reports, a bad bundle) and the real
window (open, rate, a refused rating, a write that breaks a database rule, notes, finish, report)
write to the same rotating log; then every log file is scanned for every demo name and note."""

import json
import re
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach import applog
from cfpm_coach.cli import main
from cfpm_coach.services import demo
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import records
from cfpm_coach.storage.models import Rating
from cfpm_coach.ui.dialogs.report_dialog import ReportDialog
from cfpm_coach.ui.shell.app import open_main_window
from tests.ui.conftest import record_previews, wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, press, type_text, when_modal

COACH = "Marisol Quintero-Blake"
TYPED_EVIDENCE = "Asked Grandma Lupe what worked last time"
TYPED_STRENGTHS = "Kept the meeting on the family's own goals"
SECRET_NOTE = "Zebulon Featherstonehaugh disclosed a private matter"
MISSING_OFFICE = "Atlantis Annex"


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["-v", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def _command_line_day(capsys: pytest.CaptureFixture[str], laptop: Path, central: Path,
                      tmp_path: Path) -> None:
    assert _cli(capsys, "--data-dir", str(laptop), "demo", "--workers", "12", "--months", "3")[0] == 0
    with Workspace.open(laptop) as ws:
        ws.profile.update_coach(name=COACH)
        worker = ws.workers.find()[0]
        finished = ws.observations.find(worker_id=worker.id, status="final")[0]
    code, recipient = _cli(capsys, "keys", "new-team-identity", str(tmp_path / "team.key"))
    assert code == 0
    code, shown = _cli(capsys, "--data-dir", str(laptop), "device", "show")
    public_key = shown.split("public key:")[1].strip()
    assert _cli(capsys, "--data-dir", str(laptop), "export", "--full",
                "--recipient", recipient.strip(), "-o", str(tmp_path / "out"))[0] == 0
    [bundle] = (tmp_path / "out").glob("*.cfpm-bundle")
    assert _cli(capsys, "--data-dir", str(laptop), "export", "--csv", str(tmp_path / "csv"))[0] == 0
    assert _cli(capsys, "--data-dir", str(central), "import", str(bundle), "--identity",
                str(tmp_path / "team.key"), "--trust-device", public_key, "--json")[0] == 0
    # Provoked: a damaged bundle, and a good one from a device nobody trusts.
    broken = tmp_path / "broken.cfpm-bundle"
    broken.write_bytes(bundle.read_bytes()[:-40] + b"\0" * 40)
    assert _cli(capsys, "--data-dir", str(central), "import", str(broken), "--identity",
                str(tmp_path / "team.key"), "--trust-device", public_key)[0] == 1
    assert _cli(capsys, "--data-dir", str(central), "import", str(bundle), "--identity",
                str(tmp_path / "team.key"))[0] == 1
    assert _cli(capsys, "--data-dir", str(laptop), "backup", str(tmp_path / "copy.sqlite3"))[0] == 0
    for args in (["observation", str(finished.id)], ["worker", str(worker.id)],
                 ["unit", worker.office]):
        assert _cli(capsys, "--data-dir", str(laptop), "report", *args[:1], "-o",
                    str(tmp_path / f"{args[0]}.pdf"), *args[1:])[0] == 0
    # Provoked: an office with nobody in it (the error names the office; the log must not).
    assert _cli(capsys, "--data-dir", str(laptop), "report", "unit", "-o",
                str(tmp_path / "none.pdf"), MISSING_OFFICE)[0] == 1
    code, listed = _cli(capsys, "--data-dir", str(laptop), "workers", "list", "--json")
    assert code == 0 and json.loads(listed)


def _window_day(qtbot: QtBot, laptop: Path, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    applog.setup_logging(laptop / "logs", verbose=True)  # as `cfpm-coach -v` does for the app
    window = open_main_window(laptop)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.backend.opened, timeout=20_000):
        pass
    window.show()
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() > 0, timeout=10_000)
    assert window.workspace is not None
    worker = window.workspace.workers.find()[1]
    steps.click_worker_row(qtbot, window, worker.name)
    started = steps.start_by_keyboard(qtbot, window, steps.earlier_practice_version)
    assert started.worker.currentData() == worker.id
    qtbot.waitUntil(lambda: steps.on_checklist_of(window, worker.name), timeout=10_000)
    checklist = window.checklist
    assert checklist.detail is not None
    observation_id = checklist.detail.id
    activate(qtbot, window)
    values = steps.rate_in_turn(qtbot, window, 3, {0: TYPED_EVIDENCE})
    assert None not in values
    assert checklist.rows[checklist._order[0]].note.text() == TYPED_EVIDENCE

    # Provoked on the database worker: a refused rating, and a write that breaks a database
    # rule (a rating for an observation that does not exist) whose SQL error quotes its values.
    failures: list[BaseException] = []

    def orphan_rating(ws: Workspace) -> None:
        with ws.store.write() as session:
            records.insert(session, ws.author, Rating(  # type: ignore[call-arg]
                observation_id=uuid.uuid4(), behavior_id="engagement.1", value=2,
                note=SECRET_NOTE))

    window.backend.write(lambda ws: ws.observations.rate(observation_id, "engagement.1", 9),
                         None, failures.append)
    window.backend.write(orphan_rating, None, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=10_000)
    assert [type(f).__name__ for f in failures] == ["InvalidInputError", "ConstraintError"]

    # Provoked: the leadership view of a worker who is not a leader (its message names them).
    window.commands.leadership_action.trigger()
    qtbot.waitUntil(lambda: window.reports.leadership_dialog is not None, timeout=10_000)
    leadership = window.reports.leadership_dialog
    assert leadership is not None and leadership.select_leader(worker.id)
    qtbot.waitUntil(lambda: worker.name in leadership.summary.text(), timeout=10_000)
    leadership.close()

    checklist.finish_button.click()
    qtbot.waitUntil(lambda: window.flow.finish_dialog is not None, timeout=10_000)
    dialog = window.flow.finish_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.strengths, TYPED_STRENGTHS)
    dialog.finalize_button.click()
    qtbot.waitUntil(lambda: checklist.detail is not None
                    and checklist.detail.summary.status == "final", timeout=10_000)

    target = tmp_path / "record.pdf"

    def create_pdf(dialog: ReportDialog) -> None:
        qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
        press(Qt.Key.Key_A, steps.CTRL)
        type_text(str(target))
        press(Qt.Key.Key_Return)

    when_modal(ReportDialog, create_pdf)
    opened = record_previews(monkeypatch)
    window.commands.observation_report_action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened == [target]
    wait_idle(qtbot, window)
    window.close()
    window.backend.shutdown()


def test_a_full_session_logs_no_names_or_notes(qtbot: QtBot, tmp_path: Path, qapp,  # type: ignore[no-untyped-def]
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch,
                                               real_dialogs: None) -> None:
    laptop, central = tmp_path / "laptop", tmp_path / "central"
    try:
        _command_line_day(capsys, laptop, central, tmp_path)
        _window_day(qtbot, laptop, tmp_path, monkeypatch)
    finally:
        applog.stop_logging()

    logs = sorted((laptop / "logs").glob("cfpm-coach.log*")) + \
        sorted((central / "logs").glob("cfpm-coach.log*"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in logs)
    # The log was written, verbosely, and the provoked errors are in it by kind.
    assert "demo data written" in text and "bundle" in text and "finalized" in text
    assert "InvalidInputError (message not logged)" in text
    assert "ConstraintError (message not logged)" in text and "IntegrityError" in text
    assert "NotFoundError (message not logged)" in text

    secrets = [*demo.STAFF_NAMES, *demo.OFFICES, demo.COUNTY, COACH, MISSING_OFFICE,
               *demo.STRENGTHS,
               *demo.GROWTH, *demo.NEXT_STEPS, TYPED_EVIDENCE, TYPED_STRENGTHS, SECRET_NOTE]
    secrets += [note for notes in demo.EVIDENCE.values() for note in notes]
    words = set(re.findall(r"\w+", text))
    leaked = [s for s in secrets if s in text]
    # A surname alone is a leak too (but not a word like "Center" that any log may use).
    leaked += [word for word in (*(n.split()[-1] for n in demo.STAFF_NAMES), "Quintero",
                                 "Featherstonehaugh", "Zebulon", "Lupe", "Atlantis")
               if word in words]
    assert leaked == []
