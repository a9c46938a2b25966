"""Join the team: send this laptop's public key with the invitation code, keep what comes back.

What the hub answers (the device token, and the team's key the bundles are sealed to) goes where
Sync settings keeps it, with the address that answered: nothing is copied by hand.
"""

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.errors import QT_TRANSLATE_NOOP, DeliveryError, Wording, worded
from cfpm_coach.sync import keys
from cfpm_coach.sync.join import (
    read_folder_invitation,
    read_invitation,
    request_join,
    write_join_request,
)

if TYPE_CHECKING:
    from cfpm_coach.services.exchange import ExchangeService
    from cfpm_coach.services.sync import SyncService, SyncSettings
    from cfpm_coach.storage.records import Author

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JoinResult:
    """What joining set up, for a sentence to the coach."""

    destination: str  # the hub's address, or the shared folder
    coach_name: str
    hub_device_id: str
    settings: "SyncSettings"


def _publisher_key(text: str) -> str:
    """The hub's publisher key from its answer ("" from an older hub), or DeliveryError."""
    if not text:
        return ""
    try:
        keys.public_from_text(text)
    except Exception as exc:
        raise DeliveryError("The hub answered with a publisher key that is not one; sync "
                            "settings were not changed. Tell the central team.") from exc
    return text.strip()


class JoiningService:
    """Joining a team: by an invitation code or link to a hub, or a shared folder's file."""

    def __init__(self, exchange: "ExchangeService", sync: "SyncService", author: "Author"
                 ) -> None:
        self._exchange = exchange
        self._sync = sync
        self._author = author

    def join_team(self, text: str, hub_address: str = "") -> JoinResult:
        """Join the hub named by the code or link (and the address field); sync goes there after."""
        invitation = read_invitation(text, hub_address)
        answer = request_join(invitation, self._exchange.device_public_key(), self._author.device_id)
        try:
            keys.load_recipient(answer.team_recipient)
        except Exception as exc:
            raise DeliveryError("The hub answered with a team key that is not one; sync settings "
                                "were not changed. Tell the central team.") from exc
        publisher = _publisher_key(answer.publisher_key)
        current = self._sync.settings()
        saved = self._sync.save_settings(dataclasses.replace(
            current, hub_url=invitation.hub_url, token=answer.device_token, folder="",
            recipient=answer.team_recipient))
        self._sync.pin_publisher_key(publisher)
        log.info("joined the hub as device %s", answer.hub_device_id)
        return JoinResult(saved.hub_url, answer.coach_name, answer.hub_device_id, saved)


    def join_by_file(self, invitation_file: Path, folder: str = "") -> JoinResult:
        """The shared-folder route: the team's key and the folder from the invitation file, and a
        join request left in the folder for the hub (its next ingest enrolls this laptop)."""
        invitation = read_folder_invitation(invitation_file)
        chosen = folder.strip() or invitation.folder
        if not chosen:
            raise worded(DeliveryError, Wording("sync", QT_TRANSLATE_NOOP(
                "sync", "Shared folder: the invitation file names none; choose the shared folder "
                "the central team told you about")))
        where = Path(chosen).expanduser()
        if not where.is_dir():
            raise worded(DeliveryError, Wording("sync", QT_TRANSLATE_NOOP(
                "sync", "Shared folder: %1 is not there (is the network drive connected?); "
                "nothing was changed"), (where,)))
        write_join_request(where, invitation.code, self._exchange.device_public_key(),
                           self._author.device_id)
        current = self._sync.settings()
        saved = self._sync.save_settings(dataclasses.replace(
            current, hub_url="", token="", folder=str(where), recipient=invitation.team_recipient))
        self._sync.pin_publisher_key(invitation.publisher_key)
        log.info("join request left in the shared folder")
        return JoinResult(str(where), invitation.coach_name, "", saved)
