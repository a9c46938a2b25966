"""An instrument as spreadsheet tables (XLSForm-like), and back, with every mistake located.

Sheets (see docs/instrument-spreadsheet.md):
- settings: `field | value` rows for the instrument's plain fields (id, version, title, ...) and
  the scale's (`scale.proficient_threshold`); a field that is a record gives dotted rows
  (`provenance.source`); a field that is a list of records or a mapping gets its own sheet.
- scale: one row per level (value, code, label, description, scored).
- groups: one row per group (id, label, description), in order.
- items: one row per behavior, in order; the group is the part of the id before the dot;
  `indicators` holds one indicator per line; `anchor_<value>` one column per scored level.
- translations are columns beside the text they translate: `label::es`, `description::es`,
  `indicators::es`, and `value::es` on the settings rows `title`, `source` and `source_note`.

The columns come from the instrument model's fields, so a field added to the model travels
through a spreadsheet without changes here.
"""

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from cfpm_coach.domain.instrument_sheet_export import instrument_tables
from cfpm_coach.domain.instrument_sheet_reader import (
    Path_,
    SheetReader,
    Where,
    field_sheet_names,
    read_field_sheets,
    read_groups,
    read_items,
    read_scale,
    read_settings,
)
from cfpm_coach.domain.instrument_text import InstrumentText
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.sheet_tables import Problem, Workbook

__all__ = ["SheetInstrument", "instrument_tables", "read_instrument"]

CORE_SHEETS = ("settings", "scale", "groups", "items")
IGNORED_SHEETS = ("read_me",)


@dataclass
class SheetInstrument:
    """What a spreadsheet gave: the instrument and its translations, or the problems found."""

    instrument: Instrument | None = None
    translations: list[InstrumentText] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _locate(reader: SheetReader, loc: Path_) -> Where | None:
    path = tuple(str(p) for p in loc)
    while path:
        for candidate in (path, tuple(int(p) if p.isdigit() else p for p in path)):
            if candidate in reader.where:
                return reader.where[candidate]
        path = path[:-1]
    return None


def _model_problems(reader: SheetReader, exc: ValidationError) -> list[tuple[Problem, str]]:
    """Each validation error at its cell, with pydantic's error type."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and loc[-1:] == ("items",):
            continue  # said as "the group has no items" at the group's row
        where = _locate(reader, loc)
        message = " ".join(str(error["msg"]).split())
        if where is None or (where[0] == "settings" and where[1] is None):
            where = ("settings", None, "field")
            if error["type"] == "missing":
                message = (f"the setting {'.'.join(str(p) for p in loc)!r} is missing; "
                           "add a row for it")
            else:
                message = f"{'.'.join(str(p) for p in loc)}: {message}"
        table = reader.book.tables.get(where[0])
        problems.append((Problem(*where, message, table.line_word if table else "row"),
                         str(error["type"])))
    return problems


def read_instrument(book: Workbook, model: type[Instrument] = Instrument) -> SheetInstrument:
    """Build and validate the instrument; every problem found, each naming sheet, row, column.

    The columns and settings rows follow the fields of `model` (the instrument model).
    """
    reader = SheetReader(book, model)
    data: dict[str, Any] = {}
    for name in book.tables:
        if name not in (*CORE_SHEETS, *IGNORED_SHEETS, *field_sheet_names(model)):
            reader.problem(name, None, None, "is not a sheet of an instrument workbook (expected "
                           f"{', '.join(CORE_SHEETS)}; a sheet named read_me is ignored)")
    read_settings(reader, data)
    read_scale(reader, data)
    index_of = read_groups(reader, data)
    read_items(reader, data, index_of)
    read_field_sheets(reader, data)
    for index, group in enumerate(data.get("groups", [])):
        if not group["items"] and "id" in group:
            where = reader.where[("groups", index)]
            reader.problem(where[0], where[1], "id", f"the group {group['id']!r} has no items on "
                           "the items sheet", cross=True)
    instrument: Instrument | None = None
    model_problems: list[Problem] = []
    try:
        instrument = model.model_validate(data)
    except ValidationError as exc:
        # Whole-model rules (unique ids, ...) repeat what the row checks already said.
        model_problems = [problem for problem, kind in _model_problems(reader, exc)
                          if not (reader.cross_problems and kind == "value_error")]
    translations = _translations(reader, data, model_problems)
    # A cell that could not be read (a formula, a date) is also empty to the model: say it once.
    unreadable = {(p.sheet, p.row, p.column) for p in reader.problems}
    model_problems = [p for p in model_problems if (p.sheet, p.row, p.column) not in unreadable]
    problems = reader.problems + reader.cross_problems + model_problems
    unique = list(dict.fromkeys(book.describe(p) for p in _ordered(problems)))
    if unique:
        return SheetInstrument(problems=unique)
    return SheetInstrument(instrument=instrument, translations=translations)


def _ordered(problems: list[Problem]) -> list[Problem]:
    order = {name: index for index, name in enumerate((*CORE_SHEETS, None))}
    return sorted(problems, key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))


def _translations(reader: SheetReader, data: dict[str, Any],
                  problems: list[Problem]) -> list[InstrumentText]:
    out = []
    for language, text in sorted(reader.texts.items()):
        payload = {"instrument": data.get("id", ""), "version": data.get("version", 0),
                   "language": language, **text}
        try:
            out.append(InstrumentText.model_validate(payload))
        except ValidationError as exc:
            for error in exc.errors():
                loc = ("text", language, *(str(p) for p in error["loc"]))
                where = _locate(reader, loc) or ("settings", None, None)
                table = reader.book.tables.get(where[0])
                problems.append(Problem(*where, " ".join(str(error["msg"]).split()),
                                        table.line_word if table else "row"))
    return out
