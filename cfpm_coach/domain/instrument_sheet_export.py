"""An instrument and its translations as the sheets of a workbook (the layout: instrument_sheet)."""

from collections.abc import Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from cfpm_coach.domain.instrument_sheet_reader import TRANSLATED_SETTINGS
from cfpm_coach.domain.instrument_text import InstrumentText
from cfpm_coach.domain.instruments import Group, Instrument, Item, ScaleLevel
from cfpm_coach.domain.sheet_fields import cell_shape, field_shape, is_model, to_text, unwrap
from cfpm_coach.domain.sheet_tables import Table


def _settings_rows(prefix: str, model: BaseModel, skip: tuple[str, ...],
                   extra: list[Table]) -> list[list[str]]:
    rows: list[list[str]] = []
    for name, info in type(model).model_fields.items():
        if name in skip:
            continue
        value = getattr(model, name)
        shape = field_shape(info.annotation)
        if shape == "record" and value is not None:
            rows += _settings_rows(f"{prefix}{name}.", value, (), extra)
        elif shape == "sheet":
            if prefix:
                rows.append([prefix + name, to_text(value)])
            else:
                extra.append(_field_sheet(name, info.annotation, value))
        else:
            rows.append([prefix + name, to_text(value, shape)])
    return rows


def _field_sheet(name: str, annotation: Any, value: Any) -> Table:
    """A list of records (one row each) or a mapping (key, value rows) as its own sheet."""
    annotation = unwrap(annotation)
    if get_origin(annotation) is dict:
        value_shape = cell_shape(get_args(annotation)[1])
        rows = [(0, [to_text(k), to_text(v, value_shape)]) for k, v in (value or {}).items()]
        return Table(name, ["key", "value"], rows)
    inner = unwrap(get_args(annotation)[0])
    if is_model(inner):
        columns = list(inner.model_fields)
        shapes = {c: cell_shape(inner.model_fields[c].annotation) for c in columns}
        records = [entry.model_dump(mode="json") for entry in value or []]
    else:
        records = [dict(entry) for entry in value or []]
        columns = sorted({key for record in records for key in record})
        shapes = {c: "json" if any(isinstance(r.get(c), dict | list) for r in records)
                  else "scalar" for c in columns}
    return Table(name, columns, [(0, [to_text(r.get(c), shapes[c]) for c in columns])
                                 for r in records])


def instrument_tables(instrument: Instrument,
                      translations: Sequence[InstrumentText] = ()) -> list[Table]:
    """The instrument (and its translations) as the sheets of a workbook."""
    languages = sorted({t.language for t in translations})
    by_language = {t.language: t for t in translations}
    extra: list[Table] = []
    settings = _settings_rows("", instrument, ("scale", "groups"), extra)
    settings += _settings_rows("scale.", instrument.scale, ("levels",), extra)
    settings_table = Table("settings", ["field", "value", *[f"value::{lang}" for lang in languages]])
    for row in settings:
        texts = [getattr(by_language[lang], row[0]) or "" if row[0] in TRANSLATED_SETTINGS
                 else "" for lang in languages]
        settings_table.rows.append((0, [*row, *texts]))

    def text_columns(fields: tuple[str, ...]) -> list[str]:
        """The translation columns of these fields, language by language."""
        return [f"{name}::{lang}" for lang in languages for name in fields]

    level_fields = list(ScaleLevel.model_fields)
    scale = Table("scale", [*level_fields, *text_columns(("label", "description"))])
    for level in instrument.scale.levels:
        texts = [_translation_text(by_language[lang].scale.get(level.value), name)
                 for lang in languages for name in ("label", "description")]
        scale.rows.append((0, [to_text(getattr(level, f), field_shape(ScaleLevel.model_fields[f]
                                                                  .annotation))
                               for f in level_fields] + texts))

    group_fields = [f for f in Group.model_fields if f != "items"]
    groups = Table("groups", [*group_fields, *text_columns(("label", "description"))])
    for group in instrument.groups:
        texts = [_translation_text(by_language[lang].groups.get(group.id), name)
                 for lang in languages for name in ("label", "description")]
        groups.rows.append((0, [to_text(getattr(group, f), cell_shape(Group.model_fields[f]
                                                                         .annotation))
                                for f in group_fields] + texts))

    item_fields = [f for f in Item.model_fields if f != "anchors"]
    anchor_columns = [f"anchor_{v}" for v in instrument.scale.scored_values]
    items = Table("items", [*item_fields, *anchor_columns,
                            *text_columns(("label", "description", "indicators"))])
    for item in instrument.items:
        values = [to_text(getattr(item, f), cell_shape(Item.model_fields[f].annotation))
                  for f in item_fields]
        values += [item.anchors.get(v, "") for v in instrument.scale.scored_values]
        values += [_translation_text(by_language[lang].items.get(item.id), name)
                   for lang in languages for name in ("label", "description", "indicators")]
        items.rows.append((0, values))
    return [settings_table, scale, groups, items, *extra]


def _translation_text(text: Any, name: str) -> str:
    if text is None:
        return ""
    value = getattr(text, name)
    return to_text(value, "lines" if name == "indicators" else "scalar")
