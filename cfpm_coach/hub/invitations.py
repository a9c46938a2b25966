"""Invitations: an admin invites a coach; the coach's laptop joins with the one-time code.

The code is 60 random bits (domain.invitation_code), shown once and kept only as its SHA-256.
Joining enrolls the laptop's key under the same rules as `hub enroll` and claims the invitation
in the same transaction, so a code enrolls at most one laptop; every refusal changes nothing.
"""

import hashlib
import hmac
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from cfpm_coach.domain import invitation_code
from cfpm_coach.errors import HubError, InvalidInputError, NotFoundError
from cfpm_coach.storage import invitation_repo
from cfpm_coach.storage.types import utcnow
from cfpm_coach.sync import keys
from cfpm_coach.sync.hub_address import check_hub_url

if TYPE_CHECKING:
    from cfpm_coach.hub.service import Hub

log = logging.getLogger(__name__)
DEFAULT_LIFETIME = timedelta(days=7)
LONGEST_LIFETIME = timedelta(days=90)
LINK_SCHEME = "cfpm-coach"


class InvitationGoneError(HubError):
    """The code was an invitation, but it was used, withdrawn or has expired."""

    status = 410


class UnknownInvitationError(HubError):
    """No invitation has this code."""

    status = 404


@dataclass(frozen=True)
class Invitation:
    """A new invitation: its code is shown once, here, and never stored."""

    id: uuid.UUID
    code: str
    coach_name: str
    office: str | None
    hub_url: str | None
    expires_at: datetime

    @property
    def display_code(self) -> str:
        """XXXX-XXXX-XXXX, as a person reads it out."""
        return invitation_code.grouped(self.code)

    @property
    def link(self) -> str | None:
        """cfpm-coach://join?hub=...&code=... (None when the hub's address was not given)."""
        return join_link(self.hub_url, self.display_code) if self.hub_url else None

    @property
    def web_link(self) -> str | None:
        """The same as an https link; the code rides in the #fragment, which browsers and
        proxies never send to a server, so it stays out of access logs."""
        return f"{self.hub_url}/join#code={self.display_code}" if self.hub_url else None


@dataclass(frozen=True)
class Joined:
    """What a laptop receives when its code is accepted."""

    hub_device_id: uuid.UUID
    device_token: str
    coach_name: str
    team_recipient: str
    hub_url: str | None
    publisher_key: str  # signs published instruments; the laptop pins it


def join_link(hub_url: str, display_code: str) -> str:
    """cfpm-coach://join?hub=...&code=...: what the QR code holds."""
    return f"{LINK_SCHEME}://join?" + urlencode({"hub": hub_url, "code": display_code},
                                                quote_via=quote)


def code_digest(code: str) -> str:
    """How a (canonical) code is kept and looked up."""
    return hashlib.sha256(f"cfpm-invitation:{code}".encode()).hexdigest()


def parse_lifetime(text: str) -> timedelta:
    """'7d', '36h', '90m' as a timedelta within 1 minute .. 90 days."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*([dhm])\s*", text.lower())
    if not match:
        raise InvalidInputError(f"expires-in: {text!r} is not a duration; write 7d, 36h or 90m")
    number, unit = int(match.group(1)), match.group(2)
    lifetime = {"d": timedelta(days=number), "h": timedelta(hours=number),
                "m": timedelta(minutes=number)}[unit]
    if not timedelta(minutes=1) <= lifetime <= LONGEST_LIFETIME:
        raise InvalidInputError("expires-in: give between 1 minute and 90 days")
    return lifetime


def create(hub: "Hub", coach_name: str, *, office: str | None = None,
           lifetime: timedelta = DEFAULT_LIFETIME, hub_url: str | None = None,
           created_by: str | None = None) -> Invitation:
    """A new one-time invitation for a coach (the CLI and the web dashboard call this)."""
    name = coach_name.strip()
    if not name or len(name) > 200:
        raise InvalidInputError("coach: give the coach's name (up to 200 characters)")
    url = check_hub_url(hub_url) if hub_url and hub_url.strip() else None
    if not timedelta(minutes=1) <= lifetime <= LONGEST_LIFETIME:
        raise InvalidInputError("expires-in: give between 1 minute and 90 days")
    code = invitation_code.new_code()
    expires_at = utcnow() + lifetime
    office_text = office.strip() if office and office.strip() else None
    with hub.store.write() as session:
        row = invitation_repo.add(session=session, code_sha256=code_digest(code),
                                  coach_name=name, expires_at=expires_at, office=office_text,
                                  hub_url=url, created_by=created_by)
        invitation_id = row.id
    log.info("invitation %s created", invitation_id)
    return Invitation(invitation_id, code, name, office_text, url, expires_at)


def join(hub: "Hub", code_text: str, public_key: str, device_id: uuid.UUID) -> Joined:
    """Enroll a laptop with an invitation's code; refusals (unknown, used, expired code; a key or
    laptop enrolled already) leave the hub as it was."""
    code = invitation_code.normalize(code_text)
    if code is None:
        raise UnknownInvitationError("code: this is not an invitation code (12 letters and "
                                     "digits, such as ABCD-EFGH-JK12)")
    try:
        keys.public_from_text(public_key)
    except Exception:
        raise InvalidInputError("device_public_key: this is not a laptop's public signing "
                                "key") from None
    digest = code_digest(code)
    with hub.store.write() as session:
        found = invitation_repo.by_code(session=session, code_sha256=digest)
        # Found by its hash through an index; compared again in constant time so no answer
        # depends on how much of a guess matched.
        if found is None or not hmac.compare_digest(found.code_sha256, digest):
            raise UnknownInvitationError("code: no invitation has this code; check it with "
                                         "the central team")
        if found.used_at is not None:
            raise InvitationGoneError("code: this invitation was used already; ask the central "
                                      "team for a new one")
        if found.cancelled_at is not None:
            raise InvitationGoneError("code: this invitation was withdrawn; ask the central "
                                      "team for a new one")
        if found.expires_at <= utcnow():
            raise InvitationGoneError(f"code: this invitation expired on "
                                      f"{found.expires_at:%Y-%m-%d %H:%M} UTC; ask the central "
                                      "team for a new one")
        enrollment = hub.enroll_in(session, public_key.strip(), found.coach_name, device_id)
        if not invitation_repo.claim(session=session, invitation_id=found.id,
                                     device_id=enrollment.device.id):
            raise InvitationGoneError("code: this invitation was used already; ask the central "
                                      "team for a new one")
        joined = Joined(enrollment.device.id, enrollment.token, found.coach_name,
                        hub.recipient, found.hub_url, hub.publisher_public_key)
    log.info("device %s joined with invitation %s", joined.hub_device_id, found.id)
    return joined


def cancel(hub: "Hub", invitation_id: str) -> None:
    """Withdraw an unused invitation by its id (or an unambiguous start of it)."""
    wanted = invitation_id.lower().replace("-", "")
    with hub.store.write() as session:
        matches = [i for i in invitation_repo.invitations(session=session)
                   if i.id.hex.startswith(wanted)]
        if len(matches) != 1 or not wanted:
            raise NotFoundError(f"No single invitation {invitation_id!r}")
        if not invitation_repo.cancel(session=session, invitation_id=matches[0].id):
            raise InvalidInputError("This invitation was used or withdrawn already")


@dataclass(frozen=True)
class InvitationView:
    """An invitation as the operator sees it later (never its code)."""

    id: uuid.UUID
    coach_name: str
    office: str | None
    created_at: datetime
    expires_at: datetime
    state: str  # open, used, expired, withdrawn
    hub_device_id: uuid.UUID | None
    created_by: str | None = None  # the account id of the admin who made it in the browser


def listing(hub: "Hub") -> list[InvitationView]:
    """Every invitation, newest first, with what became of it."""
    now = utcnow()
    with hub.store.read() as session:
        rows = invitation_repo.invitations(session=session)
        return [InvitationView(
            r.id, r.coach_name, r.office, r.created_at, r.expires_at,
            "used" if r.used_at else "withdrawn" if r.cancelled_at else
            "expired" if r.expires_at <= now else "open", r.hub_device_id, r.created_by)
            for r in rows]


FOLDER_INVITATION_KIND = "cfpm-coach-folder-invitation"
FOLDER_INVITATION_SUFFIX = ".cfpm-invitation"


def write_folder_invitation(hub: "Hub", invitation: Invitation, shared_folder: str,
                            out: Path | None = None) -> Path:
    """The invitation as a file for the shared-folder route: the team's public key, the shared
    folder, and the one-time code the laptop's join request carries. It holds a secret until
    used: hand it to the coach, do not leave it where others read (docs/security.md)."""
    import json

    from cfpm_coach.storage import files

    target = out or Path.cwd() / (f"invitation-{invitation.id.hex[:8]}"
                                  f"{FOLDER_INVITATION_SUFFIX}")
    body = {"kind": FOLDER_INVITATION_KIND, "version": 1, "code": invitation.display_code,
            "coach": invitation.coach_name, "expires_at": invitation.expires_at.isoformat(),
            "team_recipient": hub.recipient, "publisher_key": hub.publisher_public_key,
            "folder": shared_folder,
            "hub_url": invitation.hub_url}
    files.write_atomic(target, (json.dumps(body, indent=2) + "\n").encode("utf-8"))
    return target


def qr_text(link: str) -> str:
    """The link's QR code in block characters, for a terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(link, error="m", micro=False).terminal(out=out, compact=True)
    return out.getvalue()


def qr_svg(link: str) -> str:
    """The link's QR code as an SVG document (for a web page: no script, no outside reference)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="svg", scale=6, border=4,
                                                   xmldecl=False)
    return out.getvalue().decode("utf-8")


def qr_png(link: str) -> bytes:
    """The link's QR code as PNG bytes (to download from the dashboard)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    return out.getvalue()


def save_qr(link: str, path: Path) -> Path:
    """Write the link's QR code as .png or .svg."""
    import segno

    if path.suffix.lower() not in (".png", ".svg"):
        raise InvalidInputError(f"qr: {path.name} should end in .png or .svg")
    segno.make(link, error="m", micro=False).save(str(path), scale=8, border=4)
    return path
