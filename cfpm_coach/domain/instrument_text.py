"""An instrument's text in another language, kept in its own file so a county can add one.

`<instrument-id>.v<version>.<lang>.yaml` (in `i18n/` beside the instruments) gives display
text by stable id: the title, the source line and note, scale labels, group and behavior
labels and descriptions, and optionally indicators. What it leaves out stays in the
instrument's own language. The translated instrument is for showing only: its id, version,
values and content hash stay the original's, so observations made in either language are
the same observations.
"""

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import InstrumentError

FILE_NAME = re.compile(r"^(?P<id>[a-z0-9-]+)\.v(?P<version>\d+)\.(?P<lang>[a-z]{2})\.yaml$")


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str | None = Field(default=None, min_length=1, max_length=100)
    description: str | None = None
    indicators: list[str] | None = None


class InstrumentText(BaseModel):
    """The translated text of one instrument version."""

    model_config = ConfigDict(extra="forbid")

    instrument: str
    version: int
    language: str = Field(pattern=r"^[a-z]{2}$")
    title: str | None = None
    source: str | None = Field(default=None, max_length=300)
    source_note: str | None = None
    scale: dict[int, _Text] = Field(default_factory=dict)
    groups: dict[str, _Text] = Field(default_factory=dict)
    items: dict[str, _Text] = Field(default_factory=dict)


def load_text(path: Path) -> InstrumentText:
    """Read a translation file; InstrumentError naming the file and field if it is wrong."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return InstrumentText.model_validate(data)
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path}: not readable YAML ({exc})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise InstrumentError(f"{path}, field {field}: {first['msg']}") from exc


def unknown_ids(instrument: Instrument, text: InstrumentText) -> list[str]:
    """Ids in the translation that the instrument does not have (they are ignored)."""
    groups = {g.id for g in instrument.groups}
    values = {level.value for level in instrument.scale.levels}
    return sorted([g for g in text.groups if g not in groups]
                  + [i for i in text.items if not instrument.has_item(i)]
                  + [f"scale {v}" for v in text.scale if v not in values])


def translated(instrument: Instrument, text: InstrumentText) -> Instrument:
    """A copy of the instrument showing the translated text, with the original's identity."""
    data = instrument.model_dump()
    for field in ("title", "source", "source_note"):
        if getattr(text, field):
            data[field] = getattr(text, field)
    data["language"] = text.language
    for level in data["scale"]["levels"]:
        _apply(level, text.scale.get(level["value"]))
    for group in data["groups"]:
        _apply(group, text.groups.get(group["id"]))
        for item in group["items"]:
            _apply(item, text.items.get(item["id"]))
    copy = Instrument.model_validate(data)
    # Observations store the original's hash; the translation must not look like a new version.
    copy.__dict__["content_hash"] = instrument.content_hash
    return copy


def _apply(target: dict[str, object], text: _Text | None) -> None:
    if text is None:
        return
    for field in ("label", "description", "indicators"):
        value = getattr(text, field)
        if value:
            target[field] = value
