"""Reading an instrument workbook's sheets into the model's data, remembering each value's cell.

The layout is described in cfpm_coach/domain/instrument_sheet.py; columns come from the model's
fields. Checks that span rows (repeated ids, a group with no items, an item of an unknown group,
an anchor for a level the scale does not score) are made here, so that all of them are reported
together with the field errors the model finds.
"""

import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from cfpm_coach.domain.instruments import Group, Instrument, Item, RatingScale, ScaleLevel
from cfpm_coach.domain.sheet_fields import cell_shape, field_shape, from_text, is_model, unwrap
from cfpm_coach.domain.sheet_tables import Problem, Table, Workbook, get_column_letter

Path_ = tuple[Any, ...]
Where = tuple[str, int | None, str | None]

ANCHOR = re.compile(r"^anchor_(\d+)$")
# XLSForm's own spelling is accepted too: `label::Español (es)`.
TRANSLATED = re.compile(r"^(label|description|indicators|value)::"
                        r"(?:[^():]*\((?P<coded>[a-z]{2})\)|(?P<code>[a-z]{2}))$")


def _language(match: re.Match[str]) -> str:
    return match["coded"] or match["code"]


class SheetReader:
    """Turns tables into the model's data, remembering the cell each value came from."""

    def __init__(self, book: Workbook, model: type[Instrument]) -> None:
        self.book = book
        self.model = model
        self.problems: list[Problem] = list(book.problems)
        self.cross_problems: list[Problem] = []
        self.where: dict[Path_, Where] = {}
        self.texts: dict[str, dict[str, Any]] = {}

    def problem(self, sheet: str | None, row: int | None, column: str | None, message: str,
                cross: bool = False) -> None:
        """Record a problem at a cell; cross: a check spanning rows."""
        table = self.book.tables.get(sheet or "")
        word = table.line_word if table else "row"
        (self.cross_problems if cross else self.problems).append(
            Problem(sheet, row, column, message, word))

    def table(self, name: str, allowed: set[str], required: tuple[str, ...],
              translatable: tuple[str, ...] = (), pattern: re.Pattern[str] | None = None
              ) -> Table | None:
        """The sheet, its headings checked against the model's fields; None if missing."""
        table = self.book.tables.get(name)
        if table is None:
            self.problem(name, None, None, f"the workbook has no sheet named {name!r}")
            return None
        seen: set[str] = set()
        for position, heading in enumerate(table.header):
            if heading == "":
                continue
            if heading in seen:
                self.problems.append(Problem(
                    name, table.header_row, heading, "this column heading appears twice",
                    table.line_word, get_column_letter(position + 1)
                    if table.line_word == "row" else None))
            seen.add(heading)
            match = TRANSLATED.match(heading)
            known = heading in allowed or (pattern is not None and pattern.match(heading)) \
                or (match is not None and match[1] in translatable)
            if not known:
                expected = ", ".join(sorted(allowed)) + "".join(
                    f", {t}::<language>" for t in translatable)
                self.problem(name, table.header_row, heading,
                             f"is not a column of the {name} sheet (expected {expected})")
        for column in required:
            if column not in seen:
                self.problem(name, table.header_row, None, f"the column {column!r} is missing")
        return table

    def rows(self, table: Table) -> list[tuple[int, dict[str, str]]]:
        """The table's rows as heading -> text (a repeated heading's first column counts)."""
        out = []
        for number, cells in table.rows:
            record: dict[str, str] = {}
            for i, heading in enumerate(table.header):
                if heading and heading not in record:  # a repeated heading is reported above
                    record[heading] = cells[i] if i < len(cells) else ""
            for i in range(len(table.header), len(cells)):
                if cells[i].strip():
                    self.problem(table.name, number, None, f"has a value in column {i + 1}, "
                                 "which has no heading")
            out.append((number, record))
        return out

    def translate(self, language: str, path: tuple[str, ...], value: Any, where: Where) -> None:
        """Keep a translated text for the language's i18n file, with its cell."""
        if value in ("", []):
            return
        target = self.texts.setdefault(language, {})
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
        self.where[("text", language, *path)] = where


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def _settings_fields(model: type[Instrument]) -> dict[str, str]:
    """Every settings row name the model accepts, with its cell shape."""
    names: dict[str, str] = {}

    def walk(prefix: str, model: type[BaseModel], skip: tuple[str, ...]) -> None:
        """Collect the settings rows of a model's fields."""
        for name, info in model.model_fields.items():
            if name in skip:
                continue
            shape = field_shape(info.annotation)
            inner = unwrap(info.annotation)
            if shape == "record":
                walk(f"{prefix}{name}.", inner, ())
            elif shape == "sheet" and not prefix:
                continue
            else:
                names[prefix + name] = "json" if shape == "sheet" else shape
    walk("", model, ("scale", "groups"))
    walk("scale.", RatingScale, ("levels",))
    return names


def read_settings(reader: SheetReader, data: dict[str, Any]) -> None:
    """The settings sheet: one row per field, dotted names for a record's parts."""
    table = reader.table("settings", {"field", "value"}, ("field", "value"), ("value",))
    if table is None:
        return
    known = _settings_fields(reader.model)
    seen: dict[str, int] = {}
    for number, record in reader.rows(table):
        name = record.get("field", "").strip()
        if not name:
            reader.problem("settings", number, "field", "names no field")
            continue
        if name not in known:
            reader.problem("settings", number, "field",
                           f"{name!r} is not a setting (expected one of {', '.join(known)})")
            continue
        if name in seen:
            reader.problem("settings", number, "field",
                           f"{name!r} is also set on {table.line_word} {seen[name]}")
            continue
        seen[name] = number
        path = tuple(name.split("."))
        reader.where[path] = ("settings", number, "value")
        text = record.get("value", "")
        if text.strip():
            try:
                _put(data, name, from_text(text, known[name]))
            except ValueError:
                reader.problem("settings", number, "value", "is not valid JSON")
        for heading, value in record.items():
            match = TRANSLATED.match(heading)
            if match and value.strip():
                if name not in TRANSLATED_SETTINGS:
                    reader.problem("settings", number, heading,
                                   "only the title, source and source_note rows take a "
                                   "translation")
                else:
                    reader.translate(_language(match), (name,), value,
                                     ("settings", number, heading))


# The settings rows an instrument's i18n file translates (InstrumentText's own fields).
TRANSLATED_SETTINGS = ("title", "source", "source_note")


def read_scale(reader: SheetReader, data: dict[str, Any]) -> None:
    """The scale sheet: one level per row; repeated values or codes are named."""
    fields = set(ScaleLevel.model_fields)
    table = reader.table("scale", fields, ("value", "code", "label"), ("label", "description"))
    if table is None:
        return
    levels: list[dict[str, Any]] = []
    values: dict[str, int] = {}
    codes: dict[str, int] = {}
    for number, record in reader.rows(table):
        level: dict[str, Any] = {}
        index = len(levels)
        reader.where[("scale", "levels", index)] = ("scale", number, None)
        for name in fields:
            reader.where[("scale", "levels", index, name)] = ("scale", number, name)
            text = record.get(name, "")
            if text.strip():
                level[name] = from_text(text, cell_shape(ScaleLevel.model_fields[name]
                                                           .annotation))
        for key, seen, label in (("value", values, "value"), ("code", codes, "code")):
            text = record.get(key, "").strip()
            if text and text in seen:
                reader.problem("scale", number, key, f"the {label} {text!r} is also on "
                               f"{table.line_word} {seen[text]}", cross=True)
            seen.setdefault(text, number)
        for heading, value in record.items():
            match = TRANSLATED.match(heading)
            if match and record.get("value", "").strip().isdigit():
                reader.translate(_language(match), ("scale", record["value"].strip(), match[1]),
                                 value.strip(), ("scale", number, heading))
        levels.append(level)
    data.setdefault("scale", {})["levels"] = levels
    reader.where[("scale",)] = ("scale", None, None)
    reader.where[("scale", "levels")] = ("scale", None, None)


def read_groups(reader: SheetReader, data: dict[str, Any]) -> dict[str, int]:
    """The groups sheet, in order; returns each group id's position."""
    fields = {f for f in Group.model_fields if f != "items"}
    table = reader.table("groups", fields, ("id", "label"), ("label", "description"))
    groups: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    rows_of: dict[str, int] = {}
    data["groups"] = groups
    reader.where[("groups",)] = ("groups", None, None)
    if table is None:
        return index_of
    for number, record in reader.rows(table):
        group: dict[str, Any] = {"items": []}
        index = len(groups)
        reader.where[("groups", index)] = ("groups", number, None)
        reader.where[("groups", index, "items")] = ("groups", number, "id")
        for name in fields:
            reader.where[("groups", index, name)] = ("groups", number, name)
            text = record.get(name, "")
            if text.strip():
                group[name] = from_text(text, cell_shape(Group.model_fields[name].annotation))
        group_id = record.get("id", "").strip()
        if group_id in rows_of:
            reader.problem("groups", number, "id", f"the group id {group_id!r} is also on "
                           f"{table.line_word} {rows_of[group_id]}", cross=True)
            continue
        if group_id:
            rows_of[group_id] = number
            index_of[group_id] = index
        for heading, value in record.items():
            match = TRANSLATED.match(heading)
            if match and group_id:
                reader.translate(_language(match), ("groups", group_id, match[1]), value.strip(),
                                 ("groups", number, heading))
        groups.append(group)
    return index_of


def read_items(reader: SheetReader, data: dict[str, Any], index_of: dict[str, int]) -> None:
    """The items sheet: each behavior into the group its id names, with its anchors."""
    fields = {f for f in Item.model_fields if f != "anchors"}
    table = reader.table("items", fields, ("id", "label"),
                         ("label", "description", "indicators"), ANCHOR)
    if table is None:
        return
    scale = data.get("scale", {})
    scored = {str(level.get("value", "")).strip() for level in scale.get("levels", [])
              if str(level.get("scored", "true")).strip().lower() not in ("false", "0", "no")}
    for heading in table.header:
        match = ANCHOR.match(heading)
        if match and match[1] not in scored:
            reader.problem("items", table.header_row, heading,
                           f"the scale has no scored level with value {match[1]}", cross=True)
    rows_of: dict[str, int] = {}
    for number, record in reader.rows(table):
        item_id = record.get("id", "").strip()
        group_id = item_id.split(".", 1)[0]
        if item_id in rows_of:
            reader.problem("items", number, "id", f"the item id {item_id!r} is also on "
                           f"{table.line_word} {rows_of[item_id]}", cross=True)
            continue
        if group_id not in index_of:
            if item_id:
                reader.problem("items", number, "id",
                               f"belongs to group {group_id!r} (the part before the dot), "
                               "which is not on the groups sheet", cross=True)
            else:
                reader.problem("items", number, "id", "the item has no id")
            continue
        rows_of[item_id] = number
        group = data["groups"][index_of[group_id]]
        position = ("groups", index_of[group_id], "items", len(group["items"]))
        reader.where[position] = ("items", number, None)
        item: dict[str, Any] = {}
        for name in fields:
            reader.where[(*position, name)] = ("items", number, name)
            text = record.get(name, "")
            if text.strip():
                item[name] = from_text(text, cell_shape(Item.model_fields[name].annotation))
        anchors: dict[str, str] = {}
        for heading, value in record.items():
            match = ANCHOR.match(heading)
            if match and value.strip():
                anchors[match[1]] = value
                reader.where[(*position, "anchors", match[1])] = ("items", number, heading)
            translated = TRANSLATED.match(heading)
            if translated:
                shape = "lines" if translated[1] == "indicators" else "scalar"
                reader.translate(_language(translated), ("items", item_id, translated[1]),
                                 from_text(value.strip(), shape), ("items", number, heading))
        if anchors:
            item["anchors"] = anchors
        reader.where[(*position, "anchors")] = ("items", number, None)
        group["items"].append(item)


def field_sheet_names(model: type[Instrument]) -> list[str]:
    """Top-level fields that get a sheet of their own (a list of records, a mapping)."""
    return [name for name, info in model.model_fields.items()
            if name not in ("scale", "groups") and field_shape(info.annotation) == "sheet"]


def read_field_sheets(reader: SheetReader, data: dict[str, Any]) -> None:
    """Sheets of fields that are lists of records or mappings (a crosswalk, for example)."""
    for name in field_sheet_names(reader.model):
        info = reader.model.model_fields[name]
        if name not in reader.book.tables:
            continue
        annotation = unwrap(info.annotation)
        table = reader.book.tables[name]
        reader.where[(name,)] = (name, None, None)
        if get_origin(annotation) is dict:
            value_shape = cell_shape(get_args(annotation)[1])
            reader.table(name, {"key", "value"}, ("key", "value"))
            mapping: dict[str, Any] = {}
            for number, record in reader.rows(table):
                key = record.get("key", "").strip()
                if key in mapping:
                    reader.problem(name, number, "key", f"{key!r} appears twice", cross=True)
                reader.where[(name, key)] = (name, number, "value")
                try:
                    mapping[key] = from_text(record.get("value", ""), value_shape)
                except ValueError:
                    reader.problem(name, number, "value", "is not valid JSON")
            data[name] = mapping
            continue
        inner = unwrap(get_args(annotation)[0])
        columns = dict(inner.model_fields) if is_model(inner) else {}
        reader.table(name, set(columns) or set(table.header), ())
        entries: list[dict[str, Any]] = []
        for number, record in reader.rows(table):
            entry: dict[str, Any] = {}
            reader.where[(name, len(entries))] = (name, number, None)
            for column, text in record.items():
                reader.where[(name, len(entries), column)] = (name, number, column)
                shape = cell_shape(columns[column].annotation) if column in columns else (
                    "json" if text.strip()[:1] in "[{" else "scalar")
                if not text.strip():
                    if shape == "lines":
                        entry[column] = []  # an empty list is a value here, not a gap
                    continue
                try:
                    entry[column] = from_text(text, shape)
                except ValueError:
                    reader.problem(name, number, column, "is not valid JSON")
            entries.append(entry)
        data[name] = entries
