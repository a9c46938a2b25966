"""Uploads the hub refused from enrolled devices, kept so the laptops page can say why."""

import logging

from cfpm_coach.errors import (
    BusyError,
    CoachError,
    ConstraintError,
    HubError,
    NotFoundError,
    StoreError,
)
from cfpm_coach.hub.service import DeviceView, Hub
from cfpm_coach.storage import account_repo
from cfpm_coach.storage.types import utcnow

log = logging.getLogger(__name__)
MAX_DETAIL = 500


def note(hub: Hub, device: DeviceView, error: CoachError) -> None:
    """Keep a refusal of the device's upload (not a busy hub or an unreachable database: those
    are the hub's, and the laptop sends the same bundle again)."""
    if isinstance(error, BusyError) or (isinstance(error, StoreError)
                                        and not isinstance(error, ConstraintError)):
        return
    status = error.status if isinstance(error, HubError) else 404 if isinstance(
        error, NotFoundError) else 422
    try:
        with hub.store.write() as session:
            account_repo.add_refusal(session=session, hub_device_id=device.id, http_status=status,
                                     error=type(error).__name__, detail=str(error)[:MAX_DETAIL],
                                     now=utcnow())
    except CoachError as exc:  # the refusal itself still reaches the laptop
        log.warning("refusal of device %s not kept: %s", device.id, type(exc).__name__)
