"""Joining the team from the laptop: read the code or link the coach pasted, and ask the hub.

A link is cfpm-coach://join?hub=URL&code=CODE, or the hub's https://HOST/join#code=CODE. Pasted
text may be broken over lines or carry blanks: they are dropped before reading.
"""

import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from cfpm_coach import __version__
from cfpm_coach.domain import invitation_code
from cfpm_coach.errors import (
    QT_TRANSLATE_NOOP,
    DeliveryError,
    InvalidInputError,
    NotAcceptedError,
    Wording,
    worded,
)
from cfpm_coach.sync.hub_address import check_hub_url
from cfpm_coach.sync.transports import refuse_clear_text

log = logging.getLogger(__name__)
JOIN_PATH = "/api/v1/join"
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Invitation:
    """Where to join, and with what code."""

    hub_url: str
    code: str


@dataclass(frozen=True)
class JoinAnswer:
    """What the hub gave this laptop."""

    device_token: str
    team_recipient: str
    coach_name: str
    hub_device_id: str
    publisher_key: str = ""  # "" from a hub made before publisher keys


def _link_parts(text: str) -> tuple[str | None, str | None]:
    """(hub, code) named by a link, or (None, None) when the text is not a link."""
    compact = "".join(text.split())
    lowered = compact.lower()
    if lowered.startswith("cfpm-coach://"):
        parts = urlsplit(compact)
        query = parse_qs(parts.query)
        hubs, codes = query.get("hub", []), query.get("code", [])
        return (hubs[0] if hubs else None), (codes[0] if codes else None)
    if lowered.startswith(("https://", "http://")) and "code=" in lowered:
        base, _, tail = compact.partition("/join")
        codes = parse_qs(urlsplit("x:?" + tail.lstrip("#?")).query).get("code", [])
        return base, (codes[0] if codes else None)
    return None, None


def read_invitation(text: str, hub_address: str) -> Invitation:
    """The hub and the code from what the coach pasted (a code or a link) and the address field.

    A link's hub is used when the address field is empty; when both are given they must agree.
    """
    if not text.strip():
        raise InvalidInputError("Invitation code: paste the code or link the central team sent")
    link_hub, link_code = _link_parts(text)
    code = invitation_code.normalize(link_code if link_code is not None else text)
    if code is None:
        raise InvalidInputError("Invitation code: this is not an invitation code. A code has 12 "
                                "letters and digits, such as ABCD-EFGH-JK12; a link starts with "
                                "cfpm-coach:// or https://")
    typed = hub_address.strip()
    if link_hub and typed and check_hub_url(link_hub) != check_hub_url(typed):
        raise InvalidInputError(f"Hub address: the link is for {check_hub_url(link_hub)}, but "
                                f"the address given is {check_hub_url(typed)}; clear one of them")
    chosen = typed or link_hub
    if not chosen:
        raise InvalidInputError("Hub address: give the hub's address (https://...) that came "
                                "with the code")
    return Invitation(check_hub_url(chosen), code)


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else f"HTTP {response.status_code}"


def _answer(body: Any) -> JoinAnswer:
    fields = ("device_token", "team_recipient", "coach_name", "hub_device_id")
    if not isinstance(body, dict) or not all(isinstance(body.get(f), str) for f in fields):
        raise DeliveryError("The hub's answer to the join was not understood; nothing was "
                            "changed on this laptop")
    publisher = body.get("publisher_key", "")
    if not isinstance(publisher, str):
        raise DeliveryError("The hub's answer to the join was not understood; nothing was "
                            "changed on this laptop")
    token, recipient, coach, device = (str(body[f]) for f in fields)
    return JoinAnswer(token, recipient, coach, device, publisher)


def request_join(invitation: Invitation, public_key: str, device_id: uuid.UUID,
                 timeout: float = 30.0) -> JoinAnswer:
    """POST the code and this laptop's public key; the hub's answer, or a clear refusal."""
    url = invitation.hub_url.rstrip("/")
    refuse_clear_text(url)
    try:
        with httpx.Client(timeout=timeout, headers={
                "User-Agent": f"cfpm-coach/{__version__}"}) as client:
            response = client.post(f"{url}{JOIN_PATH}", json={
                "code": invitation.code, "device_public_key": public_key,
                "device_id": str(device_id)})
    except httpx.HTTPError as exc:
        log.info("join failed: %s", type(exc).__name__)
        raise worded(DeliveryError, Wording("sync", QT_TRANSLATE_NOOP(
            "sync", "The hub at %1 could not be reached (%2); check the address and the "
            "connection, then try again"), (url, type(exc).__name__))) from exc
    if response.status_code >= 500:
        raise worded(DeliveryError, Wording("sync", QT_TRANSLATE_NOOP(
            "sync", "The hub at %1 had a problem (%2); try again later"),
            (url, _detail(response))))
    if response.status_code >= 400:
        raise worded(NotAcceptedError, Wording("sync", QT_TRANSLATE_NOOP(
            "sync", "The hub did not accept the code: %1"), (_detail(response),)))
    if len(response.content) > MAX_ANSWER_BYTES:
        raise DeliveryError("The hub's answer to the join was too large; nothing was changed")
    try:
        return _answer(response.json())
    except ValueError:
        raise DeliveryError("The hub's answer to the join was not understood; nothing was "
                            "changed on this laptop") from None


FOLDER_INVITATION_KIND = "cfpm-coach-folder-invitation"
JOIN_REQUEST_KIND = "cfpm-coach-join-request"
JOIN_REQUEST_SUFFIX = ".cfpm-join"
MAX_INVITATION_FILE_BYTES = 16 * 1024


@dataclass(frozen=True)
class FolderInvitation:
    """What an invitation file for the shared-folder route gives the laptop."""

    code: str
    coach_name: str
    team_recipient: str
    folder: str
    publisher_key: str = ""  # "" in a file from a hub made before publisher keys


def read_folder_invitation(path: Path) -> FolderInvitation:
    """An invitation file `hub invite --folder` wrote; InvalidInputError naming what is wrong."""
    from cfpm_coach.sync import keys

    where = f"Invitation file {path.name}"
    try:
        info = path.stat()
        if not path.is_file() or info.st_size > MAX_INVITATION_FILE_BYTES:
            raise InvalidInputError(f"{where}: not a small regular file; choose the file the "
                                    "central team sent")
        body: Any = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise InvalidInputError(f"{where}: there is no such file") from None
    except (OSError, ValueError, RecursionError):
        raise InvalidInputError(f"{where}: it cannot be read as an invitation") from None
    if not isinstance(body, dict) or body.get("kind") != FOLDER_INVITATION_KIND:
        raise InvalidInputError(f"{where}: this is not a CFPM Coach invitation file")
    code = invitation_code.normalize(str(body.get("code", "")))
    if code is None:
        raise InvalidInputError(f"{where}, field code: not an invitation code")
    recipient = str(body.get("team_recipient", ""))
    try:
        keys.load_recipient(recipient)
    except Exception:
        raise InvalidInputError(f"{where}, field team_recipient: not the team's key") from None
    publisher = body.get("publisher_key") or ""
    try:
        if publisher:
            keys.public_from_text(str(publisher))
    except Exception:
        raise InvalidInputError(f"{where}, field publisher_key: not the hub's publisher "
                                "key") from None
    return FolderInvitation(code, str(body.get("coach", "")), recipient,
                            str(body.get("folder") or ""), str(publisher))


def write_join_request(folder: Path, code: str, public_key: str, device_id: uuid.UUID) -> Path:
    """Leave join-<device id>.cfpm-join in the shared folder for `hub ingest-folder`."""
    from cfpm_coach.storage import files

    target = folder / f"join-{device_id}{JOIN_REQUEST_SUFFIX}"
    body = {"kind": JOIN_REQUEST_KIND, "code": code, "device_public_key": public_key,
            "device_id": str(device_id)}
    try:
        return files.write_atomic(target, json.dumps(body).encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise DeliveryError(f"The join request could not be written to {folder} "
                            f"({exc.strerror or exc}); check that the shared folder is "
                            "there and writable") from exc
