"""Logs carry ids only: after a full demo session, no staff name or note text is in the log."""

from pathlib import Path

import pytest

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
