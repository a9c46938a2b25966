"""PDFs with any text people can store: unusual scripts, control characters, very long notes.

Text the font lacks may print as boxes, but the report must build, open, and keep every page of
a long note (a 4,000-character evidence note in a table cell used to stop the PDF with a
LayoutError: a table row cannot be taller than a page unless it may split).
"""

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cfpm_coach.services.inputs import NOTE_MAX
from cfpm_coach.services.observations import EVIDENCE_MAX
from cfpm_coach.services.workspace import Workspace
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz
one_line = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40) \
    .filter(str.strip)
note_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
                    max_size=300)
SINCE, UNTIL = date.today() - timedelta(days=30), date.today() + timedelta(days=1)


def _page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


@settings(max_examples=examples(12))
@given(name=one_line, office=one_line, note=note_text, evidence=note_text, goal=one_line)
def test_reports_build_with_any_storable_text(workspace: Workspace, tmp_path: Path, name: str,
                                              office: str, note: str, evidence: str,
                                              goal: str) -> None:
    worker = workspace.workers.add(name, office=office, role=name)
    obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit", co_observer=name,
                                       instrument_version=1)
    sentinel = f"Sentinel{uuid.uuid4().hex[:8]}"
    workspace.observations.rate_many(obs.id, {"engagement.1": (3, evidence)})
    workspace.observations.write_notes(obs.id, strengths=f"{note}\n{sentinel}", next_steps=note)
    workspace.goals.add(worker.id, goal, ["engagement.1"], observation_id=obs.id)
    workspace.observations.finalize(obs.id, allow_partial=True)

    record = workspace.reports.observation_pdf(obs.id, tmp_path / "record.pdf")
    assert sentinel in "\n".join(_page_texts(record))
    summary = workspace.reports.worker_pdf(worker.id, SINCE, UNTIL, tmp_path / "summary.pdf")
    assert len(PdfReader(summary).pages) >= 1


def test_very_long_notes_paginate_and_nothing_is_cut(workspace: Workspace, tmp_path: Path
                                                     ) -> None:
    worker = workspace.workers.add("Ana Reyes", office="Harbor")
    obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
    words = " ".join(f"w{n}" for n in range(NOTE_MAX // 6))
    strengths = ("Opening words. " + words)[:NOTE_MAX - 9] + " LASTWORD"
    evidence = ("Evidence begins " + words)[:EVIDENCE_MAX - 10] + " EVIDENDS"
    reason = ("Reason begins " + words)[:EVIDENCE_MAX - 10] + " REASONEND"
    workspace.observations.rate_many(obs.id, {"engagement.1": (2, evidence)})
    workspace.observations.write_notes(obs.id, strengths=strengths)
    workspace.goals.add(worker.id, ("Goal begins " + words)[:10_000] + " GOALEND",
                        ["engagement.1"], observation_id=obs.id)
    workspace.observations.finalize(obs.id, allow_partial=True)
    workspace.observations.amend(obs.id, reason)

    pages = _page_texts(workspace.reports.observation_pdf(obs.id, tmp_path / "long.pdf"))
    text = "\n".join(pages)
    assert len(pages) > 20  # 100,000 characters do not fit on a few pages
    for marker in ("Opening words", "LASTWORD", "Evidence begins", "EVIDENDS", "Reason begins",
                   "REASONEND", "GOALEND"):
        assert marker in text, marker
    assert all(f"page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    summary = workspace.reports.worker_pdf(worker.id, SINCE, UNTIL, tmp_path / "summary.pdf")
    assert "GOALEND" in "\n".join(_page_texts(summary))
