"""The baselines do the same work as the scenarios they judge: the rows a worker's history
shows, the bytes an export seals, the pages the coaching summary prints, the rows the sample
data writes."""

import io
import sqlite3
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyrage
import pytest
from pypdf import PdfReader

from benchmarks.baselines import empty_stores, sqlite_executemany
from benchmarks.demo_data import sample_rows
from benchmarks.run import build_store
from benchmarks.same_work import (
    bare_pdf,
    bundle_entries,
    page_lines,
    plain_export,
    raw_history_read,
    zip_and_age,
)
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Workspace, uuid.UUID, uuid.UUID]]:
    """The benchmark's own store at a tiny size: a worker with 20 observations, one with 20."""
    data_dir = tmp_path_factory.mktemp("bench-store")
    deep, summary = build_store(data_dir, 40)
    with Workspace.open(data_dir) as ws:
        yield ws, deep, summary


def test_the_raw_history_read_fetches_the_rows_the_history_shows(
        store: tuple[Workspace, uuid.UUID, uuid.UUID]) -> None:
    ws, deep, _ = store
    ws.goals.add(deep, "Reflect the family's words back", [])
    discarded = ws.observations.start(deep, "cpm-practice", "home_visit", instrument_version=1)
    ws.observations.rate(discarded.id, discarded.instrument.items[0].id, 2)
    ws.observations.discard_draft(discarded.id)  # a tombstone and its rating: neither is read
    shown = ws.workers.history(deep)
    assert ws.store.path is not None
    worker, observations, ratings, coaches, goals = raw_history_read(ws.store.path, deep)
    assert [uuid.UUID(row[0]) for row in worker] == [deep]
    assert [uuid.UUID(row[0]) for row in observations] == [o.id for o in shown.observations]
    assert len(ratings) == sum(o.rated for o in shown.observations)
    assert ws.author.coach_id in {uuid.UUID(row[0]) for row in coaches}
    assert [uuid.UUID(row[0]) for row in goals] == [g.id for g in shown.goals]


def _export(ws: Workspace, folder: Path) -> tuple[str, list[dict[str, bytes]]]:
    """A full export of the store to a new team key: the recipient and each part's files."""
    recipient = keys.new_team_identity(folder / "team.key")
    parts = [p.path for p in ws.exchange.export(folder / "out", recipient, full=True).parts]
    return recipient, bundle_entries(parts, folder / "team.key")


def test_zip_and_age_seals_the_bytes_the_export_sealed(
        store: tuple[Workspace, uuid.UUID, uuid.UUID], tmp_path: Path) -> None:
    ws, _, _ = store
    recipient, entries = _export(ws, tmp_path)
    assert {"manifest.json", "manifest.sig", "data/rating.jsonl"} <= set(entries[0])

    written = zip_and_age(entries, recipient, tmp_path / "plain")

    sealed = sorted((tmp_path / "plain").iterdir())
    assert written == sum(path.stat().st_size for path in sealed)
    identity = keys.load_identity(tmp_path / "team.key")
    for path, files in zip(sealed, entries, strict=True):
        with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(path.read_bytes(), [identity]))) as zf:
            assert {name: zf.read(name) for name in zf.namelist()} == files


def test_the_plainest_export_seals_every_row_of_the_tables_the_export_holds(
        store: tuple[Workspace, uuid.UUID, uuid.UUID], tmp_path: Path) -> None:
    ws, _, _ = store
    recipient, entries = _export(ws, tmp_path)
    assert ws.store.path is not None

    plain_export(ws.store.path, entries, recipient, tmp_path / "plainest")

    (sealed,) = (tmp_path / "plainest").iterdir()
    identity = keys.load_identity(tmp_path / "team.key")
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(sealed.read_bytes(), [identity]))) as zf:
        ratings = zf.read("data/rating.jsonl").decode().splitlines()
    with sqlite3.connect(ws.store.path) as conn:
        (stored,) = conn.execute("SELECT count(*) FROM rating").fetchone()
    exported = sum(len(files["data/rating.jsonl"].splitlines()) for files in entries)
    assert len(ratings) == stored >= exported > 0


def test_the_bare_pdf_draws_the_summary_pages_text_on_as_many_pages(
        store: tuple[Workspace, uuid.UUID, uuid.UUID], tmp_path: Path) -> None:
    ws, _, summary = store
    report = ws.reports.worker_pdf(summary, date(2019, 1, 1), date(2030, 1, 1),
                                   tmp_path / "summary.pdf")
    pages = page_lines(report)
    assert len(pages) >= 2 and all(pages)

    bare_pdf(pages, tmp_path / "bare.pdf")

    assert page_lines(tmp_path / "bare.pdf") == pages
    assert len(PdfReader(tmp_path / "bare.pdf").pages) == len(pages)


def test_the_sample_datas_baseline_writes_the_rows_the_sample_wrote(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "sample") as ws:
        written = ws.demo.generate(workers=3, months=2)
        rows = sample_rows(ws)
    assert len(rows["observation"]) == written.observations
    assert rows["rating"] and rows["audit_log"] and rows["goal"]
    [empty] = empty_stores(tmp_path, "raw", 1)

    sqlite_executemany(empty, rows)

    copy = sqlite3.connect(empty)
    try:
        for name, table_rows in rows.items():
            assert sorted(copy.execute(f"SELECT * FROM {name}").fetchall(),
                          key=repr) == sorted(table_rows, key=repr), name
    finally:
        copy.close()
