"""How a sealed bundle leaves the laptop: HTTPS to the hub, or a copy into a shared folder."""

import hashlib
import logging
import os
from datetime import UTC, datetime
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
    BundleRefusedError,
    DeliveryError,
    InvalidInputError,
    NotAcceptedError,
)
from cfpm_coach.storage import files
from cfpm_coach.sync.hub_address import LOOPBACK_EXAMPLES, InsecureHubAddressError, is_loopback

log = logging.getLogger(__name__)


class Transport(Protocol):
    """Something that delivers a sealed bundle and answers with a receipt."""

    def describe(self) -> str:
        """Where bundles go, for the sync panel."""

    def available(self) -> bool:
        """True when delivery can be tried now."""

    def send(self, name: str, sealed: bytes) -> dict[str, Any]:
        """Deliver; the receipt, or BundleRefusedError / DeliveryError."""


class _TransientError(Exception):
    """A failure worth another try: no connection, a timeout, a 5xx."""


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return str(body["detail"])
    return f"HTTP {response.status_code}"


def _refuse_clear_text(base_url: str) -> None:
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
        _refuse_clear_text(self.base_url)
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
            raise _TransientError(f"the connection failed ({type(exc).__name__})") from exc
        if response.status_code >= 500:
            log.info("upload attempt failed: HTTP %s", response.status_code)
            raise _TransientError(f"the hub had an error (HTTP {response.status_code})")
        if response.status_code in (401, 403):
            raise NotAcceptedError(f"The hub does not accept this laptop: {_detail(response)}. "
                                   "Check the enrollment token in Sync settings.")
        if response.status_code >= 400:
            raise BundleRefusedError(_detail(response), response.status_code)
        receipt: dict[str, Any] = response.json()
        return receipt

    def send(self, name: str, sealed: bytes) -> dict[str, Any]:
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
            raise DeliveryError(f"The hub could not be reached after {self._attempts} tries: "
                                f"{exc}. The bundle stays in the outbox.") from exc
        raise DeliveryError("The upload was not attempted")  # pragma: no cover


class FolderTransport:
    """Copy into a shared folder under a dot-name, fsync, then rename: the hub never sees half."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def describe(self) -> str:
        """The shared folder."""
        return str(self.folder)

    def available(self) -> bool:
        """The folder is there and writable (a network drive may not be mounted)."""
        return self.folder.is_dir() and os.access(self.folder, os.W_OK)

    def send(self, name: str, sealed: bytes) -> dict[str, Any]:
        """Write the copy, read it back, and give a receipt of what landed."""
        target = self.folder / name
        try:
            files.write_atomic(target, sealed)
            landed = hashlib.sha256(target.read_bytes()).hexdigest()
        except OSError as exc:
            raise DeliveryError(f"The bundle could not be copied to {self.folder} "
                                f"({exc.strerror}); it stays in the outbox") from exc
        if landed != hashlib.sha256(sealed).hexdigest():
            raise DeliveryError(f"The copy in {self.folder} does not match; it stays in the "
                                "outbox")
        return {"transport": "folder", "path": str(target), "sha256": landed,
                "received_at": datetime.now(UTC).isoformat()}
