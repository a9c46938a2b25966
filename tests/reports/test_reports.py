"""Every report read back from the real PDF: text, fonts, pages, metadata, paper, determinism."""

import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from cfpm_coach.cli import main
from cfpm_coach.reports.dates import paper_date
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView

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
    workspace.demo.generate(workers=6, months=3, seed=5)
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


def test_unit_summary_says_n_c_where_a_behavior_is_not_comparable(
        workspace: Workspace, tmp_path: Path) -> None:
    # Printed in v2's behaviors; Ana's one observation was on v1, which lacks some of them:
    # those say "n/c" (as the worker summary does), listed after the weakest, not ranked the
    # rarest shown with a dash.
    v1 = workspace.catalog.get("cpm-practice", 1)
    v2 = workspace.catalog.get("cpm-practice")
    ana = workspace.workers.add("Ana Reyes", office="Eastside")
    observed(workspace, ana, {item.id: 3 for item in v1.items})
    lost = [item for item in v2.items if not item.crosswalk]
    assert lost  # behaviors new in v2
    pdf = workspace.reports.unit_pdf("Eastside", YEAR_AGO, TODAY, tmp_path / "u.pdf")
    lines = [" ".join(line.split()) for line in text_of(pdf, layout=True).splitlines()]
    rare = lines[next(i for i, line in enumerate(lines) if "rarely shows" in line):]
    for item in lost:
        row = next(line for line in rare if line.startswith(starts(item.label)))
        assert row.endswith("n/c n/c n/c"), row
    assert not any("\u2014" in line for line in rare), rare
    assert "n/c not comparable" in " ".join(text_of(pdf).split())


def test_unit_summary_says_n_c_where_an_element_is_not_comparable(
        data_dir: Path, tmp_path: Path) -> None:
    # A county's v2 adds an element no v1 behavior continues: a worker last rated on v1 has
    # "n/c" there, a worker never observed keeps the dash.
    v1 = Workspace.open(data_dir).catalog.get("cpm-practice", 1).model_dump(mode="json")
    v1.update(id="county-plus", title="County practice profile", source="", crosswalk_from=None)
    v2 = json.loads(json.dumps(v1))
    v2.update(version=2, crosswalk_from=1)
    for group in v2["groups"]:
        for item in group["items"]:
            item["crosswalk"] = [item["id"]]
    new_item = dict(json.loads(json.dumps(v2["groups"][0]["items"][0])), id="family_voice.1",
                    crosswalk=[])
    v2["groups"].append({"id": "family_voice", "label": "Family voice", "description": "",
                         "in_overall": True, "items": [new_item]})
    folder = data_dir / "instruments"
    folder.mkdir(exist_ok=True)
    for data in (v1, v2):
        (folder / f"county-plus.v{data['version']}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with Workspace.open(data_dir) as ws:
        ana = ws.workers.add("Ana Reyes", office="Eastside")
        ws.workers.add("Bo Lindqvist", office="Eastside")
        obs = ws.observations.start(ana.id, "county-plus", "home_visit", instrument_version=1)
        ws.observations.rate_many(obs.id, {item["id"]: (3, None) for g in v1["groups"]
                                           for item in g["items"]})
        ws.observations.finalize(obs.id)
        pdf = ws.reports.unit_pdf("Eastside", YEAR_AGO, TODAY, tmp_path / "u.pdf",
                                  instrument_id="county-plus")
    lines = [" ".join(line.split()) for line in text_of(pdf, layout=True).splitlines()]
    ana_row = next(line for line in lines if line.startswith("Ana Reyes"))
    bo_row = next(line for line in lines if line.startswith("Bo Lindqvist"))
    assert ana_row.split()[2:] == ["1", *["100%"] * len(v1["groups"]), "n/c"], ana_row
    assert bo_row.split()[2:] == ["0", *["\u2014"] * len(v2["groups"])], bo_row
    assert "n/c not comparable (the latest observation" in " ".join(text_of(pdf).split())


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


def test_unit_summary_prints_six_element_columns_without_running_them_together(
        workspace: Workspace, tmp_path: Path) -> None:
    # v2 has six groups on a portrait page: headings printed whole, figures never touching.
    workspace.demo.generate(workers=6, months=3, seed=5)
    office = workspace.workers.offices()[0]
    pdf = workspace.reports.unit_pdf(office, YEAR_AGO, TODAY, tmp_path / "u.pdf")
    words = text_of(pdf, layout=True).split()
    practice = workspace.catalog.get("cpm-practice")
    assert len(practice.groups) == 6
    for group in practice.groups:
        for word in group.label.replace("/", "/ ").split():
            assert word in words, f"{word!r} of {group.label!r} is not a word of its own"
    glued = [w for w in words if re.search(r"%.|\)\d|\)\(", w)]
    assert not glued, glued
