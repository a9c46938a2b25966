"""End to end over real HTTP on loopback, on SQLite and on PostgreSQL: sync, fidelity, refusals."""

import io
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pyrage

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import counts
from cfpm_coach.sync import keys
from tests.hub.conftest import HubSetup, ServedHub, enroll


def _hub_state(hub: Hub) -> tuple[dict[str, int], list[int]]:
    """Live record counts and each device's accepted-bundle count."""
    with hub.store.read() as session:
        records = counts.live_counts(session=session)
    return records, [d.bundles for d in hub.devices()]


def _finished(ws: Workspace) -> int:
    return sum(1 for o in ws.observations.find() if o.status in ("final", "amended")
               and o.instrument_id == "cpm-practice")


def _export(ws: Workspace, setup: HubSetup, folder: Path) -> Path:
    return ws.exchange.export(folder, setup.recipient, full=True).path


def test_demo_data_syncs_and_the_fidelity_endpoint_reflects_it(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    assert laptop.sync.status().unsent_changes > 0

    first = laptop.sync.sync_now()
    assert first.ok and len(first.sent) == 1
    receipt = first.sent[0]
    assert receipt["tables"]["rating"]["inserted"] > 0 and not receipt["duplicate"]
    status = laptop.sync.status()
    assert status.waiting == 0 and status.last_receipt == receipt
    assert laptop.sync.outbox.pending() == [] and len(laptop.sync.outbox.sent()) == 1

    team = {"Authorization": f"Bearer {hub_setup.team_token}"}
    body = httpx.get(f"{served.url}/api/v1/fidelity", params={"by": "office"},
                     headers=team).json()
    assert body["by"] == ["office"]
    assert sum(row["observations"] for row in body["rows"]) == _finished(laptop)
    offices = {w.office for w in laptop.workers.find()}
    assert {row["office"] for row in body["rows"]} <= offices
    assert all(0 <= row["share_proficient"] <= 1 for row in body["rows"])
    csv_text = httpx.get(f"{served.url}/api/v1/fidelity", headers=team,
                         params={"by": "office,element,month", "format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("office,element,month,observations")

    # Nothing changed: nothing is sent. One rating changed: only that travels.
    assert laptop.sync.sync_now().sent == []
    draft = laptop.observations.start(laptop.workers.find()[0].id, "cpm-practice", "home_visit",
                                      instrument_version=1)
    laptop.observations.rate(draft.id, "engagement.1", 3)
    second = laptop.sync.sync_now()
    assert len(second.sent) == 1
    changed = {t: c["inserted"] + c["updated"] for t, c in second.sent[0]["tables"].items()}
    assert changed["rating"] == 1 and changed["observation"] == 1 and changed["worker"] == 0


def test_a_repeat_upload_returns_the_first_receipt_and_stores_nothing_new(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    sealed = _export(laptop, hub_setup, tmp_path / "out").read_bytes()
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"}
    first = httpx.post(f"{served.url}/api/v1/bundles", content=sealed, headers=auth)
    assert first.status_code == 201
    before = _hub_state(hub)
    again = httpx.post(f"{served.url}/api/v1/bundles", content=sealed, headers=auth)
    assert again.status_code == 200
    assert again.json() == {**first.json(), "duplicate": True}
    assert _hub_state(hub) == before


def _post(url: str, sealed: bytes, token: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/octet-stream"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(f"{url}/api/v1/bundles", content=sealed, headers=headers)


def _refused(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "detail"} and body["detail"]
    return body


def test_the_hub_refuses_each_bad_upload_and_stores_nothing(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    sealed = _export(laptop, hub_setup, tmp_path / "out").read_bytes()
    other = Workspace.open(tmp_path / "other-laptop")
    try:
        other.workers.add("Someone Else", office="Harbor")
        foreign = _export(other, hub_setup, tmp_path / "other-out").read_bytes()
    finally:
        other.close()
    empty = _hub_state(hub)

    _refused(_post(served.url, sealed, None), 401)
    _refused(_post(served.url, sealed, "not-a-token"), 401)
    assert "another device" in _refused(_post(served.url, foreign, token), 403)["detail"]
    _refused(_post(served.url, b"\x00" * (3 * 1024 * 1024), token), 413)
    _refused(_post(served.url, b"not a bundle at all", token), 422)
    assert _hub_state(hub) == empty

    # The same bundle id with other bytes (here: the same zip sealed again) is a replay.
    assert _post(served.url, sealed, token).status_code == 201
    stored = _hub_state(hub)
    identity = keys.load_identity(hub.config.identity_file)
    plain = pyrage.decrypt(sealed, [identity])
    zipfile.ZipFile(io.BytesIO(plain)).testzip()
    resealed = bytes(pyrage.encrypt(plain, [keys.load_recipient(hub_setup.recipient)]))
    assert resealed != sealed
    _refused(_post(served.url, resealed, token), 409)
    assert _hub_state(hub) == stored

    device = hub.devices()[0]
    hub.revoke(str(device.id)[:8])
    _refused(_post(served.url, sealed, token), 403)
    assert _hub_state(hub) == stored


def test_fidelity_needs_the_team_token_and_valid_dimensions(
        hub_setup: HubSetup, served: ServedHub) -> None:
    url = f"{served.url}/api/v1/fidelity"
    _refused(httpx.get(url), 401)
    _refused(httpx.get(url, headers={"Authorization": "Bearer wrong"}), 401)
    team = {"Authorization": f"Bearer {hub_setup.team_token}"}
    _refused(httpx.get(url, params={"by": "office,shoe_size"}, headers=team), 422)
    empty = httpx.get(url, params={"by": "county"}, headers=team)
    assert empty.status_code == 200 and empty.json()["rows"] == []
    assert httpx.get(f"{served.url}/healthz").json()["status"] == "ok"
