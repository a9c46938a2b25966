"""Every report read back from the real PDF: text, fonts, pages, metadata, paper, determinism."""

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from cfpm_coach.cli import main
from cfpm_coach.reports.dates import paper_date
from cfpm_coach.services import demo
from cfpm_coach.services.read_models import WorkerView
from cfpm_coach.services.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is installed by `make test`")
TODAY = date.today()
YEAR_AGO = TODAY - timedelta(days=365)


def text_of(pdf: Path, layout: bool = False) -> str:
    """What a person copying the text out of the PDF gets (-layout keeps table rows on a line)."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def starts(label: str) -> str:
    """The first words of a label: a wrapped table cell keeps them on the row's first line."""
    return " ".join(label.split()[:3])


def observed(ws: Workspace, worker: WorkerView, values: dict[str, int], *,
             notes: dict[str, str] | None = None, days_ago: int = 3,
             instrument: str = "cpm-practice") -> object:
    # The ids these tests name are v1's: observations rated on v1 must still print.
    obs = ws.observations.start(worker.id, instrument, "cft_meeting",
                                started_at=datetime.now(UTC) - timedelta(days=days_ago),
                                instrument_version=1 if instrument == "cpm-practice" else None)
    ws.observations.rate_many(obs.id, {b: (v, (notes or {}).get(b)) for b, v in values.items()})
    ws.observations.write_notes(obs.id, strengths="Warm opening", growth_areas="Pace",
                                next_steps="Invite the aunt to the next meeting")
    return ws.observations.finalize(obs.id, allow_partial=True)


def test_observation_record(workspace: Workspace, tmp_path: Path) -> None:
    worker = workspace.workers.add("Nguyễn Thị Hồng", office="Harbor", role="Social Worker III")
    practice = workspace.catalog.get("cpm-practice", 1)
    values = {item.id: (3 if n % 3 == 0 else 2 if n % 3 == 1 else 0)
              for n, item in enumerate(practice.items)}
    detail = observed(workspace, worker, values,
                      notes={"engagement.3": "Let the grandmother finish her story"})
    workspace.goals.add(worker.id, "Invite supports earlier", ["engagement.5"],
                        observation_id=detail.id)  # type: ignore[attr-defined]
    workspace.observations.amend(detail.id, "Corrected the setting")  # type: ignore[attr-defined]
    workspace.observations.finalize(detail.id, allow_partial=True)  # type: ignore[attr-defined]
    pdf = workspace.reports.observation_pdf(detail.id, tmp_path / "obs.pdf")  # type: ignore[attr-defined]

    text = text_of(pdf)
    flat = " ".join(text.split())
    assert "Nguyễn Thị Hồng" in text
    for group in practice.groups:
        assert group.label in flat
    assert "Let the grandmother finish her story" in flat
    assert "Amended" in flat and "Corrected the setting" in flat
    assert "Invite the aunt to the next meeting" in flat and "Invite supports earlier" in flat
    # Known ratings: the first behavior of engagement was rated Accomplished, the second
    # Acquiring, the third no opportunity; each on its own line with its label.
    lines = {" ".join(line.split()) for line in text_of(pdf, layout=True).splitlines()}
    first, second, third = practice.items[0], practice.items[1], practice.items[2]
    assert any(starts(first.label) in line and "Accomplished" in line for line in lines)
    assert any(starts(second.label) in line and "Acquiring" in line for line in lines)
    assert any(starts(third.label) in line and "No opportunity" in line for line in lines)
    assert "No opportunity" in flat
    pages = len(PdfReader(pdf).pages)
    assert f"page 1 of {pages}" in text and "Confidential coaching record" in text
    assert not list(tmp_path.glob(".*partial"))


def embedded_only_dejavu(pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all("DejaVu" in row for row in fonts), fonts
    assert all(row.split()[-5] == "yes" for row in fonts)  # the "emb" column


def test_fonts_are_embedded_and_metadata_set(workspace: Workspace, tmp_path: Path) -> None:
    worker = workspace.workers.add("José Peña", office="Harbor")
    detail = observed(workspace, worker, {"engagement.1": 3})
    pdf = workspace.reports.observation_pdf(detail.id, tmp_path / "o.pdf")  # type: ignore[attr-defined]
    embedded_only_dejavu(pdf)
    embedded_only_dejavu(workspace.reports.worker_pdf(worker.id, YEAR_AGO, TODAY,
                                                      tmp_path / "w.pdf"))
    embedded_only_dejavu(workspace.reports.unit_pdf("Harbor", YEAR_AGO, TODAY, tmp_path / "u.pdf"))
    info = PdfReader(pdf).metadata
    assert info is not None
    # The date as the coach's locale writes it (tests run as en_US unless a test says otherwise).
    assert info.title == f"Observation record: José Peña, {paper_date(detail.summary.started_at)}"  # type: ignore[attr-defined]
    assert info.author == workspace.profile.coach().name
    assert "observation" in (info.subject or "")
    assert "José Peña" in text_of(pdf)


def test_worker_summary_and_a4(workspace: Workspace, tmp_path: Path) -> None:
    worker = workspace.workers.add("Ana Reyes", office="Eastside")
    practice = workspace.catalog.get("cpm-practice", 1)
    for month in range(4):
        observed(workspace, worker, {i.id: 1 + (month + n) % 3 for n, i in
                                     enumerate(practice.items)}, days_ago=5 + 30 * month)
    workspace.goals.add(worker.id, "Ask about culture", ["engagement.4"])
    pdf = workspace.reports.worker_pdf(worker.id, YEAR_AGO, TODAY, tmp_path / "w.pdf",
                                       paper="a4")
    reader = PdfReader(pdf)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    flat = " ".join(text_of(pdf).split())
    assert "Ana Reyes" in flat and "Worker coaching summary" in flat
    # Printed in the newest version's elements and behaviors, v1's ratings carried over by
    # the crosswalk; behaviors new in v2 are "n/c" (not comparable) in those months.
    newest = workspace.catalog.get("cpm-practice")
    for group in newest.groups:
        assert group.label in flat
    for item in newest.items:
        assert item.label in flat  # the behavior-by-month grid has all 26 rows
    assert "n/c" in flat and "not comparable" in flat
    assert "4 finished" in flat and "Ask about culture" in flat
    assert f"page 1 of {len(reader.pages)}" in flat


def test_unit_summary_and_leadership(workspace: Workspace, tmp_path: Path) -> None:
    demo.generate(workspace, workers=6, months=3, seed=5)
    office = workspace.workers.offices()[0]
    pdf = workspace.reports.unit_pdf(office, YEAR_AGO, TODAY, tmp_path / "u.pdf")
    flat = " ".join(text_of(pdf).split())
    assert office in flat and "Unit coaching summary" in flat
    for worker in workspace.workers.find(office=office):
        assert worker.name in flat
    assert "rarely shows" in flat and "page 1 of" in flat

    leader = workspace.workers.add("Rosa Delgado", office=office, role="Supervisor")
    leadership = workspace.catalog.get("cpm-leadership")
    detail = observed(workspace, leader, {i.id: 3 for i in leadership.items},
                      instrument="cpm-leadership")
    record = " ".join(text_of(workspace.reports.observation_pdf(
        detail.id, tmp_path / "l.pdf")).split())  # type: ignore[attr-defined]
    summary = " ".join(text_of(workspace.reports.worker_pdf(
        leader.id, YEAR_AGO, TODAY, tmp_path / "lw.pdf")).split())
    for group in leadership.groups:
        assert group.label in record and group.label in summary
    assert "Leadership groups over time" in summary


def test_deterministic_output_is_byte_identical(workspace: Workspace, tmp_path: Path) -> None:
    worker = workspace.workers.add("Bao Tran")
    detail = observed(workspace, worker, {"engagement.1": 2})
    first = workspace.reports.observation_pdf(detail.id, tmp_path / "a.pdf",  # type: ignore[attr-defined]
                                              deterministic=True).read_bytes()
    second = workspace.reports.observation_pdf(detail.id, tmp_path / "b.pdf",  # type: ignore[attr-defined]
                                               deterministic=True).read_bytes()
    assert first == second


def test_report_cli(capsys: pytest.CaptureFixture[str], workspace: Workspace,
                    tmp_path: Path) -> None:
    worker = workspace.workers.add("Mei Chen", office="Delta")
    detail = observed(workspace, worker, {"engagement.1": 3})
    data = str(workspace.paths.data_dir)
    out = tmp_path / "cli.pdf"
    assert main(["--data-dir", data, "report", "observation", str(detail.id), "-o",
                 str(out)]) == 0  # type: ignore[attr-defined]
    assert "Mei Chen" in text_of(out)
    assert main(["--data-dir", data, "report", "worker", str(worker.id), "--from",
                 YEAR_AGO.isoformat(), "-o", str(out), "--paper", "a4"]) == 0
    assert main(["--data-dir", data, "report", "unit", "Delta", "-o", str(out)]) == 0
    assert "Delta" in text_of(out)
    assert main(["--data-dir", data, "report", "unit", "Nowhere", "-o", str(out)]) == 1
    assert "No workers in the office" in capsys.readouterr().err
