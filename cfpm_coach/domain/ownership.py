"""Who may write what: a record belongs to the device (and coach) that created it.

Pure rules over plain record dicts; every merge (a laptop's import and the hub) applies them
before it writes anything. A sender is the laptop that signed the bundle.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# How far one bundle may move a record's revision past the stored one (or past 0 for a new
# record). A coach would have to save one record 100,000 times between two syncs to reach it,
# and 2**62 stays out of reach for 46 billion bundles: no single bundle makes a record unbeatable.
MAX_REVISION_STEP = 100_000
# How far ahead of the receiver's clock a record's updated_at may be. Laptop clocks drift by
# minutes; a day covers a wrong time zone setting, and a far-future time would win every tie.
MAX_CLOCK_AHEAD = timedelta(days=1)
# Records whose content is part of their parent observation: only the observation's owner adds
# them (a rating on someone else's observation changes that observation's fidelity).
PARENT_OWNED: dict[str, tuple[str, str]] = {
    "rating": ("observation", "observation_id"),
    "observation_amendment": ("observation", "observation_id"),
}
# Fields naming a coach: only a coach the sender created may be named.
COACH_FIELDS: dict[str, str] = {"observation": "coach_id", "audit_log": "coach_id"}


@dataclass(frozen=True)
class Sender:
    """The laptop a bundle comes from (its signing device) and the coach it names."""

    device_id: uuid.UUID
    coach_id: uuid.UUID | None


def where(table: str, number: int, field: str) -> str:
    """The place of a field in a bundle, as messages name it."""
    return f"data/{table}.jsonl, record {number}, field {field}"


def short(value: object) -> str:
    """A device or record id, shortened for a sentence (the full id is in the hub's log)."""
    return str(value)[:8]


def record_refusal(table: str, number: int, record: dict[str, Any],
                   stored: dict[str, Any] | None, sender: Sender, now: datetime) -> str | None:
    """Why this sender may not write this record (None: it may)."""
    if record["device_id"] != sender.device_id:
        return (f"{where(table, number, 'device_id')}: the record names device "
                f"{short(record['device_id'])}, but the bundle comes from device "
                f"{short(sender.device_id)}; a device sends only the records it created")
    if stored is not None and stored["device_id"] != sender.device_id:
        return (f"{where(table, number, 'id')}: {table} {record['id']} belongs to device "
                f"{short(stored['device_id'])}; only that device can change or delete it")
    base = int(stored["revision"]) if stored is not None else 0
    if int(record["revision"]) - base > MAX_REVISION_STEP:
        return (f"{where(table, number, 'revision')}: {record['revision']} is more than "
                f"{MAX_REVISION_STEP} past the stored revision {base}")
    if record["updated_at"] > now + MAX_CLOCK_AHEAD:
        return (f"{where(table, number, 'updated_at')}: {record['updated_at'].isoformat()} is "
                f"more than a day ahead of this computer's clock; check the laptop's date")
    return None


def foreign_reference(table: str, number: int, field: str, target: str, target_id: object,
                      owner: uuid.UUID | None, sender: Sender) -> str | None:
    """Why a record may not point at this row (None: the sender owns it)."""
    if owner is None or owner == sender.device_id:
        return None  # a row the receiver lacks is a missing parent, not another's
    return (f"{where(table, number, field)}: {target} {target_id} belongs to device "
            f"{short(owner)}; a device cannot add to or act as another device's {target}")


def audit_refusal(number: int, entry: dict[str, Any], sender: Sender, tables: set[str]
                  ) -> str | None:
    """Why an audit entry may not come from this sender, before its record is looked up."""
    if entry["device_id"] != sender.device_id:
        return (f"{where('audit_log', number, 'device_id')}: the entry names device "
                f"{short(entry['device_id'])}, but the bundle comes from device "
                f"{short(sender.device_id)}; a device reports only its own changes")
    if entry["entity"] not in tables:
        return (f"{where('audit_log', number, 'entity')}: {entry['entity']!r} is not a record "
                "type that travels in bundles")
    return None
