"""One checked bundle accepted at the hub: its sender bound, its records merged, its receipt kept,
all in one write transaction; a repeat of the same bundle answers with the first receipt."""

import hmac
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.ownership import Sender
from cfpm_coach.errors import ConstraintError, OwnershipError, ReplayError
from cfpm_coach.services.bundle_import import (
    check_manifest,
    manifest_sender,
    merge_records,
    refused_for_missing_parents,
)
from cfpm_coach.storage import hub_repo
from cfpm_coach.storage.store import Store
from cfpm_coach.storage.types import utcnow
from cfpm_coach.sync import bundle

log = logging.getLogger(__name__)


class Binding(Protocol):
    """What the hub knows of an enrolled device when its token is checked."""

    @property
    def id(self) -> uuid.UUID:
        """The device's id at the hub."""

    @property
    def laptop_device_id(self) -> uuid.UUID | None:
        """The laptop it is bound to (None until its first bundle when enrolled without)."""

    @property
    def coach_id(self) -> uuid.UUID | None:
        """The coach it writes for (None until its first bundle naming one)."""


@dataclass(frozen=True)
class Delivery:
    """The hub's answer to one upload: the receipt, and whether this request stored it."""

    receipt: dict[str, Any]
    created: bool


def accept(store: Store, catalog: InstrumentCatalog, device: Binding,
           opened: bundle.OpenedBundle, size: int) -> Delivery:
    """Merge a bundle opened and verified as coming from this enrolled device.

    The earlier receipt is looked up inside the write transaction itself: a separate read
    before it cost one more transaction per upload, and the unique key on (device, bundle id)
    decides anyway when the same bundle arrives twice at once. These receipts are the hub's
    journal of bundles, so the desktop's bundle_log is neither read nor written here.
    """
    bundle_id = uuid.UUID(opened.manifest.bundle_id)
    try:
        with store.write() as session:
            prior = _prior(session, device.id, bundle_id, opened.sha256)
            if prior is not None:
                return Delivery(prior, False)
            sender = _sender(session, device, opened)
            merged = merge_records(session, opened, sender, catalog)
            receipt = {**merged.as_dict(), "duplicate": False,
                       "received_at": utcnow().isoformat(), "hub_device_id": str(device.id)}
            hub_repo.record_upload(session=session, device_id=device.id, bundle_id=bundle_id,
                                   sha256=opened.sha256, size=size, receipt=receipt)
    except ConstraintError as exc:
        # Either the same bundle arrived twice at once (the other request stored it: answer
        # with its receipt) or its records point at rows the hub lacks.
        with store.read() as session:
            prior = _prior(session, device.id, bundle_id, opened.sha256)
        if prior is not None:
            return Delivery(prior, False)
        raise refused_for_missing_parents() from exc
    log.info("bundle %s received from device %s", bundle_id, device.id)
    return Delivery(receipt, True)


def _sender(session: Any, device: Binding, opened: bundle.OpenedBundle) -> Sender:
    """The laptop and coach this enrolled device is bound to, checked against the manifest.

    A device enrolled before laptop ids were bound, or without --device-id, is bound by its
    first accepted bundle, unless another enrollment holds that laptop id; its coach is
    bound by the first accepted bundle naming one (merge checks the device created it).
    Once both are bound they never change (a re-enrollment keeps them), so the binding read
    with the device's token serves, and the device row is read again only to bind it.
    """
    if device.laptop_device_id is not None and device.coach_id is not None:
        sender = Sender(device.laptop_device_id, device.coach_id)
        check_manifest(opened, sender)
        return sender
    claimed = manifest_sender(opened)
    row = hub_repo.device(session=session, device_id=device.id)
    if row.laptop_device_id is None:
        holder = hub_repo.device_by_laptop(session=session, laptop_device_id=claimed.device_id)
        if holder is not None and holder.id != row.id:
            raise OwnershipError(
                f"manifest.json, field device_id: laptop {claimed.device_id} is enrolled "
                f"at the hub as another device ({str(holder.id)[:8]}); refused.")
        row.laptop_device_id = claimed.device_id
    if row.coach_id is None:
        row.coach_id = claimed.coach_id
    session.add(row)
    session.flush()  # bound before the upload is counted, by an UPDATE of the same row
    sender = Sender(row.laptop_device_id, row.coach_id)
    check_manifest(opened, sender)
    return sender


def _prior(session: Any, device_id: uuid.UUID, bundle_id: uuid.UUID, sha256: str
           ) -> dict[str, Any] | None:
    """The receipt of this device's bundle if it was accepted before (refused if its bytes
    differ)."""
    prior = hub_repo.upload(session=session, device_id=device_id, bundle_id=bundle_id)
    if prior is None:
        return None
    if not hmac.compare_digest(prior.sha256, sha256):
        raise ReplayError(f"Bundle {bundle_id} was received before with other content: "
                          "this copy is refused")
    return {**dict(prior.receipt), "duplicate": True}
