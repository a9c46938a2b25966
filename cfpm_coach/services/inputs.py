"""Validation of what people type, before it reaches a table (table models do not validate)."""

import re
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from cfpm_coach.errors import InvalidInputError

NAME_MAX = 120
NOTE_MAX = 100_000

ModelT = TypeVar("ModelT", bound=BaseModel)

# A lone surrogate cannot be encoded as UTF-8 (SQLite, bundles); NUL cannot be stored by
# PostgreSQL at the hub and ends strings in C libraries. Both are refused, never silently dropped.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"
# Control characters (C0, DEL, C1): tabs and line breaks included, which a one-line field refuses.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def text_problem(value: str, *, one_line: bool = False) -> str | None:
    """Why (stripped) text cannot be stored as typed, or None when it can."""
    if _SURROGATE.search(value):
        return ("contains a broken character (half of a UTF-16 pair) that cannot be saved; "
                "type or paste that part again")
    if _NUL in value:
        return "contains a NUL character (\\0), which cannot be saved"
    if one_line and _CONTROL.search(value):
        return "must be one line, without tabs, line breaks or other control characters"
    return None


def check_text(field: str, value: str, *, one_line: bool = False) -> str:
    """value when it can be stored, else InvalidInputError naming the field."""
    problem = text_problem(value, one_line=one_line)
    if problem:
        raise InvalidInputError(f"{field}: {problem}")
    return value


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")
    one_line: ClassVar[bool] = False

    @field_validator("*", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        """Python's strip (as for evidence notes and reasons), then refuse what cannot be stored."""
        if isinstance(value, str):
            value = value.strip()
            problem = text_problem(value, one_line=cls.one_line)
            if problem:
                raise PydanticCustomError("unstorable_text", problem)
        return value


class _OneLineInput(_Input):
    one_line: ClassVar[bool] = True


class WorkerInput(_OneLineInput):
    """A worker's editable fields."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str = Field(default="", max_length=NAME_MAX)
    unit: str = Field(default="", max_length=NAME_MAX)
    office: str = Field(default="", max_length=NAME_MAX)
    county: str = Field(default="", max_length=NAME_MAX)


class CoachInput(_OneLineInput):
    """The coach profile's editable fields."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str = Field(default="", max_length=NAME_MAX)
    county: str = Field(default="", max_length=NAME_MAX)
    office: str = Field(default="", max_length=NAME_MAX)


class NotesInput(_Input):
    """The free-text parts of an observation."""

    strengths: str = Field(default="", max_length=NOTE_MAX)
    growth_areas: str = Field(default="", max_length=NOTE_MAX)
    next_steps: str = Field(default="", max_length=NOTE_MAX)


def validated(model: type[ModelT], data: dict[str, Any]) -> ModelT:
    """Validate data into model, or raise InvalidInputError naming each bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "input"
            parts.append(f"{where.replace('_', ' ')}: {_plain_message(error)}")
        raise InvalidInputError("; ".join(parts)) from exc


def _plain_message(error: Any) -> str:
    """Pydantic's message, in a coach's words for the errors people meet."""
    limits = error.get("ctx") or {}
    if error["type"] == "string_too_long":
        return (f"at most {limits['max_length']:,} characters "
                f"(this has {len(error['input']):,})")
    if error["type"] == "string_too_short" and limits.get("min_length") == 1:
        return "is required"
    return str(error["msg"])
