"""Join the team: send this laptop's public key with the invitation code, keep what comes back.

What the hub answers (the device token, and the team's key the bundles are sealed to) goes where
Sync settings keeps it, with the address that answered: nothing is copied by hand.
"""

import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cfpm_coach.errors import DeliveryError
from cfpm_coach.sync import keys
from cfpm_coach.sync.join import read_invitation, request_join

if TYPE_CHECKING:
    from cfpm_coach.services.sync import SyncSettings
    from cfpm_coach.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JoinResult:
    """What joining set up, for a sentence to the coach."""

    hub_url: str
    coach_name: str
    hub_device_id: str
    settings: "SyncSettings"


def join_team(ws: "Workspace", text: str, hub_address: str = "") -> JoinResult:
    """Join the hub named by the code or link (and the address field); sync goes there after."""
    invitation = read_invitation(text, hub_address)
    answer = request_join(invitation, ws.exchange.device_public_key(), ws.author.device_id)
    try:
        keys.load_recipient(answer.team_recipient)
    except Exception as exc:
        raise DeliveryError("The hub answered with a team key that is not one; sync settings "
                            "were not changed. Tell the central team.") from exc
    current = ws.sync.settings()
    saved = ws.sync.save_settings(dataclasses.replace(
        current, hub_url=invitation.hub_url, token=answer.device_token, folder="",
        recipient=answer.team_recipient))
    log.info("joined the hub as device %s", answer.hub_device_id)
    return JoinResult(saved.hub_url, answer.coach_name, answer.hub_device_id, saved)
