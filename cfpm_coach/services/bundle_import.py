"""Merge an opened bundle into a store: the one import path of the desktop and the hub."""

import logging
import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from cfpm_coach.domain.ownership import Sender, short
from cfpm_coach.errors import BundleError, OwnershipError, ReplayError
from cfpm_coach.services.record_checks import check_records
from cfpm_coach.storage import exchange_repo, merge_repo
from cfpm_coach.sync.bundle import OpenedBundle

if TYPE_CHECKING:
    from sqlmodel import Session

    from cfpm_coach.domain.catalog import InstrumentCatalog

log = logging.getLogger(__name__)
MISSING_PARENTS = ("The bundle refers to records this store does not have (import the earlier "
                   "bundles first, or ask for a --full export); nothing was changed")


@dataclass(frozen=True)
class Receipt:
    """What an import did (or would have done: a duplicate changes nothing)."""

    bundle_id: str
    duplicate: bool
    tables: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def _uuid_field(field: str, value: str | None) -> uuid.UUID | None:
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BundleError(f"manifest.json, field {field}: {value[:40]!r} is not a UUID") from None


def manifest_sender(opened: OpenedBundle) -> Sender:
    """The device and coach a bundle's manifest names (who the signer says it is)."""
    device = _uuid_field("device_id", opened.manifest.device_id)
    assert device is not None
    return Sender(device, _uuid_field("coach_id", opened.manifest.coach_id))


def check_manifest(opened: OpenedBundle, sender: Sender) -> None:
    """Refuse a manifest that names another device or coach than the sender."""
    claimed = manifest_sender(opened)
    if claimed.device_id != sender.device_id:
        raise OwnershipError(
            f"manifest.json, field device_id: the bundle names device {short(claimed.device_id)}, "
            f"but it comes from device {short(sender.device_id)}. Nothing was imported.")
    if claimed.coach_id != sender.coach_id:
        raise OwnershipError(
            f"manifest.json, field coach_id: the bundle names coach {claimed.coach_id}, but "
            f"device {short(sender.device_id)} writes for coach {sender.coach_id}. "
            "Nothing was imported.")


def merge_opened(session: "Session", opened: OpenedBundle, sender: Sender,
                 catalog: "InstrumentCatalog") -> Receipt:
    """Merge a checked bundle from sender inside the caller's transaction; a repeat of the same
    bytes is a no-op (the store's bundle journal). Only the sender's own records are accepted
    (domain/ownership.py)."""
    check_manifest(opened, sender)
    bundle_id = uuid.UUID(opened.manifest.bundle_id)
    seen = exchange_repo.bundle_seen(session=session, bundle_id=bundle_id,
                                     device_id=sender.device_id)
    if seen is not None:
        if (seen.receipt or {}).get("sha256") != opened.sha256:
            raise ReplayError(f"Bundle {bundle_id} was imported before with other content: "
                              "this copy is refused")
        tables = (seen.receipt or {}).get("tables", {})
        return Receipt(str(bundle_id), True, {
            t: {"inserted": 0, "updated": 0, "unchanged": sum(c.values()), "conflicts": 0}
            for t, c in tables.items()})
    receipt = merge_records(session, opened, sender, catalog)
    exchange_repo.log_bundle(
        session=session, bundle_id=bundle_id, device_id=sender.device_id, direction="import",
        high_water=0,
        record_count=sum(len(r) for r in opened.records.values()), status="imported",
        receipt={"sha256": opened.sha256, "tables": receipt.tables})
    session.flush()
    return receipt


def merge_records(session: "Session", opened: OpenedBundle, sender: Sender,
                  catalog: "InstrumentCatalog") -> Receipt:
    """Check and merge a bundle's records inside the caller's transaction, keeping no journal
    of it: for a caller that keeps its own (the hub's receipts per enrolled device)."""
    check_manifest(opened, sender)
    check_records(session, catalog, opened.records)  # what needs this store and its instruments
    bundle_id = uuid.UUID(opened.manifest.bundle_id)
    result = merge_repo.merge(session, bundle_id, opened.records, sender=sender)
    log.info("bundle %s merged", bundle_id)
    return Receipt(str(bundle_id), False, {t: asdict(c) for t, c in result.tables.items()})


def refused_for_missing_parents() -> BundleError:
    """The error a merge raises when the bundle's records point at rows the store lacks."""
    return BundleError(MISSING_PARENTS)
