"""What a stored record may hold, defined once: limits, vocabularies, ids, times.

The desktop services validate what people type with these types (services/inputs.py), and the
bundle reader validates every arriving record with the same types (sync/records.py), so a laptop
and the hub refuse exactly the same values, on SQLite and PostgreSQL alike.

Decisions:
- Integers fit PostgreSQL's int4 (the hub's column type); revisions and instrument versions are
  at least 1.
- Times carry a UTC offset, convert to UTC, and fall between 2000-01-01 and one day after the
  checking computer's clock (a day of slack for laptops whose clock runs a little fast). Dates
  (a goal's due date) fall between 2000-01-01 and 2099-12-31.
- Text never holds NUL (PostgreSQL cannot store it) or a lone UTF-16 surrogate (it cannot be
  written as UTF-8); one-line fields also refuse tabs, line breaks and other control characters.
"""

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
)
from pydantic_core import CoreSchema, ErrorDetails, PydanticCustomError, core_schema

from cfpm_coach.domain.instruments import INSTRUMENT_ID, ITEM_ID
from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.domain.pairing import ALPHABET, LENGTH
from cfpm_coach.domain.vocabulary import (
    CaseworkComponent,
    GoalStatus,
    ObservationStatus,
    Setting,
)

INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
NAME_MAX = 120
NOTE_MAX = 100_000
EVIDENCE_MAX = 4_000  # an evidence note, an amendment's reason
CASE_REFERENCE_MAX = 40
ID_MAX = 64  # instrument and behavior ids
GOAL_BEHAVIORS_MAX = 200
AUDIT_FIELDS_MAX = 64
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2099, 12, 31)

# A lone surrogate cannot be encoded as UTF-8 (SQLite, bundles); NUL cannot be stored by
# PostgreSQL at the hub and ends strings in C libraries. Both are refused, never silently dropped.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"
# Control characters (C0, DEL, C1): tabs and line breaks included, which a one-line field refuses.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def text_problem(value: str, *, one_line: bool = False) -> str | None:
    """Why text cannot be stored as it is, or None when it can."""
    if _SURROGATE.search(value):
        return ("contains a broken character (half of a UTF-16 pair) that cannot be saved; "
                "type or paste that part again")
    if _NUL in value:
        return "contains a NUL character (\\0), which cannot be saved"
    if one_line and _CONTROL.search(value):
        return "must be one line, without tabs, line breaks or other control characters"
    return None


def _storable(value: Any) -> Any:
    if isinstance(value, str) and (problem := text_problem(value)):
        raise PydanticCustomError("unstorable_text", problem)
    return value


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and (problem := text_problem(value, one_line=True)):
        raise PydanticCustomError("unstorable_text", problem)
    return value


def _in_utc(value: datetime) -> datetime:
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("time_out_of_range",
                                  "cannot be converted to UTC (out of range)") from None
    if utc < EARLIEST:
        raise PydanticCustomError("time_out_of_range", "is before 2000-01-01")
    latest = datetime.now(UTC) + FUTURE_SLACK
    if utc > latest:
        raise PydanticCustomError("time_out_of_range",
                                  "is more than a day ahead of this computer's clock "
                                  "({latest}); check the clock of the computer that wrote it",
                                  {"latest": latest.isoformat(timespec="seconds")})
    return utc


def _sane_day(value: date) -> date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise PydanticCustomError("date_out_of_range", "must fall between {first} and {last}",
                                  {"first": EARLIEST_DAY.isoformat(),
                                   "last": LATEST_DAY.isoformat()})
    return value


def one_of(vocabulary: type[StrEnum]) -> Any:
    """A text field holding one value of a vocabulary (stored as the plain string)."""
    return Literal.__getitem__(tuple(member.value for member in vocabulary))


# The same character rules as patterns that pydantic-core checks itself (see prechecked()).
# A lone surrogate never reaches them: pydantic's JSON parser refuses it outright.
_NO_CONTROL_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
_NO_NUL_PATTERN = r"^[^\x00]*$"
# Each text rule and its twin made of pydantic-core constraints alone.
_TEXT_TWINS: list[tuple[Any, Any]] = []


def _text(max_length: int, *, one_line: bool = False, required: bool = False) -> Any:
    # A before-validator: the character check runs first, so that a NUL is named as such.
    exact = Annotated[str, StringConstraints(min_length=1 if required else 0,
                                             max_length=max_length),
                      BeforeValidator(_one_line if one_line else _storable)]
    twin = Annotated[str, StringConstraints(
        min_length=1 if required else 0, max_length=max_length,
        pattern=_NO_CONTROL_PATTERN if one_line else _NO_NUL_PATTERN)]
    _TEXT_TWINS.append((exact, twin))
    return exact


# Text, by the kind of field it is.
Name = _text(NAME_MAX, one_line=True, required=True)  # a worker's or coach's name
Label = _text(NAME_MAX, one_line=True)  # role, unit, office, county, co-observer
PlaceName = _text(NAME_MAX, one_line=True, required=True)  # an assessed office or its county
CaseReference = _text(CASE_REFERENCE_MAX, one_line=True)
Note = _text(NOTE_MAX)  # strengths, growth areas, next steps
GoalText = _text(NOTE_MAX, required=True)
Evidence = _text(EVIDENCE_MAX)  # a rating's evidence note
Reason = _text(EVIDENCE_MAX, required=True)  # why a finalized observation is amended
InstrumentId = Annotated[str, StringConstraints(max_length=ID_MAX, pattern=INSTRUMENT_ID)]
BehaviorId = Annotated[str, StringConstraints(max_length=ID_MAX, pattern=ITEM_ID)]
ContentHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
PairCode = Annotated[str, StringConstraints(pattern=rf"^[{ALPHABET}]{{{LENGTH}}}$")]
Slug = Annotated[str, StringConstraints(max_length=ID_MAX, pattern=r"^[a-z][a-z0-9_]*$")]

# Numbers and times.
Int4 = Annotated[int, Field(ge=INT4_MIN, le=INT4_MAX)]
Revision = Annotated[int, Field(ge=1, le=INT4_MAX)]
InstrumentVersion = Annotated[int, Field(ge=1, le=INT4_MAX)]
Time = Annotated[AwareDatetime, AfterValidator(_in_utc)]
Day = Annotated[date, AfterValidator(_sane_day)]

_SYNCED: dict[str, Any] = {"id": uuid.UUID, "created_at": Time, "updated_at": Time,
                           "revision": Revision, "device_id": uuid.UUID, "deleted_at": Time}
# Every column of every record a bundle carries, by table: the bundle reader refuses a table
# or column missing here, so a new column cannot arrive unchecked. Nullable columns accept None
# as well (the reader takes that from the table).
RECORD_RULES: dict[str, dict[str, Any]] = {
    "coach": {**_SYNCED, "name": Name, "role": Label, "county": Label, "office": Label},
    "worker": {**_SYNCED, "name": Name, "role": Label, "unit": Label, "office": Label,
               "county": Label, "active": bool},
    "observation": {
        **_SYNCED, "worker_id": uuid.UUID, "coach_id": uuid.UUID, "instrument_id": InstrumentId,
        "instrument_version": InstrumentVersion, "instrument_hash": ContentHash,
        "setting": one_of(Setting), "started_at": Time, "ended_at": Time,
        "case_reference": CaseReference, "co_observer": Label, "pair_code": PairCode,
        "casework_component": one_of(CaseworkComponent),
        "office": PlaceName, "county": PlaceName,
        "implementation_stage": one_of(ImplementationStage),
        "status": one_of(ObservationStatus), "finalized_at": Time, "strengths": Note,
        "growth_areas": Note, "next_steps": Note},
    "observation_amendment": {**_SYNCED, "observation_id": uuid.UUID, "reason": Reason,
                              "opened_at": Time, "closed_at": Time},
    "rating": {**_SYNCED, "observation_id": uuid.UUID, "behavior_id": BehaviorId,
               "value": Int4, "note": Evidence},
    "goal": {**_SYNCED, "worker_id": uuid.UUID, "observation_id": uuid.UUID,
             "behavior_ids": Annotated[list[BehaviorId], Field(max_length=GOAL_BEHAVIORS_MAX)],
             "text": GoalText, "due_date": Day, "status": one_of(GoalStatus)},
}
SYNCED_KINDS = tuple(RECORD_RULES)
RECORD_RULES["audit_log"] = {
    "id": uuid.UUID, "at": Time, "device_id": uuid.UUID, "coach_id": uuid.UUID,
    "entity": Literal.__getitem__(SYNCED_KINDS), "entity_id": uuid.UUID, "action": Slug,
    "fields": Annotated[list[Slug], Field(max_length=AUDIT_FIELDS_MAX)], "revision": Revision,
}


class _AwareBetween:
    """A time with a UTC offset between two bounds (compared in UTC), checked by pydantic-core
    alone; the caller converts it to UTC (prechecked_time_columns)."""

    def __init__(self, earliest: datetime, latest: datetime) -> None:
        self.earliest, self.latest = earliest, latest

    def __get_pydantic_core_schema__(self, _source: Any, _handler: GetCoreSchemaHandler
                                     ) -> CoreSchema:
        return core_schema.datetime_schema(tz_constraint="aware", ge=self.earliest,
                                           le=self.latest)


def prechecked(rule: Any, latest: datetime) -> Any:
    """A twin of a rule that pydantic-core checks without calling back into Python, for the
    bundle reader's first pass over each record.

    It accepts only values the rule itself accepts: text without the characters the rule
    refuses; times no later than `latest` (the caller passes this computer's clock plus
    FUTURE_SLACK, taken before the check, so never later than the rule's own bound), which the
    caller then converts to UTC as the rule does (within the bounds that cannot overflow).
    Whatever the twin refuses goes through the rule itself, which decides and words the refusal.
    """
    if rule is Time:
        return Annotated[datetime, _AwareBetween(EARLIEST, latest)]
    if rule is Day:
        return Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]
    return next((twin for exact, twin in _TEXT_TWINS if exact is rule), rule)


def is_time(rule: Any) -> bool:
    """True for the time rule (whose prechecked twin leaves the conversion to UTC to its caller)."""
    return rule is Time


def plain_message(error: ErrorDetails) -> str:
    """A validation error in a person's words (the same on the desktop and for a bundle)."""
    limits: dict[str, Any] = dict(error.get("ctx") or {})
    given = error.get("input")
    if error["type"] == "string_too_long" and isinstance(given, str):
        return f"at most {limits['max_length']:,} characters (this has {len(given):,})"
    if error["type"] == "string_too_short" and limits.get("min_length") == 1:
        return "is required"
    if error["type"] == "too_long" and isinstance(given, list):
        return f"at most {limits['max_length']:,} items (this has {len(given):,})"
    return str(error["msg"])
