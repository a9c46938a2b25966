"""The ownership checks of a merge (domain/ownership.py), with the stored rows they need.

Run before the merge writes anything: the first record the sender may not write refuses the
whole bundle with a sentence naming the file, record and field.
"""

import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from cfpm_coach.domain.ownership import (
    COACH_FIELDS,
    MAX_CLOCK_AHEAD,
    MAX_REVISION_STEP,
    PARENT_OWNED,
    Sender,
    audit_refusal,
    foreign_reference,
    record_refusal,
    where,
)
from cfpm_coach.errors import BundleError, OwnershipError
from cfpm_coach.storage.existing_rows import ExistingRows

NOTHING_CHANGED = " Nothing was imported."
MISSING = ("The bundle refers to records this store does not have (import the earlier bundles "
           "first, or ask for a --full export); nothing was changed")
AUDIT_TABLE = "audit_log"


def _refuse(reason: str | None) -> None:
    if reason is not None:
        raise OwnershipError(reason.rstrip(".") + "." + NOTHING_CHANGED)


class OwnershipCheck:
    """Everything one bundle claims, checked against the sender and the rows already stored.

    A bundle of 10k observations holds ~300k records: each is first tested the cheap way (ids as
    ints, references by distinct id); only a doubtful one goes through the rule's own function,
    which decides and words the refusal.
    """

    def __init__(self, existing: ExistingRows, tables: dict[str, type[Any]], sender: Sender,
                 now: datetime, records: dict[str, list[dict[str, Any]]]) -> None:
        self.existing, self.tables, self.sender, self.now = existing, tables, sender, now
        self.device = sender.device_id.int
        self.in_bundle: dict[str, set[int]] = {
            name: {r["id"].int for r in records.get(name, [])} for name in tables}

    def referenced(self, records: dict[str, list[dict[str, Any]]]) -> dict[str, set[int]]:
        """The ids (UUIDs' ints) outside the bundle whose owners the checks will ask for, by
        table: read with the bundle's own ids, so each table is queried once."""
        wanted: dict[str, set[int]] = {name: set() for name in self.tables}
        named = [(name, target, field) for name, (target, field) in PARENT_OWNED.items()]
        named += [(name, "coach", field) for name, field in COACH_FIELDS.items()]
        for name, target, field in named:
            wanted[target].update(r[field].int for r in records.get(name, [])
                                  if r[field] is not None)
        for entry in records.get(AUDIT_TABLE, []):
            if entry["entity"] in wanted:
                wanted[entry["entity"]].add(entry["entity_id"].int)
        if self.sender.coach_id is not None:
            wanted["coach"].add(self.sender.coach_id.int)
        return {name: ids - self.in_bundle[name] for name, ids in wanted.items()}

    def records(self, name: str, rows: list[dict[str, Any]],
                stored: dict[int, dict[str, Any]]) -> None:
        """Every record is the sender's, new or already the sender's, and within the bounds."""
        limit = self.now + MAX_CLOCK_AHEAD
        for number, record in enumerate(rows, start=1):
            current = stored.get(record["id"].int) if stored else None
            if (current is not None or record["device_id"].int != self.device
                    or record["revision"] > MAX_REVISION_STEP or record["updated_at"] > limit):
                _refuse(record_refusal(name, number, record, current, self.sender, self.now))

    def _owned(self, target: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """Owner of each id: the sender for rows in this bundle, else the stored row's device."""
        inside = self.in_bundle[target]
        owned = {i: self.sender.device_id for i in ids if i.int in inside}
        missing = sorted({i for i in ids if i not in owned})
        return {**owned, **self.existing.owners(target, missing)}

    def _references(self, name: str, named: Iterable[tuple[int, Any]], field: str, target: str
                    ) -> None:
        """Each (record number, id) names a row of target that the sender owns."""
        first: dict[int, tuple[int, uuid.UUID]] = {}
        for number, ref in named:
            if ref is not None and ref.int not in first:
                first[ref.int] = (number, ref)
        inside = self.in_bundle[target]
        outside = sorted(pair for key, pair in first.items() if key not in inside)
        if not outside:
            return
        owner = self.existing.owners(target, [ref for _n, ref in outside])
        for number, ref in outside:
            if ref not in owner:
                raise BundleError(f"{where(name, number, field)}: {target} {ref} is not in the "
                                  f"bundle or in this store. {MISSING}")
            _refuse(foreign_reference(name, number, field, target, ref, owner[ref],
                                      self.sender))

    def references(self, records: dict[str, list[dict[str, Any]]]) -> None:
        """Ratings and amendments only on the sender's observations; only the sender's coaches."""
        for name, (target, field) in PARENT_OWNED.items():
            self._references(name, _numbered(records.get(name, []), field), field, target)
        for name, field in COACH_FIELDS.items():
            self._references(name, _numbered(records.get(name, []), field), field, "coach")

    def audit(self, entries: list[dict[str, Any]]) -> None:
        """Audit entries only of the sender's own changes to the sender's own records."""
        known = set(self.tables)
        by_entity: dict[str, list[tuple[int, Any]]] = {}
        for number, entry in enumerate(entries, start=1):
            if entry["device_id"].int != self.device or entry["entity"] not in known:
                _refuse(audit_refusal(number, entry, self.sender, known))
            by_entity.setdefault(entry["entity"], []).append((number, entry["entity_id"]))
        for entity in sorted(by_entity):
            self._references("audit_log", by_entity[entity], "entity_id", entity)

    def manifest_coach(self) -> None:
        """The coach the manifest names was created by the sender."""
        coach = self.sender.coach_id
        if coach is None:
            return
        owner = self._owned("coach", [coach]).get(coach)
        if owner is None:
            raise BundleError(f"manifest.json, field coach_id: coach {coach} is not in the bundle "
                              f"or in this store. {MISSING}")
        if owner != self.sender.device_id:
            raise OwnershipError(
                f"manifest.json, field coach_id: coach {coach} was not created by device "
                f"{str(self.sender.device_id)[:8]}; a bundle names only its own coach."
                + NOTHING_CHANGED)


def _numbered(rows: list[dict[str, Any]], field: str) -> Iterator[tuple[int, Any]]:
    return ((number, row[field]) for number, row in enumerate(rows, start=1))
