"""Pydantic models of bundle records, derived from the tables so the two cannot drift apart."""

import types
from datetime import datetime
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import AwareDatetime, BaseModel, ConfigDict, create_model

from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES, columns
from cfpm_coach.storage.models import AuditEntry

FORMAT = "cfpm-coach-bundle"
FORMAT_VERSION = 1
# Columns added after format 1 was published: optional, so bundles written before them still read.
LATER_OPTIONAL: dict[str, tuple[str, ...]] = {"observation": ("pair_code",)}


def _aware(annotation: Any) -> Any:
    """datetime becomes AwareDatetime (a bundle never carries naive times), also inside Optional."""
    if annotation is datetime:
        return AwareDatetime
    if get_origin(annotation) in (Union, types.UnionType):
        return Union[tuple(_aware(a) for a in get_args(annotation))]  # noqa: UP007
    return annotation


@cache
def record_models() -> dict[str, type[BaseModel]]:
    """One strict model per bundle file, with the table's column types."""
    tables: dict[str, type[Any]] = {**BUNDLE_TABLES, AUDIT_TABLE: AuditEntry}
    models: dict[str, type[BaseModel]] = {}
    for name, table in tables.items():
        fields = {column: (_aware(table.model_fields[column].annotation),
                           None if column in LATER_OPTIONAL.get(name, ()) else ...)
                  for column in columns(table)}
        models[name] = create_model(  # type: ignore[call-overload]
            f"{table.__name__}Record", __config__=ConfigDict(extra="forbid", strict=False),
            **fields)
    return models


class FileEntry(BaseModel):
    """One data file of a bundle, as the manifest describes it."""

    model_config = ConfigDict(extra="forbid")

    path: str
    records: int
    bytes: int
    sha256: str


class Manifest(BaseModel):
    """manifest.json: what the bundle holds and who wrote it (signed by the device key)."""

    model_config = ConfigDict(extra="forbid")

    format: str
    format_version: int
    bundle_id: str
    created_at: AwareDatetime
    app_version: str
    schema_version: str
    device_id: str
    device_public_key: str
    coach_id: str | None
    full: bool
    includes_case_references: bool
    includes_notes: bool
    instruments: list[dict[str, Any]]
    files: dict[str, FileEntry]


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the manifest and of every record type (docs/)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{FORMAT} version {FORMAT_VERSION}",
        "manifest": Manifest.model_json_schema(),
        "records": {name: model.model_json_schema() for name, model in record_models().items()},
    }
