"""Validation of what people type, before it reaches a table (table models do not validate).

The rules themselves (lengths, one-line names, no NUL or lone surrogates, times, vocabularies)
live in domain/record_rules.py, where the bundle reader takes them too: what a person cannot
type here, no bundle can bring in.
"""

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, field_validator

from cfpm_coach.domain import record_rules
from cfpm_coach.domain.record_rules import NAME_MAX, NOTE_MAX, Label, Name, Note, plain_message
from cfpm_coach.errors import InvalidInputError

__all__ = ["NAME_MAX", "NOTE_MAX", "CoachInput", "NotesInput", "WorkerInput", "check_text",
           "checked", "text_problem", "validated"]

ModelT = TypeVar("ModelT", bound=BaseModel)
text_problem = record_rules.text_problem


def check_text(field: str, value: str, *, one_line: bool = False) -> str:
    """value when it can be stored, else InvalidInputError naming the field."""
    problem = text_problem(value, one_line=one_line)
    if problem:
        raise InvalidInputError(f"{field}: {problem}")
    return value


@cache
def _adapter(rule: Any) -> TypeAdapter[Any]:
    return TypeAdapter(rule)


def checked(rule: Any, field: str, value: Any) -> Any:
    """value validated by one of record_rules' types (stripped first when it is text), else
    InvalidInputError naming the field."""
    if isinstance(value, str):
        value = value.strip()
    try:
        return _adapter(rule).validate_python(value)
    except ValidationError as exc:
        raise InvalidInputError(f"{field}: {plain_message(exc.errors()[0])}") from exc


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _stripped(cls, value: Any) -> Any:
        """Python's strip (as for evidence notes and reasons) before the field's rule."""
        return value.strip() if isinstance(value, str) else value


class WorkerInput(_Input):
    """A worker's editable fields."""

    name: Name
    role: Label = ""
    unit: Label = ""
    office: Label = ""
    county: Label = ""


class CoachInput(_Input):
    """The coach profile's editable fields."""

    name: Name
    role: Label = ""
    county: Label = ""
    office: Label = ""


class NotesInput(_Input):
    """The free-text parts of an observation."""

    strengths: Note = ""
    growth_areas: Note = ""
    next_steps: Note = ""


def validated(model: type[ModelT], data: dict[str, Any]) -> ModelT:
    """Validate data into model, or raise InvalidInputError naming each bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "input"
            parts.append(f"{where.replace('_', ' ')}: {plain_message(error)}")
        raise InvalidInputError("; ".join(parts)) from exc
