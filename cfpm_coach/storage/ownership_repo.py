"""The ownership checks of a merge (domain/ownership.py), with the stored rows they need.

Run before the merge writes anything: the first record the sender may not write refuses the
whole bundle with a sentence naming the file, record and field.
"""

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import column as sa_column
from sqlalchemy import select, text
from sqlmodel import Session

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

NOTHING_CHANGED = " Nothing was imported."
MISSING = ("The bundle refers to records this store does not have (import the earlier bundles "
           "first, or ask for a --full export); nothing was changed")


def id_filters(session: Session, column: Any, ids: list[uuid.UUID]) -> list[Any]:
    """WHERE clauses that together select the rows with these ids.

    SQLite gets the ids as one JSON array (json_each): compiling an IN list of 200k bound
    parameters cost more than the lookup itself. Elsewhere the list is cut to what every driver
    takes as bound parameters (PostgreSQL: 65535).
    """
    if session.get_bind().dialect.name == "sqlite":
        listed = text("SELECT value FROM json_each(:ids)").bindparams(
            ids=json.dumps([value.hex for value in ids])).columns(sa_column("value"))
        return [column.in_(listed)]
    return [column.in_(ids[start : start + 20_000]) for start in range(0, len(ids), 20_000)]


def owners(session: Session, table: type[Any], ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """The device owning each of these stored rows (rows not stored are left out)."""
    if not ids:
        return {}
    sa_table = table.__table__
    return {row[0]: row[1]
            for among in id_filters(session, sa_table.c.id, ids)
            for row in session.execute(select(sa_table.c.id, sa_table.c.device_id).where(among))}


def _refuse(reason: str | None) -> None:
    if reason is not None:
        raise OwnershipError(reason.rstrip(".") + "." + NOTHING_CHANGED)


class OwnershipCheck:
    """Everything one bundle claims, checked against the sender and the rows already stored.

    A bundle of 10k observations holds ~300k records: each is first tested the cheap way (ids as
    ints, references by distinct id); only a doubtful one goes through the rule's own function,
    which decides and words the refusal.
    """

    def __init__(self, session: Session, tables: dict[str, type[Any]], sender: Sender,
                 now: datetime) -> None:
        self.session, self.tables, self.sender, self.now = session, tables, sender, now
        self.device = sender.device_id.int
        self.in_bundle: dict[str, set[int]] = {name: set() for name in tables}

    def records(self, name: str, rows: list[dict[str, Any]],
                stored: dict[uuid.UUID, dict[str, Any]]) -> None:
        """Every record is the sender's, new or already the sender's, and within the bounds."""
        limit = self.now + MAX_CLOCK_AHEAD
        for number, record in enumerate(rows, start=1):
            current = stored.get(record["id"]) if stored else None
            if (current is not None or record["device_id"].int != self.device
                    or record["revision"] > MAX_REVISION_STEP or record["updated_at"] > limit):
                _refuse(record_refusal(name, number, record, current, self.sender, self.now))
        self.in_bundle[name].update(r["id"].int for r in rows)

    def _owned(self, target: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """Owner of each id: the sender for rows in this bundle, else the stored row's device."""
        inside = self.in_bundle[target]
        owned = {i: self.sender.device_id for i in ids if i.int in inside}
        missing = sorted({i for i in ids if i not in owned})
        return {**owned, **owners(self.session, self.tables[target], missing)}

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
        owner = owners(self.session, self.tables[target], [ref for _n, ref in outside])
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
