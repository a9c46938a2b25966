"""Pydantic models of bundle records, derived from the tables so the two cannot drift apart."""

import threading
import time
import types
import uuid
from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, NotRequired, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    create_model,
)
from pydantic_core import CoreConfig, SchemaValidator
from typing_extensions import TypedDict

from cfpm_coach.domain.record_rules import FUTURE_SLACK, RECORD_RULES, is_time, prechecked
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES, columns
from cfpm_coach.storage.models import AuditEntry

FORMAT = "cfpm-coach-bundle"
FORMAT_VERSION = 1
# Columns added after format 1 was published: optional, so bundles written before them still read.
LATER_OPTIONAL: dict[str, tuple[str, ...]] = {"observation": (
    "pair_code", "casework_component", "office", "county", "implementation_stage")}


def _nullable(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and \
        type(None) in get_args(annotation)


def _rule(table: str, column: str, annotation: Any) -> Any:
    """The domain's rule for a column (record_rules), accepting None where the table does."""
    try:
        rule = RECORD_RULES[table][column]
    except KeyError:
        raise LookupError(f"record_rules.RECORD_RULES has no rule for {table}.{column}: every "
                          "column a bundle carries needs one") from None
    return rule | None if _nullable(annotation) else rule


@cache
def record_models() -> dict[str, type[BaseModel]]:
    """One model per bundle file: the table's columns, each with the domain's rule."""
    tables: dict[str, type[Any]] = {**BUNDLE_TABLES, AUDIT_TABLE: AuditEntry}
    models: dict[str, type[BaseModel]] = {}
    for name, table in tables.items():
        fields = {column: (_rule(name, column, table.model_fields[column].annotation),
                           None if column in LATER_OPTIONAL.get(name, ()) else ...)
                  for column in columns(table)}
        models[name] = create_model(  # type: ignore[call-overload]
            f"{table.__name__}Record", __config__=ConfigDict(extra="forbid", strict=False),
            **fields)
    return models


# How long a set of prechecked readers is used before it is built again with a later clock
# (their bound on times is the clock when they were built, plus a day).
PRECHECK_REBUILD_SECONDS = 600.0
_precheck_lock = threading.Lock()
_precheck: tuple[float, dict[str, SchemaValidator]] | None = None


def _prechecked_reader(name: str, table: type[Any], latest: datetime) -> SchemaValidator:
    fields: dict[str, Any] = {}
    for column in columns(table):
        rule = prechecked(RECORD_RULES[name][column], latest)
        annotation = rule | None if _nullable(table.model_fields[column].annotation) else rule
        optional = column in LATER_OPTIONAL.get(name, ())
        fields[column] = NotRequired[annotation] if optional else annotation
    make_shape: Any = TypedDict  # built from the table's columns, so no literal class here
    shape = make_shape(f"{table.__name__}Prechecked", fields)
    shape.__pydantic_config__ = ConfigDict(extra="forbid", strict=False)
    # Only keys cached: pydantic-core's default caches string values too, and the 16k names
    # and ids it keeps pinned ~80 MB of freed memory after a large bundle (a TypeAdapter over a
    # TypedDict cannot be given this setting, hence the validator built here).
    return SchemaValidator(TypeAdapter(shape).core_schema, CoreConfig(cache_strings="keys"))


def prechecked_readers() -> dict[str, SchemaValidator]:
    """One reader per bundle file that checks a JSON line into a plain dict without calling
    back into Python (record_rules.prechecked): ~4x cheaper than record_models(), and it
    accepts only what they accept, with the same values. A line it refuses is read again by
    record_models(), which decides and names the field."""
    global _precheck
    with _precheck_lock:
        now = time.monotonic()
        if _precheck is None or now - _precheck[0] > PRECHECK_REBUILD_SECONDS:
            latest = datetime.now(UTC) + FUTURE_SLACK
            tables: dict[str, type[Any]] = {**BUNDLE_TABLES, AUDIT_TABLE: AuditEntry}
            _precheck = (now, {name: _prechecked_reader(name, table, latest)
                               for name, table in tables.items()})
        return _precheck[1]


def time_columns(table: str) -> tuple[str, ...]:
    """The columns of a bundle file that hold times (a prechecked reader leaves them in the
    offset they were written with; the reader converts them to UTC)."""
    return tuple(column for column, rule in RECORD_RULES[table].items() if is_time(rule))


class FileEntry(BaseModel):
    """One data file of a bundle, as the manifest describes it."""

    model_config = ConfigDict(extra="forbid")

    path: str
    records: int
    bytes: int
    sha256: str


def _uuid_text(value: str) -> str:
    """A UUID in its usual form (a manifest keeps ids as text: they are signed as written)."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError("must be a UUID") from None


UuidText = Annotated[str, Field(max_length=45, json_schema_extra={"format": "uuid"}),
                     AfterValidator(_uuid_text)]
ShortText = Annotated[str, Field(max_length=200)]


class Manifest(BaseModel):
    """manifest.json: what the bundle holds and who wrote it (signed by the device key)."""

    model_config = ConfigDict(extra="forbid")

    format: str
    format_version: int
    bundle_id: UuidText
    created_at: AwareDatetime
    app_version: ShortText
    schema_version: ShortText
    device_id: UuidText
    device_public_key: ShortText
    coach_id: UuidText | None
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
