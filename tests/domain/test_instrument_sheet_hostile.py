"""A spreadsheet is untrusted input: bombs, formulas, huge sheets and odd cells end in a clear error.

Every refusal names the file (and the sheet, row and column where it has one), and nothing is
installed in the data folder.
"""

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cfpm_coach.domain.catalog import load_instrument
from cfpm_coach.domain.instrument_sheet import instrument_tables
from cfpm_coach.domain.sheet_tables import MAX_ROWS, write_tables
from cfpm_coach.errors import InstrumentError
from cfpm_coach.paths import resolve_paths
from cfpm_coach.services.instrument_sheets import check_sheet, install_sheet
from tests.conftest import INSTRUMENTS_DIR
from tests.fuzzing import examples

LEADERSHIP = load_instrument(INSTRUMENTS_DIR / "cpm-leadership.v1.yaml")
COUNTY = LEADERSHIP.model_copy(update={"id": "county-tool"})
TABLES = instrument_tables(COUNTY)


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "county.xlsx"
    write_tables(path, TABLES)
    return path


def _refused(path: Path, *fragments: str) -> str:
    with pytest.raises(InstrumentError) as caught:
        check_sheet(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_before_any_xml_is_read(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.xlsx", {"[Content_Types].xml": b"<Types/>",
                                         "xl/worksheets/sheet1.xml": b"\0" * 30_000_000})
    assert bomb.stat().st_size < 100_000
    _refused(bomb, "zip bomb")


def test_a_part_that_understates_its_size_is_cut_at_the_size_it_declares(tmp_path: Path) -> None:
    """The sizes checked are the declared ones; zipfile stops there and the CRC then fails."""
    import struct

    path = _zip(tmp_path / "liar.xlsx", {"[Content_Types].xml": b"<Types/>",
                                         "xl/worksheets/sheet1.xml": b"<a>" + b"x" * 40_000_000})
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04", data.find(b"xl/worksheets") - 40)
    central = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, local + 22, 100)
    struct.pack_into("<I", data, central + 24, 100)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == 100
    _refused(path, "not an XLSX workbook")


def test_an_archive_of_thousands_of_parts_is_refused(tmp_path: Path) -> None:
    many = _zip(tmp_path / "many.xlsx", {f"part{i}.xml": b"<a/>" for i in range(500)})
    _refused(many, "500 parts")


def test_entity_expansion_in_the_sheet_xml_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1
                                                      else b"&lol;" * 10) for i in range(1, 10))
              + b"]>")
    sheet = next(name for name in parts if name.startswith("xl/worksheets/sheet"))
    parts[sheet] = laughs + parts[sheet].split(b"?>", 1)[-1]
    _refused(_zip(tmp_path / "laughs.xlsx", parts), "DTD")


def test_not_a_workbook_at_all(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    _refused(junk, "not an XLSX workbook")
    text = tmp_path / "county.txt"
    text.write_text("id,version\n", encoding="utf-8")
    _refused(text, "neither an .xlsx workbook nor a .csv file")


def test_a_huge_sheet_stops_at_the_row_cap(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book = load_workbook(path)
    book["items"].cell(row=1_048_576, column=1).value = "far.1"
    extra = book.create_sheet("read_me")
    for row in range(1, MAX_ROWS + 10):
        extra.cell(row=row, column=1).value = "x"
    book.save(path)
    _refused(path, "sheet items, row 2002", "sheet read_me, row 2002", "more than 2,000 rows")


def test_formulas_errors_dates_and_missing_sheets_are_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book = load_workbook(path)
    book["items"]["B2"] = "=1+1"
    book["items"]["C3"] = datetime(2026, 1, 1)
    book["items"]["C4"] = "#N/A"
    del book["groups"]
    book.save(path)
    message = _refused(path, "sheet items, row 2, column B (label): holds a formula",
                       "sheet items, row 3, column C (description): holds a date",
                       "sheet items, row 4, column C (description): holds the error value",
                       "sheet groups: the workbook has no sheet named 'groups'")
    assert "Traceback" not in message


def test_duplicate_headings_unknown_columns_and_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book = load_workbook(path)
    book["scale"]["F1"] = "label"
    book["groups"]["D1"] = "colour"
    book.create_sheet("macros")["A1"] = "x"
    book.save(path)
    _refused(path, "sheet scale, row 1, column F (label): this column heading appears twice",
             "sheet groups, row 1, column D (colour): is not a column of the groups sheet",
             "sheet macros: is not a sheet of an instrument workbook")


def test_a_csv_that_is_not_utf8_or_has_no_sections(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("[settings]\nfield,value\ntitle,Evaluación\n".encode("latin-1"))
    _refused(latin, "not UTF-8")
    loose = tmp_path / "loose.csv"
    loose.write_text("id,label\nx.1,X\n", encoding="utf-8")
    _refused(loose, "line 1: comes before the first [sheet] line",
             "sheet items: the workbook has no sheet named 'items'")


cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False), st.datetimes(),
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=30),
    st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\")", "#N/A", "x" * 6000, "0", "1", "99",
                     "true", "engagement.1", "lean_in.1", "lean_in", "[1, 2]", "{\"a\": 1}"]),
)


@st.composite
def mutated_tables(draw: st.DrawFn) -> list[tuple[str, list[list[Any]]]]:
    sheets = [(t.name, [list(t.header), *[list(values) for _, values in t.rows]])
              for t in TABLES]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "drop_row", "dup_row", "drop_sheet", "rename"]))
        index = draw(st.integers(0, len(sheets) - 1))
        name, rows = sheets[index]
        if kind == "drop_sheet":
            # openpyxl cannot save a workbook without a sheet; one the app is given always has one.
            if len(sheets) > 1:
                del sheets[index]
            continue
        if kind == "rename":
            sheets[index] = (draw(st.sampled_from(["Items", "notes", name + " ", "scale"])),
                             rows)
            continue
        row = draw(st.integers(0, len(rows) - 1))
        if kind == "drop_row":
            del rows[row]
        elif kind == "dup_row":
            rows.insert(row, list(rows[row]))
        elif rows:
            width = max(len(rows[row]), 1)
            column = draw(st.integers(0, width + 1))
            rows[row] += [None] * (column + 1 - len(rows[row]))
            rows[row][column] = draw(cell_values)
    return sheets


@settings(max_examples=examples(20))
@given(sheets=mutated_tables())
@pytest.mark.fuzz
def test_any_mutated_workbook_installs_cleanly_or_is_refused(tmp_path_factory: pytest.TempPathFactory,
                                                             sheets: list[tuple[str, list[list[Any]]]]
                                                             ) -> None:
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "county.xlsx"
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets:
        if name in book.sheetnames:
            continue
        sheet = book.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c).value = value
    book.save(path)
    paths = resolve_paths(folder / "data")
    try:
        installed = install_sheet(paths, path)
    except InstrumentError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "Traceback" not in message
        assert not paths.instruments.exists() or not any(paths.instruments.rglob("*"))
    else:
        assert load_instrument(installed.path).content_hash == installed.instrument.content_hash


def test_a_clean_workbook_installs_once_and_a_changed_one_needs_a_new_version(
        tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    paths = resolve_paths(tmp_path / "data")
    first = install_sheet(paths, path)
    assert not first.unchanged and first.path.parent == paths.instruments
    assert load_instrument(first.path).content_hash == COUNTY.content_hash
    again = install_sheet(paths, path)
    assert again.unchanged
    book = load_workbook(path)
    book["items"]["B2"] = "A different label"
    book.save(path)
    before = first.path.read_bytes()
    with pytest.raises(InstrumentError, match="needs a new version"):
        install_sheet(paths, path)
    assert first.path.read_bytes() == before


@settings(max_examples=examples(20))
@given(text=st.text(max_size=400), cut=st.integers(0, 4000), raw=st.binary(max_size=200))
@pytest.mark.fuzz
def test_any_mangled_csv_is_refused_with_its_file_named(tmp_path_factory: pytest.TempPathFactory,
                                                        text: str, cut: int, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("csv")
    exported = folder / "county.csv"
    write_tables(exported, TABLES)
    original = exported.read_bytes()
    mangled = original[:cut] + text.encode("utf-8", "surrogatepass") + raw + original[cut:]
    exported.write_bytes(mangled)
    try:
        check_sheet(exported)
    except InstrumentError as exc:
        assert str(exc).startswith(str(exported)) and "Traceback" not in str(exc)


def test_an_unwritable_instruments_folder_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data")
    paths.instruments.parent.mkdir(parents=True)
    paths.instruments.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"cannot be written.*nothing was installed"):
        install_sheet(paths, _workbook(tmp_path))
    assert paths.instruments.read_text(encoding="utf-8") == "a file where the folder should be"


def test_an_unknown_subject_in_the_settings_sheet_is_named_at_its_cell(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book = load_workbook(path)
    settings_sheet = book["settings"]
    [row] = [cell.row for cell in settings_sheet["A"] if cell.value == "subject"]
    assert settings_sheet.cell(row=row, column=2).value == "leader"
    settings_sheet.cell(row=row, column=2).value = "county"
    book.save(path)
    _refused(path, f"sheet settings, row {row}, column B (value)", "'worker', 'leader' or 'office'")
