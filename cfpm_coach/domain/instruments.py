"""The instrument model: a rating scale and groups of observable behaviors, validated by pydantic."""

import hashlib
import json
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Literal, get_args

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
SOURCE_MAX = 300
# paraphrase: the project's (or anyone's) own words for public descriptions; official: the
# owner's published text; county: a county's own adaptation.
SourceStatus = Literal["unstated", "paraphrase", "official", "county"]
SOURCE_STATUSES: tuple[str, ...] = get_args(SourceStatus)
# What one observation on the instrument rates: a worker's practice, a leader's behaviors, or an
# office's implementation supports.
Subject = Literal["worker", "leader", "office"]
Kind = Literal["practice", "leadership", "implementation"]
# A file that leaves `subject` out rates what its kind always rated (files older than the field).
SUBJECT_OF_KIND: dict[str, Subject] = {"practice": "worker", "leadership": "leader",
                                       "implementation": "office"}
# Fields added after instruments were in use: left out of the content hash while at their
# defaults, so every earlier file keeps the hash its observations pinned.
_LATER_FIELDS = {"source": "", "source_status": "unstated", "crosswalk_from": None}
_LATER_GROUP_FIELDS = {"in_overall": True}
_LATER_ITEM_FIELDS: dict[str, object] = {"crosswalk": []}


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

    @cached_property
    def value_set(self) -> frozenset[int]:
        """Every value of the scale, as a set."""
        return frozenset(level.value for level in self.levels)

    @cached_property
    def scored_set(self) -> frozenset[int]:
        """The scored values, as a set."""
        return frozenset(self.scored_values)

    def has_value(self, value: int) -> bool:
        """True when the value is one of the scale's levels (scored or not)."""
        # A set, not a scan of the levels: the worker list asks this of every rating it reads.
        return value in self.value_set

    def is_scored(self, value: int) -> bool:
        """True when the value counts towards scores."""
        return value in self.scored_set

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
    # The earlier version's behaviors this one continues (`crosswalk_from` names the version);
    # empty: a new behavior, "not comparable" with observations rated on that version.
    crosswalk: list[Annotated[str, Field(pattern=ITEM_ID, max_length=64)]] = Field(
        default_factory=list, max_length=20)

    @field_validator("crosswalk")
    @classmethod
    def _crosswalk_once(cls, ids: list[str]) -> list[str]:
        if len(set(ids)) != len(ids):
            raise ValueError("a crosswalk names each earlier behavior once")
        return ids


class Group(_Strict):
    """A practice element or leadership group holding behaviors."""

    id: str = Field(pattern=SLUG)
    label: str = Field(min_length=1, max_length=80)
    description: str = ""
    # False for groups such as the foundation behaviors: scored as their own group, left out of
    # the overall score (see the Guide).
    in_overall: bool = True
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
    kind: Kind
    subject: Subject = "worker"
    group_noun: str = "Group"
    source_note: str = ""
    # Where the wording comes from, shown on screen and on every PDF's footer; a county's own
    # instrument file carries its own.
    source: str = Field(default="", max_length=SOURCE_MAX)
    source_status: SourceStatus = "unstated"
    crosswalk_from: int | None = Field(default=None, ge=1)
    scale: RatingScale
    groups: list[Group] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _subject_from_kind(cls, data: object) -> object:
        if not isinstance(data, dict) or data.get("subject") is not None:
            return data
        kind = data.get("kind")
        if isinstance(kind, str) and kind in SUBJECT_OF_KIND:  # a bad kind is reported on its own
            return {**data, "subject": SUBJECT_OF_KIND[kind]}
        return data

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

    @model_validator(mode="after")
    def _check_provenance_and_crosswalk(self) -> "Instrument":
        if "\n" in self.source or "\r" in self.source:
            raise ValueError("source: must be one line (it is printed in every PDF's footer)")
        if self.source_status != "unstated" and not self.source:
            raise ValueError(f"source: required when source_status is {self.source_status!r}")
        if self.source and self.source_status == "unstated":
            raise ValueError("source_status: say what the source line is "
                             f"({', '.join(SOURCE_STATUSES[1:])})")
        if self.crosswalk_from is not None and self.crosswalk_from >= self.version:
            raise ValueError(f"crosswalk_from: version {self.crosswalk_from} is not earlier than "
                             f"this version ({self.version})")
        mapped = [item.id for item in self.items if item.crosswalk]
        if mapped and self.crosswalk_from is None:
            raise ValueError(f"crosswalk_from: required, since behaviors {', '.join(mapped[:3])} "
                             "name a crosswalk")
        return self

    @property
    def provenance(self) -> str:
        """The one line saying where the wording comes from (the source note's first sentence
        for files older than the `source` field)."""
        if self.source:
            return self.source
        first = self.source_note.split(". ")[0].strip()
        return first if not first or first.endswith(".") else first + "."

    def overall_items(self) -> list[Item]:
        """The behaviors the overall score counts (groups with in_overall)."""
        return [item for group in self.groups if group.in_overall for item in group.items]

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
        content = self.model_dump(mode="json")
        _drop_defaults(content, {**_LATER_FIELDS,
                                 "subject": SUBJECT_OF_KIND.get(self.kind, "worker")})
        for group in content["groups"]:
            _drop_defaults(group, _LATER_GROUP_FIELDS)
            for item in group["items"]:
                _drop_defaults(item, _LATER_ITEM_FIELDS)
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _drop_defaults(content: dict[str, object], defaults: Mapping[str, object]) -> None:
    for name, default in defaults.items():
        if name in content and content[name] == default:
            del content[name]
