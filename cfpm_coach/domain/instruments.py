"""The instrument model: a rating scale and groups of observable behaviors, validated by pydantic."""

import hashlib
import json
from functools import cached_property
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

SLUG = r"^[a-z][a-z0-9_]*$"
INSTRUMENT_ID = r"^[a-z][a-z0-9-]*$"
ITEM_ID = r"^[a-z][a-z0-9_]*\.[0-9]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ScaleLevel(_Strict):
    """One value of a rating scale."""

    value: int = Field(ge=0, le=100)
    code: str = Field(pattern=SLUG)
    label: str = Field(min_length=1, max_length=60)
    description: str = ""
    scored: bool = True


class RatingScale(_Strict):
    """The values a coach can give, and which count towards scores."""

    proficient_threshold: int
    levels: list[ScaleLevel] = Field(min_length=2)

    @model_validator(mode="after")
    def _check_levels(self) -> "RatingScale":
        values = [level.value for level in self.levels]
        if len(set(values)) != len(values):
            raise ValueError("scale level values must be unique")
        codes = [level.code for level in self.levels]
        if len(set(codes)) != len(codes):
            raise ValueError("scale level codes must be unique")
        scored = [level.value for level in self.levels if level.scored]
        if len(scored) < 2:
            raise ValueError("a scale needs at least two scored levels")
        if self.proficient_threshold not in scored:
            raise ValueError("proficient_threshold must be one of the scored values")
        return self

    @cached_property
    def scored_values(self) -> tuple[int, ...]:
        """Scored values, lowest first."""
        return tuple(sorted(level.value for level in self.levels if level.scored))

    @cached_property
    def unscored_values(self) -> tuple[int, ...]:
        """Values such as 'no opportunity to observe' that are left out of every score."""
        return tuple(level.value for level in self.levels if not level.scored)

    def level(self, value: int) -> ScaleLevel:
        """The level for a value; ValueError if the scale has no such value."""
        for level in self.levels:
            if level.value == value:
                return level
        raise ValueError(f"{value} is not a value of this scale")

    def has_value(self, value: int) -> bool:
        """True when the value is one of the scale's levels (scored or not)."""
        return any(level.value == value for level in self.levels)

    def is_scored(self, value: int) -> bool:
        """True when the value counts towards scores."""
        return value in self.scored_values

    @property
    def minimum(self) -> int:
        """Lowest scored value."""
        return self.scored_values[0]

    @property
    def maximum(self) -> int:
        """Highest scored value."""
        return self.scored_values[-1]


class Item(_Strict):
    """One observable behavior, with a stable id that never changes once shipped."""

    id: str = Field(pattern=ITEM_ID)
    label: str = Field(min_length=1, max_length=100)
    description: str = Field(min_length=1)
    indicators: list[str] = Field(min_length=1, max_length=8)
    anchors: dict[int, str] = Field(default_factory=dict)


class Group(_Strict):
    """A practice element or leadership group holding behaviors."""

    id: str = Field(pattern=SLUG)
    label: str = Field(min_length=1, max_length=80)
    description: str = ""
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_belong(self) -> "Group":
        for item in self.items:
            if not item.id.startswith(self.id + "."):
                raise ValueError(f"item id {item.id!r} must start with its group id {self.id!r}.")
        return self


class Instrument(_Strict):
    """A versioned observation instrument. A used version is never edited: changes are new versions."""

    id: str = Field(pattern=INSTRUMENT_ID)
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    language: str = Field(default="en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    kind: Literal["practice", "leadership"]
    group_noun: str = "Group"
    source_note: str = ""
    scale: RatingScale
    groups: list[Group] = Field(min_length=1)

    @field_validator("groups")
    @classmethod
    def _unique_ids(cls, groups: list[Group]) -> list[Group]:
        group_ids = [g.id for g in groups]
        if len(set(group_ids)) != len(group_ids):
            raise ValueError("group ids must be unique")
        item_ids = [i.id for g in groups for i in g.items]
        dupes = sorted({i for i in item_ids if item_ids.count(i) > 1})
        if dupes:
            raise ValueError(f"item ids must be unique; repeated: {', '.join(dupes)}")
        return groups

    @field_validator("groups")
    @classmethod
    def _anchors_on_scale(cls, groups: list[Group], info: ValidationInfo) -> list[Group]:
        # A field validator, not a model one, so that an error points at the groups' line.
        scale = info.data.get("scale")
        if scale is None:  # the scale failed on its own; that error is reported instead
            return groups
        scored = set(scale.scored_values)
        for item in (item for group in groups for item in group.items):
            stray = set(item.anchors) - scored
            if stray:
                raise ValueError(f"item {item.id}: anchors for values not scored: {sorted(stray)}")
        return groups

    @property
    def key(self) -> tuple[str, int]:
        """(id, version): what identifies this instrument."""
        return (self.id, self.version)

    @property
    def items(self) -> list[Item]:
        """Every behavior, in order."""
        return [item for group in self.groups for item in group.items]

    @cached_property
    def _item_index(self) -> dict[str, tuple[Group, Item]]:
        return {item.id: (group, item) for group in self.groups for item in group.items}

    def item(self, item_id: str) -> Item:
        """The behavior with this id; KeyError if none."""
        return self._item_index[item_id][1]

    def group_of(self, item_id: str) -> Group:
        """The group holding a behavior; KeyError if none."""
        return self._item_index[item_id][0]

    def has_item(self, item_id: str) -> bool:
        """True when the instrument has a behavior with this id."""
        return item_id in self._item_index

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the canonical content: formatting changes keep it, any wording change moves it."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
