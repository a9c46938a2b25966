"""Validation of what people type, before it reaches a table (table models do not validate)."""

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cfpm_coach.errors import InvalidInputError

NAME_MAX = 120
NOTE_MAX = 100_000

ModelT = TypeVar("ModelT", bound=BaseModel)


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WorkerInput(_Input):
    """A worker's editable fields."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str = Field(default="", max_length=NAME_MAX)
    unit: str = Field(default="", max_length=NAME_MAX)
    office: str = Field(default="", max_length=NAME_MAX)
    county: str = Field(default="", max_length=NAME_MAX)


class CoachInput(_Input):
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
            parts.append(f"{where.replace('_', ' ')}: {error['msg']}")
        raise InvalidInputError("; ".join(parts)) from exc
