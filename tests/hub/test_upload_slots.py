"""Uploads are bounded: at most max_concurrent_uploads are read and merged at once; the next
waits briefly for a slot, then gets a 503 with Retry-After (the laptop retries later), and a
slot held by a client that went away comes back."""

import json
import socket
import time
from pathlib import Path

import httpx

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import HubSetup, ServedHub, free_port


def _configure(folder: Path, **values: object) -> None:
    config = folder / "hub.json"
    config.write_text(json.dumps({**json.loads(config.read_text()), **values}))


def test_an_upload_over_the_cap_gets_503_and_the_slot_comes_back(
        hub: Hub, hub_setup: HubSetup, laptop: Workspace, tmp_path: Path) -> None:
    token = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient, full=True
                                    ).path.read_bytes()
    _configure(hub_setup.folder, max_concurrent_uploads=1, upload_wait_seconds=0.5)
    served = ServedHub(hub_setup.folder, free_port()).start()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"}
    try:
        # A client that sends its headers and a little of the body, then stalls: it holds the
        # one slot while the hub waits for the rest.
        slow = socket.create_connection(("127.0.0.1", served.port))
        slow.sendall(f"POST /api/v1/bundles HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                     f"{token}\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                     f"{len(sealed)}\r\n\r\n".encode() + sealed[:1000])
        deadline = time.monotonic() + 20
        while True:
            busy = httpx.post(f"{served.url}/api/v1/bundles", content=sealed, headers=headers,
                              timeout=30)
            if busy.status_code != 201 or time.monotonic() > deadline:
                break
        assert busy.status_code == 503, busy.text
        assert busy.headers["Retry-After"].isdigit()
        assert set(busy.json()) == {"error", "detail"} and "try again" in busy.json()["detail"]
        assert hub.devices()[0].bundles == 0

        slow.close()  # gone: its slot must be released
        deadline = time.monotonic() + 20
        while True:
            taken = httpx.post(f"{served.url}/api/v1/bundles", content=sealed, headers=headers,
                               timeout=30)
            if taken.status_code != 503 or time.monotonic() > deadline:
                break
        assert taken.status_code == 201, taken.text
    finally:
        served.stop()
