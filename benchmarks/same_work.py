"""Baselines: the work a scenario does, done the plainest way, timed in the same run.

A worker's history against sqlite3 reading the same rows; an export against zipping and
age-encrypting the same JSON bytes and writing them to files (DESIGN.md's baseline), and beside
it against the plainest whole export (sqlite3 reading the rows, json.dumps, zip and age); the
coaching-summary PDF against a bare ReportLab canvas drawing the same text on the same number of
pages. Whatever is prepared once (the bytes to seal, the lines to draw) is read before the clock
starts.
"""

import io
import json
import os
import sqlite3
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pyrage

from cfpm_coach.sync import keys

# What WorkerService.history reads, with the same columns, filters and order: the worker, the
# worker's live observations newest first, their live ratings, every coach's name, the live goals.
HISTORY_READS = (
    "SELECT * FROM worker WHERE id = :worker AND deleted_at IS NULL",
    "SELECT * FROM observation WHERE worker_id = :worker AND deleted_at IS NULL "
    "ORDER BY started_at DESC",
    "SELECT rating.observation_id, rating.behavior_id, rating.value FROM rating "
    "JOIN observation ON observation.id = rating.observation_id "
    "WHERE observation.worker_id = :worker AND observation.deleted_at IS NULL "
    "AND rating.deleted_at IS NULL",
    "SELECT id, name FROM coach",
    "SELECT * FROM goal WHERE worker_id = :worker AND deleted_at IS NULL",
)


def raw_history_read(path: Path, worker_id: uuid.UUID) -> list[list[tuple[Any, ...]]]:
    """The rows of a worker's history read with sqlite3 and fetched, one list per query."""
    conn = sqlite3.connect(path)
    try:
        # SQLite stores a UUID as its 32 hex digits.
        return [conn.execute(query, {"worker": worker_id.hex}).fetchall()
                for query in HISTORY_READS]
    finally:
        conn.close()


def bundle_entries(parts: list[Path], identity: Path) -> list[dict[str, bytes]]:
    """Every file inside each sealed bundle (JSON lines, manifest, signature), decrypted once."""
    team = keys.load_identity(identity)
    entries = []
    for part in parts:
        plain = pyrage.decrypt(part.read_bytes(), [team])
        with zipfile.ZipFile(io.BytesIO(plain)) as archive:
            entries.append({name: archive.read(name) for name in archive.namelist()})
    return entries


def zip_and_age(entries: list[dict[str, bytes]], recipient: str, out_dir: Path) -> int:
    """Zip each part's bytes (deflate level 1, as bundles are), age-encrypt it to the team and
    write it to a file, fsynced; the sealed bytes written."""
    team = keys.load_recipient(recipient)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for number, files in enumerate(entries):
        payload = io.BytesIO()
        with zipfile.ZipFile(payload, "w", compression=zipfile.ZIP_DEFLATED,
                             compresslevel=1) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        sealed = pyrage.encrypt(payload.getvalue(), [team])
        with open(out_dir / f"part-{number}.age", "wb") as out:
            out.write(sealed)
            out.flush()
            os.fsync(out.fileno())
        written += len(sealed)
    return written


def plain_export(database: Path, entries: list[dict[str, bytes]], recipient: str,
                 out_dir: Path) -> int:
    """The plainest whole export: sqlite3 reads every row of each table the bundles hold,
    json.dumps writes each as a line, then zip_and_age seals the lot as one part."""
    tables = sorted({name.removeprefix("data/").removesuffix(".jsonl")
                     for files in entries for name in files if name.startswith("data/")})
    conn = sqlite3.connect(database)
    try:
        known = {row[0] for row in conn.execute("SELECT name FROM sqlite_master "
                                                "WHERE type = 'table'")}
        files: dict[str, bytes] = {}
        for table in tables:
            if table not in known:
                continue
            cursor = conn.execute(f'SELECT * FROM "{table}"')  # names from our own bundle
            columns = [column[0] for column in cursor.description]
            lines = [json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
                     for row in cursor]
            files[f"data/{table}.jsonl"] = "\n".join(lines).encode("utf-8")
    finally:
        conn.close()
    return zip_and_age([files], recipient, out_dir)


def page_lines(pdf: Path) -> list[list[str]]:
    """The text of each page of a PDF, line by line."""
    from pypdf import PdfReader

    return [(page.extract_text() or "").splitlines() for page in PdfReader(pdf).pages]


def bare_pdf(pages: list[list[str]], path: Path) -> None:
    """The lines drawn one under another on a bare canvas, a page each, in the reports' font
    (embedded, so the same font work as the report's): no layout, tables or charts."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    from cfpm_coach.reports.fonts import register_fonts

    font = register_fonts()
    canvas = Canvas(str(path), pagesize=letter)
    top = letter[1] - 54
    for lines in pages:
        canvas.setFont(font, 9)
        for number, line in enumerate(lines):
            canvas.drawString(54, top - 11 * number, line)
        canvas.showPage()
    canvas.save()
