"""Instruments authored in a spreadsheet: round trips, every mistake located, the CSV form."""

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pydantic import BaseModel, ConfigDict, Field

from cfpm_coach.domain.catalog import load_instrument
from cfpm_coach.domain.instrument_sheet import instrument_tables, read_instrument
from cfpm_coach.domain.instrument_text import load_text
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.sheet_tables import read_tables, write_tables
from tests.conftest import INSTRUMENTS_DIR


@pytest.mark.parametrize("name", ["cpm-practice.v1", "cpm-practice.v2", "cpm-leadership.v1",
                                  "cpm-implementation.v1"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_keeps_the_content_hash(tmp_path: Path, name: str,
                                                   suffix: str) -> None:
    instrument = load_instrument(INSTRUMENTS_DIR / f"{name}.yaml")
    translations = [load_text(p) for p in (INSTRUMENTS_DIR / "i18n").glob(f"{name}.*.yaml")]
    out = tmp_path / f"{name}{suffix}"
    write_tables(out, instrument_tables(instrument, translations))
    result = read_instrument(read_tables(out))
    assert result.problems == []
    assert result.instrument is not None
    assert result.instrument.content_hash == instrument.content_hash
    assert result.instrument == instrument
    assert result.translations == translations


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    instrument = load_instrument(INSTRUMENTS_DIR / "cpm-leadership.v1.yaml")
    data = instrument.model_dump()
    data["groups"][0]["items"][0]["description"] = "=HYPERLINK(\"http://x\") - then +1"
    data["groups"][0]["items"][0]["indicators"][0] = "-- a dash first"
    changed = type(instrument).model_validate(data)
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"f{suffix}"
        write_tables(out, instrument_tables(changed))
        result = read_instrument(read_tables(out))
        assert result.problems == [] and result.instrument == changed
    sheet = load_workbook(tmp_path / "f.xlsx")["items"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def _exported(tmp_path: Path, name: str = "cpm-leadership.v1") -> tuple[Path, Workbook]:
    out = tmp_path / "county.xlsx"
    write_tables(out, instrument_tables(load_instrument(INSTRUMENTS_DIR / f"{name}.yaml")))
    return out, load_workbook(out)


def _row_of(sheet: object, column: str, value: str) -> int:
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]  # type: ignore[attr-defined]
    index = header.index(column)
    for row in sheet.iter_rows(min_row=2):  # type: ignore[attr-defined]
        if row[index].value == value:
            return int(row[index].row)
    raise AssertionError(f"{value} not found")


def _set(sheet: object, row: int, column: str, value: object) -> tuple[str, int, str]:
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]  # type: ignore[attr-defined]
    sheet.cell(row=row, column=header.index(column) + 1).value = value  # type: ignore[attr-defined]
    return (sheet.title, row, column)  # type: ignore[attr-defined]


def test_twelve_seeded_mistakes_are_all_listed_with_sheet_row_and_column(tmp_path: Path) -> None:
    path, book = _exported(tmp_path)
    settings, scale, groups, items = (book[n] for n in ("settings", "scale", "groups", "items"))
    expected = {
        _set(settings, _row_of(settings, "field", "version"), "value", "one"),
        _set(settings, _row_of(settings, "field", "kind"), "value", "county"),
        _set(settings, settings.max_row + 1, "field", "colour"),
        _set(scale, _row_of(scale, "code", "acquiring"), "code", "Bad Code"),
        _set(scale, _row_of(scale, "code", "accomplished"), "code", "emerging"),
        _set(groups, _row_of(groups, "id", "lift_up"), "label", None),
    }
    duplicate_group = groups.max_row + 1
    _set(groups, duplicate_group, "label", "Again")
    expected.add(_set(groups, duplicate_group, "id", "lean_in"))
    expected |= {
        _set(items, _row_of(items, "id", "lean_in.2"), "label", "x" * 101),
        _set(items, _row_of(items, "id", "lean_in.3"), "indicators", None),
        _set(items, _row_of(items, "id", "lean_in.4"), "id", "nowhere.1"),
        _set(items, _row_of(items, "id", "lift_up.2"), "id", "lift_up.1"),
    }
    formula_row = _row_of(items, "id", "connect.1")
    expected.add(_set(items, formula_row, "description", "=B2&\" more\""))
    book.save(path)
    assert len(expected) == 12

    result = read_instrument(read_tables(path))

    assert result.instrument is None
    found = set()
    for line in result.problems:
        assert line.startswith(f"{path}, sheet "), line
        parts = line.split(": ", 1)[0].split(", ")
        sheet, row, column = parts[1].removeprefix("sheet "), parts[2], parts[3]
        found.add((sheet, int(row.removeprefix("row ")), column.split("(")[1].rstrip(")")))
    assert found == expected, "\n".join(result.problems)
    assert len(result.problems) == 12, "\n".join(result.problems)
    # the second lift_up.1 is the one named, pointing at the first
    assert any("'lift_up.1' is also on row" in p for p in result.problems)


class _Provenance(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    status: str = ""


class _Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    behavior: str
    replaces: list[str]
    comparable: bool = True


class _Extended(Instrument):
    """Fields of the kind the next instrument version adds (provenance, a crosswalk)."""

    # Not `provenance`: the real model has a computed `provenance` line of that name.
    origin: _Provenance | None = None
    status: str = ""
    crosswalk: list[_Mapping] = Field(default_factory=list)
    aliases: dict[str, list[str]] = Field(default_factory=dict)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_fields_added_to_the_instrument_model_travel_through_a_spreadsheet(
        tmp_path: Path, suffix: str) -> None:
    base = load_instrument(INSTRUMENTS_DIR / "cpm-practice.v1.yaml").model_dump()
    extended = _Extended.model_validate({
        **base, "version": 2, "status": "paraphrase",
        "origin": {"source": "public CPM descriptions", "status": "not the official profile"},
        "crosswalk": [{"behavior": "engagement.1", "replaces": ["engagement.1", "engagement.2"]},
                      {"behavior": "transition.4", "replaces": [], "comparable": False}],
        "aliases": {"teaming": ["service_planning", "monitoring"]}})
    out = tmp_path / f"v2{suffix}"
    tables = instrument_tables(extended)
    assert {"crosswalk", "aliases"} <= {t.name for t in tables}
    settings = {row[0] for _, row in tables[0].rows}
    assert {"origin.source", "origin.status", "status"} <= settings
    write_tables(out, tables)
    result = read_instrument(read_tables(out), _Extended)
    assert result.problems == []
    assert result.instrument == extended
    assert result.instrument.content_hash == extended.content_hash
    # And a mistake in such a sheet is named at its cell.
    if suffix == ".xlsx":
        book = load_workbook(out)
        book["crosswalk"]["C3"] = "perhaps"
        book.save(out)
        [problem] = read_instrument(read_tables(out), _Extended).problems
        assert "sheet crosswalk, row 3, column C (comparable)" in problem


def test_xlsform_language_headings_are_understood(tmp_path: Path) -> None:
    name = "cpm-practice.v1"
    instrument = load_instrument(INSTRUMENTS_DIR / f"{name}.yaml")
    translations = [load_text(p) for p in (INSTRUMENTS_DIR / "i18n").glob(f"{name}.*.yaml")]
    out = tmp_path / "xlsform.xlsx"
    write_tables(out, instrument_tables(instrument, translations))
    book = load_workbook(out)
    for sheet in book.worksheets:
        for cell in next(sheet.iter_rows(max_row=1)):
            if isinstance(cell.value, str) and cell.value.endswith("::es"):
                cell.value = cell.value.replace("::es", "::Español (es)")
    book.save(out)
    result = read_instrument(read_tables(out))
    assert result.problems == [] and result.translations == translations
