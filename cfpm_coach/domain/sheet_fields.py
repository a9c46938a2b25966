"""How a field of a pydantic model sits in a spreadsheet cell: text, lines, a record or JSON."""

import json
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel


def unwrap(annotation: Any) -> Any:
    """The type inside Optional[...] / X | None."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return annotation


def is_model(annotation: Any) -> bool:
    """True when the annotation is a pydantic model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def field_shape(annotation: Any) -> str:
    """How a field sits in a cell: scalar text, lines, a record, a sheet, or JSON text."""
    annotation = unwrap(annotation)
    origin = get_origin(annotation)
    if is_model(annotation):
        return "record"
    if origin in (list, tuple, set, frozenset):
        args = get_args(annotation)
        inner = unwrap(args[0]) if args else str
        if is_model(inner) or get_origin(inner) in (dict, list):
            return "sheet"
        return "lines"
    if origin is dict:
        return "sheet"
    return "scalar"


def to_text(value: Any, shape: str = "scalar") -> str:
    """A value as cell text in the given shape."""
    if value is None:
        return ""
    if shape == "lines":
        return "\n".join(to_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(getattr(value, "value", value)) if not isinstance(value, str | int | float) \
        else str(value)


def from_text(text: str, shape: str) -> Any:
    """Cell text back as a value of the given shape (ValueError on bad JSON)."""
    if shape == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if shape == "json":
        return json.loads(text)
    return text


def cell_shape(annotation: Any) -> str:
    """The shape of a field inside one cell (records and sheets become JSON text)."""
    shape = field_shape(annotation)
    return "json" if shape in ("record", "sheet") else shape
