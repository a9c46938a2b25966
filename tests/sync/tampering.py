"""Edit the records of a real bundle as an attacker holding the laptop would: change values,
fix the manifest's counts and checksums, re-sign with the laptop's own device key, seal to the
team again. What comes out passes every container check; only record validation can stop it."""

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.sync.conftest import Team, manifest_of, reseal, unseal

Records = dict[str, list[dict[str, Any]]]


def records_of(entries: dict[str, bytes]) -> Records:
    """The bundle's records by table, as plain JSON values."""
    found: Records = {}
    for name, data in entries.items():
        if name.startswith("data/"):
            table = name.removeprefix("data/").removesuffix(".jsonl")
            found[table] = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    return found


def rewrite(sealed: bytes, team: Team, key: Ed25519PrivateKey,
            edit: Callable[[Records], None], manifest_changes: dict[str, Any] | None = None
            ) -> bytes:
    """The bundle with its records edited, under a fresh bundle id, re-signed and re-sealed."""
    entries = unseal(sealed, team)
    records = records_of(entries)
    edit(records)
    manifest = manifest_of(entries)
    files: dict[str, Any] = manifest["files"]  # type: ignore[assignment]
    for table, rows in records.items():
        # ASCII escapes keep a lone surrogate writable; NUL becomes \u0000, as JSON allows.
        data = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode()
        entries[f"data/{table}.jsonl"] = data
        files[table] = {"path": f"data/{table}.jsonl", "records": len(rows), "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {**manifest, "bundle_id": str(uuid.uuid4()), **(manifest_changes or {})}
    return reseal(entries, team, sign_with=key, manifest=manifest)


@dataclass(frozen=True)
class Hostile:
    """One bad value put into one field of one record; `where` is what a refusal must name."""

    table: str
    field: str
    value: Any
    pick: Callable[[dict[str, Any]], bool] = lambda record: True

    def edit(self, records: Records) -> int:
        """Put the value in the first record `pick` chooses; returns its record number."""
        for number, record in enumerate(records[self.table], start=1):
            if self.pick(record):
                record[self.field] = self.value
                return number
        raise AssertionError(f"no {self.table} record to edit")

    def where(self, records: Records) -> str:
        """'data/<table>.jsonl, record N, field F' for these records (before the edit)."""
        number = next(n for n, r in enumerate(records[self.table], start=1) if self.pick(r))
        return f"data/{self.table}.jsonl, record {number}, field {self.field}"

    def __str__(self) -> str:
        shown = repr(self.value)
        return f"{self.table}.{self.field}={shown[:40]}{'...' if len(shown) > 40 else ''}"


def _rated(record: dict[str, Any]) -> bool:
    return record["value"] is not None


# What the attacker stored at the hub, and what answered 500 there (issue 15).
HOSTILE = [
    Hostile("rating", "value", 999, _rated),
    Hostile("rating", "value", -7, _rated),
    Hostile("rating", "value", 2**31, _rated),  # int4 overflow on PostgreSQL
    Hostile("rating", "behavior_id", "ghost.1"),
    Hostile("rating", "note", "x" * 10_000_000),
    Hostile("rating", "note", "evidence\x00and more"),
    Hostile("rating", "revision", -3),
    Hostile("rating", "revision", 2**80),
    Hostile("worker", "name", "Ana \ud800 Reyes"),
    Hostile("worker", "office", "North\nValley"),
    Hostile("worker", "revision", 2**31),
    Hostile("coach", "name", ""),
    Hostile("observation", "instrument_version", 999),
    Hostile("observation", "instrument_hash", "0" * 64),
    Hostile("observation", "instrument_version", 2**31),
    Hostile("observation", "strengths", "s" * 100_001),
    Hostile("observation", "status", "published"),
    Hostile("observation", "setting", "beach"),
    Hostile("observation", "updated_at", "9999-01-01T00:00:00+00:00"),
    Hostile("observation", "started_at", "9999-12-31T23:59:59-05:00"),
    Hostile("observation", "started_at", "0001-01-01T00:00:00+05:00"),
    Hostile("observation", "started_at", "1970-01-01T00:00:00+00:00"),
    Hostile("observation", "pair_code", "not a code"),
    Hostile("observation", "casework_component", "intake"),
    Hostile("observation", "casework_component", ["engagement"]),
    Hostile("goal", "status", "maybe"),
    Hostile("goal", "behavior_ids", ["engagement.1", "ghost.1"]),
    Hostile("goal", "due_date", "9999-01-01"),
    Hostile("audit_log", "revision", 2**31),
    Hostile("audit_log", "entity", "hub_device"),
]
