"""An export's data files are byte for byte the lines SQLite's json_object() made before the lines
were built with printf() and joined by SQLite (storage/json_lines.py): the same records, text
escaped the same way (quotes, backslashes, control characters, a printf directive, any script),
NULLs as null, flags as booleans, lists as lists, in the same order, whether the export is one
bundle or cut into parts, with notes or without."""

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, String, Uuid, and_, case, func, literal, select, true
from sqlalchemy import type_coerce as coerce

from cfpm_coach.services.exchange import FREE_TEXT
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import exchange_repo
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES, columns
from cfpm_coach.storage.models import AuditEntry, Rating
from cfpm_coach.storage.types import UTCDateTime
from tests.sync.conftest import Team, manifest_of, unseal

NAME = 'Zoë "Q" \\ 中文 %s %% 😀 O\'Brien'  # one line: no control characters
HOSTILE = f"{NAME}\ttab\nnew line\r\n"


def _former_value(column: Any, blank: dict[str, Any]) -> Any:
    """A column's JSON value as the export's json_object() gave it before (the reference)."""
    if column.name in blank:
        return literal(blank[column.name])
    text = coerce(column, String)
    if isinstance(column.type, Uuid):
        pieces = [func.substr(text, start, length)
                  for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
        dashed: Any = pieces[0]
        for piece in pieces[1:]:
            dashed = dashed.concat("-").concat(piece)
        return dashed
    if isinstance(column.type, UTCDateTime):
        return func.replace(text, " ", "T").concat("+00:00")
    if isinstance(column.type, Boolean):
        return func.json(case((column.is_(None), None), (column == 1, "true"), else_="false"))
    if isinstance(column.type, JSON):
        return func.json(text)
    return column


def _former_files(ws: Workspace, blanks: dict[str, dict[str, Any]]) -> dict[str, bytes]:
    """Every table's data file of a full export, built the former way."""
    own = ws.author.device_id
    files = {}
    with ws.store.read() as session:
        for name, table in {**BUNDLE_TABLES, AUDIT_TABLE: AuditEntry}.items():
            sa_table = table.__table__  # type: ignore[attr-defined]
            blank = {"device_id": str(own), **blanks.get(name, {})}
            pairs: list[Any] = []
            for column_name in columns(table):
                pairs += [literal(column_name), _former_value(sa_table.c[column_name], blank)]
            since = sa_table.c.local_seq > 0 if name != AUDIT_TABLE else true()
            lines = [row[0] for row in session.execute(select(func.json_object(*pairs)).where(
                and_(since, sa_table.c.device_id == own)))]
            files[name] = "".join(f"{line}\n" for line in lines).encode("utf-8")
    return files


def _exported_files(paths: list[Path], team: Team) -> tuple[dict[str, bytes], list[list[str]]]:
    """The data files of every part joined back in order, and the tables each part lists."""
    joined: dict[str, bytes] = {}
    listed = []
    for path in paths:
        entries = unseal(path.read_bytes(), team)
        manifest = manifest_of(entries)
        listed.append(list(manifest["files"]))
        for name, entry in manifest["files"].items():
            data = entries[entry["path"]]
            assert entry["records"] == data.count(b"\n") and entry["bytes"] == len(data)
            joined[name] = joined.get(name, b"") + data
    return joined, listed


@pytest.fixture
def hostile_laptop(laptop: Workspace) -> Workspace:
    """The demo laptop, plus records whose text holds everything JSON must escape."""
    behaviors = [item.id for item in laptop.catalog.get("cpm-practice", 1).items[:2]]
    worker = laptop.workers.add(NAME, office=NAME)
    laptop.workers.set_active(worker.id, False)
    laptop.goals.add(worker.id, HOSTILE, behaviors)
    laptop.goals.remove(laptop.goals.add(worker.id, "Dropped", behaviors[:1]).id)
    # Whatever a store holds travels as it is: every control character, as an older version
    # or a repair may have stored it.
    with sqlite3.connect(laptop.store.path) as conn:
        conn.execute("UPDATE rating SET note = ? WHERE rowid = (SELECT min(rowid) FROM rating)",
                     ("".join(map(chr, range(32))) + '\x7f\u2028"\\/',))
    return laptop


@pytest.mark.parametrize(("omit_notes", "part_bytes"), [(False, None), (True, None),
                                                        (False, 40_000)])
def test_data_files_are_the_bytes_json_object_made(
        hostile_laptop: Workspace, team: Team, tmp_path: Path, omit_notes: bool,
        part_bytes: int | None) -> None:
    result = hostile_laptop.exchange.export(tmp_path / "out", team.recipient, full=True,
                                            omit_notes=omit_notes, part_bytes=part_bytes)
    blanks: dict[str, dict[str, Any]] = {"observation": {"case_reference": None}}
    if omit_notes:
        for name, fields in FREE_TEXT.items():
            blanks.setdefault(name, {}).update(dict.fromkeys(fields, ""))
    expected = _former_files(hostile_laptop, blanks)

    exported, listed = _exported_files([part.path for part in result.parts], team)

    assert {name: data for name, data in exported.items() if data} == \
        {name: data for name, data in expected.items() if data}
    assert NAME.encode("utf-8") not in exported["worker"]  # escaped, never raw
    names = [json.loads(line)["name"] for line in exported["worker"].splitlines()]
    assert NAME in names
    goals = [json.loads(line)["text"] for line in exported["goal"].splitlines()]
    assert any("\ttab\nnew line" in text for text in goals) is not omit_notes
    assert listed == [sorted(expected)] if part_bytes is None else len(listed) > 1


def test_a_table_larger_than_one_sqlite_value_is_read_a_line_a_row(laptop: Workspace) -> None:
    # SQLite refuses a value past SQLITE_MAX_LENGTH (1e9 bytes by default): here lowered so the
    # ratings joined pass it while each line stays under it.
    own = laptop.author.device_id
    with laptop.store.read() as session:
        whole = exchange_repo.changed_lines(session=session, table=Rating, since_seq=0, owner=own)
        assert len(whole[0]) > 40_000 and whole[1] > 50
        raw = session.connection().connection.driver_connection
        assert raw is not None
        raw.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 20_000)
        try:
            row_by_row = exchange_repo.changed_lines(session=session, table=Rating, since_seq=0,
                                                     owner=own)
        finally:
            raw.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1_000_000_000)
    assert row_by_row == whole
