"""How a sealed bundle leaves the laptop: HTTPS to the hub, or a copy into a shared folder."""

import hashlib
import json
import logging
import os
import stat
import uuid
from pathlib import Path
from typing import Any, Protocol

import httpx
from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from cfpm_coach import __version__
from cfpm_coach.errors import (
    QT_TRANSLATE_NOOP,
    BundleRefusedError,
    DeliveryError,
    HubFailedError,
    InvalidInputError,
    NotAcceptedError,
    Wording,
    worded,
)
from cfpm_coach.storage import files
from cfpm_coach.sync.hub_address import LOOPBACK_EXAMPLES, InsecureHubAddressError, is_loopback
from cfpm_coach.sync.outbox import bundle_id_of

log = logging.getLogger(__name__)
CONTEXT = "sync"  # the translations' context of the sentences below (lupdate reads this file)


class Transport(Protocol):
    """Something that delivers a sealed bundle and answers with a receipt."""

    def describe(self) -> str:
        """Where bundles go, for the sync panel."""

    def available(self) -> bool:
        """True when delivery can be tried now."""

    def send(self, name: str, sealed: bytes) -> dict[str, Any] | None:
        """Deliver; the receipt, None when it comes later (a shared folder), or
        BundleRefusedError / DeliveryError (HubFailedError when the hub failed on this bundle)."""


class _TransientError(Exception):
    """A failure worth another try: no connection, a timeout, a 5xx.

    `status` is set when the failure was the hub failing on this bundle (a 500, or the
    connection dropped mid-upload) rather than the hub being away or busy (502/503/504, no
    connection, a timeout): only those count towards setting a bundle aside."""

    def __init__(self, wording: Wording, status: int | None = None) -> None:
        super().__init__(wording.english())
        self.wording = wording
        self.status = status


# The hub (or the proxy before it) is away or busy: nothing this bundle did.
_AWAY_STATUSES = (502, 503, 504)
# The hub dropped the connection after taking the request: maybe something in the bundle.
DROPPED = 0


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return str(body["detail"])
    return f"HTTP {response.status_code}"


def refuse_clear_text(base_url: str) -> None:
    """The token goes in a header: as httpx itself reads the address, https or this computer."""
    try:
        parsed = httpx.URL(base_url)
    except httpx.InvalidURL as exc:
        raise InvalidInputError(f"Hub address: {base_url} is not a web address ({exc})") from None
    if parsed.scheme == "https" or (parsed.scheme == "http" and is_loopback(parsed.host)):
        return
    raise InsecureHubAddressError(f"Hub address: {base_url} is not https://, so the enrollment "
                                  f"token would cross the network in clear ({LOOPBACK_EXAMPLES} "
                                  "may use http://)")


class HttpTransport:
    """POST /api/v1/bundles with the device's token; retries with backoff, never on a 4xx."""

    def __init__(self, base_url: str, token: str, *, attempts: int = 5, first_wait: float = 0.5,
                 max_wait: float = 30.0, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        refuse_clear_text(self.base_url)
        self._token = token
        self._attempts = attempts
        self._first_wait, self._max_wait = first_wait, max_wait
        self._timeout = timeout

    def describe(self) -> str:
        """The hub's address."""
        return self.base_url

    def _client(self) -> httpx.Client:
        return httpx.Client(timeout=self._timeout, headers={
            "User-Agent": f"cfpm-coach/{__version__}"})

    def available(self) -> bool:
        """The hub's /healthz answers (the network being up is only a hint)."""
        try:
            with self._client() as client:
                return client.get(f"{self.base_url}/healthz", timeout=5.0).status_code == 200
        except httpx.HTTPError:
            return False

    def _post(self, client: httpx.Client, sealed: bytes) -> dict[str, Any]:
        try:
            response = client.post(f"{self.base_url}/api/v1/bundles", content=sealed, headers={
                "Authorization": f"Bearer {self._token}",
                "Content-Type": "application/octet-stream"})
        except httpx.TransportError as exc:
            log.info("upload attempt failed: %s", type(exc).__name__)
            dropped = isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError)
            raise _TransientError(Wording(CONTEXT, QT_TRANSLATE_NOOP(
                "sync", "the connection failed (%1)"), (type(exc).__name__,)),
                DROPPED if dropped else None) from exc
        if response.status_code >= 500:
            log.info("upload attempt failed: HTTP %s", response.status_code)
            status = response.status_code
            raise _TransientError(Wording(CONTEXT, QT_TRANSLATE_NOOP(
                "sync", "the hub had an error (HTTP %1: %2)"), (status, _detail(response))),
                None if status in _AWAY_STATUSES else status)
        if response.status_code in (401, 403):
            raise worded(NotAcceptedError, Wording(CONTEXT, QT_TRANSLATE_NOOP(
                "sync", "The hub does not accept this laptop: %1. Check the enrollment token "
                "in Sync settings."), (_detail(response),)))
        if response.status_code >= 400:
            raise BundleRefusedError(_detail(response), response.status_code)
        receipt: dict[str, Any] = response.json()
        return receipt

    def send(self, name: str, sealed: bytes) -> dict[str, Any] | None:
        """Upload the whole bundle; an interrupted upload is sent again whole."""
        retrying = Retrying(
            retry=retry_if_exception_type(_TransientError), reraise=True,
            stop=stop_after_attempt(self._attempts),
            # Exponential backoff with jitter, so many laptops coming online do not retry in step.
            wait=wait_exponential(multiplier=self._first_wait, max=self._max_wait)
            + wait_random(0, self._first_wait))
        try:
            with self._client() as client:
                for attempt in retrying:
                    with attempt:
                        return self._post(client, sealed)
        except _TransientError as exc:
            if exc.status is not None:
                raise worded(HubFailedError, Wording(CONTEXT, QT_TRANSLATE_NOOP(
                    "sync", "The hub failed on this bundle %1 times: %2. The bundle stays in "
                    "the outbox."), (self._attempts, exc.wording)), exc.status) from exc
            raise worded(DeliveryError, Wording(CONTEXT, QT_TRANSLATE_NOOP(
                "sync", "The hub could not be reached after %1 tries: %2. The bundle stays in "
                "the outbox."), (self._attempts, exc.wording))) from exc
        raise DeliveryError("The upload was not attempted")  # pragma: no cover

    def published_instruments(self) -> list[dict[str, Any]]:
        """The instrument versions the hub publishes (GET /api/v1/instruments); an older hub
        without that route publishes none."""
        try:
            with self._client() as client:
                response = client.get(f"{self.base_url}/api/v1/instruments", headers={
                    "Authorization": f"Bearer {self._token}"})
        except httpx.HTTPError as exc:
            raise DeliveryError(f"The hub's instruments could not be read ({type(exc).__name__})"
                                ) from exc
        if response.status_code == 404:
            return []
        if response.status_code != 200:
            raise DeliveryError(f"The hub's instruments could not be read (HTTP "
                                f"{response.status_code}: {_detail(response)})")
        try:
            listed = response.json().get("instruments", [])
        except (ValueError, AttributeError):
            raise DeliveryError("The hub's list of instruments is not JSON") from None
        if not isinstance(listed, list):
            raise DeliveryError("The hub's list of instruments is not a list")
        return [item for item in listed if isinstance(item, dict)]


class FolderTransport:
    """Copy into a shared folder under a dot-name, fsync, then rename: the hub never sees half.
    Delivered means imported here too: the bundle waits in the outbox until the hub's receipt
    for it appears in the folder's receipts/ (or its refusal, which sets it aside)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def describe(self) -> str:
        """The shared folder."""
        return str(self.folder)

    def available(self) -> bool:
        """The folder is there and writable (a network drive may not be mounted)."""
        return self.folder.is_dir() and os.access(self.folder, os.W_OK)

    def send(self, name: str, sealed: bytes) -> dict[str, Any] | None:
        """The hub's receipt when it has imported the bundle; otherwise make sure the bundle is
        in the folder (copied again if it went missing) and answer None: not yet."""
        note = _read_receipt(self.folder / RECEIPTS / f"{name}.json")
        if note is not None:
            return _outcome(name, note)
        target = self.folder / name
        if target.is_file() and target.stat().st_size == len(sealed):
            return None  # copied on an earlier sync; the hub has not taken it yet
        try:
            files.write_atomic(target, sealed)
            landed = hashlib.sha256(target.read_bytes()).hexdigest()
        except OSError as exc:
            raise DeliveryError(f"The bundle could not be copied to {self.folder} "
                                f"({exc.strerror}); it stays in the outbox") from exc
        if landed != hashlib.sha256(sealed).hexdigest():
            raise DeliveryError(f"The copy in {self.folder} does not match; it stays in the "
                                "outbox")
        return None


RECEIPTS = "receipts"
MAX_RECEIPT_BYTES = 256 * 1024


def _read_receipt(path: Path) -> dict[str, Any] | None:
    """A receipt the hub left, or None when there is none (or none that can be read: anyone
    can write to the folder, so a broken file is ignored, never trusted or fatal)."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RECEIPT_BYTES:
            log.info("receipt %s ignored: not a small regular file", path.name)
            return None
        note = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as exc:
        log.info("receipt %s ignored: %s", path.name, type(exc).__name__)
        return None
    return note if isinstance(note, dict) else None


def _outcome(name: str, note: dict[str, Any]) -> dict[str, Any] | None:
    """The receipt to keep, or BundleRefusedError for a refusal; None when it is not this
    bundle's (a receipt naming another bundle id is ignored)."""
    if note.get("status") == "refused":
        status = note.get("http_status")
        detail = note.get("detail")
        raise BundleRefusedError(str(detail) if detail else "The hub refused the bundle",
                                 status if isinstance(status, int) else 422)
    receipt = note.get("receipt")
    if note.get("status") != "imported" or not isinstance(receipt, dict):
        return None
    expected = bundle_id_of(Path(name))
    try:
        claimed = uuid.UUID(str(receipt.get("bundle_id")))
    except ValueError:
        return None
    if expected is not None and claimed != expected:
        log.info("receipt for %s names another bundle; ignored", name)
        return None
    return {**receipt, "transport": "folder"}
