"""A laptop joins with one code, against a real `hub serve` over HTTP on loopback (SQLite and
PostgreSQL): the code works once, before it expires; guesses are throttled; every refusal is a
clear 4xx in JSON and changes nothing at the hub."""

import itertools
import json
import random
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cfpm_coach.cli import main
from cfpm_coach.domain import invitation_code
from cfpm_coach.hub import invitations
from cfpm_coach.hub.join_api import JOIN_FAILURES_PER_ADDRESS
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import invitation_repo
from cfpm_coach.storage.types import utcnow
from tests import throwaway_postgres
from tests.hub.conftest import HubSetup, ServedHub, free_port

JOIN = "/api/v1/join"
_sources = itertools.count(2)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def joining(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[Hub, ServedHub]]:
    """One served hub for this module's tests (a hub process takes seconds to start): each test
    uses fresh invitations and laptops, and asks from its own loopback address, so the hub's
    per-address throttle counts each test apart."""
    url = None
    if request.param == "postgresql":
        cluster: throwaway_postgres.Cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    folder = tmp_path_factory.mktemp("join-hub") / "hub"
    hub, _recipient, _token = Hub.init(folder, url)
    server = ServedHub(folder, free_port()).start()
    yield hub, server
    server.stop()
    hub.close()


@pytest.fixture
def hub(joining: tuple[Hub, ServedHub]) -> Hub:
    return joining[0]


@pytest.fixture
def served(joining: tuple[Hub, ServedHub]) -> ServedHub:
    return joining[1]


def _client() -> httpx.Client:
    """HTTP from a loopback address of its own (all of 127/8 is this computer)."""
    n = next(_sources)
    address = f"127.{random.randint(1, 254)}.{n // 250 % 250}.{n % 250 + 1}"
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with _client() as opened:
        yield opened


def _mine(hub: Hub, *laptops: Workspace) -> list[Any]:
    keys = {ws.exchange.device_public_key() for ws in laptops}
    return [d for d in hub.devices() if d.public_key in keys]


def _state(hub: Hub) -> tuple[Any, ...]:
    """Everything a join could change: devices (with token hashes) and invitations."""
    with hub.store.read() as session:
        from cfpm_coach.storage import hub_repo

        devices = sorted((str(d.id), d.public_key, d.token_sha256, d.revoked_at is None)
                         for d in hub_repo.devices(session=session))
        invites = sorted((str(i.id), i.used_at is not None, str(i.hub_device_id))
                         for i in invitation_repo.invitations(session=session))
    return tuple(devices), tuple(invites)


def _body(laptop: Workspace, code: str) -> dict[str, str]:
    return {"code": code, "device_public_key": laptop.exchange.device_public_key(),
            "device_id": str(laptop.author.device_id)}


@pytest.fixture
def new_laptop(tmp_path: Path) -> Iterator[Workspace]:
    """A laptop with nothing on it yet (joining needs only its key and device id)."""
    ws = Workspace.open(tmp_path / "laptop-1")
    yield ws
    ws.close()


@pytest.fixture
def second_laptop(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "laptop-2")
    yield ws
    ws.close()


def test_an_invited_laptop_joins_with_the_link_and_its_sync_is_accepted(
        hub: Hub, served: ServedHub, new_laptop: Workspace) -> None:
    laptop = new_laptop
    laptop.workers.add("Ana Reyes", office="North")
    invitation = invitations.create(hub, "Maria Lopez", office="Fresno",
                                    hub_url=served.url)
    assert invitation.link is not None
    # As pasted from an e-mail: broken over two lines, with blanks.
    pasted = f"  {invitation.link[:25]}\n   {invitation.link[25:]}  "
    result = laptop.joining.join_team(pasted)

    assert result.coach_name == "Maria Lopez" and result.destination == served.url
    settings = laptop.sync.settings()
    assert settings.mode == "hub" and settings.recipient == hub.recipient
    assert settings.hub_url == served.url and len(settings.token) >= 40
    report = laptop.sync.sync_now()
    assert report.error is None and report.rejected == [] and len(report.sent) == 1
    [device] = _mine(hub, laptop)
    assert device.coach_name == "Maria Lopez" and device.bundles == 1
    assert device.laptop_device_id == laptop.author.device_id
    [listed] = [i for i in invitations.listing(hub) if i.id == invitation.id]
    assert listed.state == "used" and listed.hub_device_id == device.id


def test_a_code_works_once_and_the_second_laptop_is_told_why(
        hub: Hub, served: ServedHub, client: httpx.Client, new_laptop: Workspace,
        second_laptop: Workspace) -> None:
    invitation = invitations.create(hub, "Coach A")
    first = client.post(served.url + JOIN, json=_body(new_laptop, invitation.display_code.lower()))
    assert first.status_code == 201, first.text
    assert first.json()["team_recipient"] == hub.recipient
    assert first.json()["publisher_key"] == hub.publisher_public_key  # signs instruments
    before = _state(hub)
    again = client.post(served.url + JOIN, json=_body(second_laptop, invitation.code))
    assert again.status_code == 410
    assert again.json()["error"] == "InvitationGoneError"
    assert "used already" in again.json()["detail"]
    assert _state(hub) == before


def test_expired_withdrawn_and_unknown_codes_are_refused_with_nothing_changed(
        hub: Hub, served: ServedHub, client: httpx.Client, new_laptop: Workspace) -> None:
    expired = invitations.create(hub, "Coach A", lifetime=timedelta(minutes=1))
    with hub.store.write() as session:
        row = invitation_repo.by_code(session=session,
                                      code_sha256=invitations.code_digest(expired.code))
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
    withdrawn = invitations.create(hub, "Coach B")
    invitations.cancel(hub, str(withdrawn.id)[:8])
    before = _state(hub)
    for code, status, words in ((expired.code, 410, "expired"),
                                (withdrawn.code, 410, "withdrawn"),
                                (invitation_code.new_code(), 404, "no invitation"),
                                ("not a code at all", 404, "not an invitation code")):
        answer = client.post(served.url + JOIN, json=_body(new_laptop, code))
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        assert words in answer.json()["detail"]
    assert _state(hub) == before
    assert _mine(hub, new_laptop) == []


def test_a_refused_join_leaves_the_invitation_open(
        hub: Hub, served: ServedHub, client: httpx.Client, new_laptop: Workspace) -> None:
    """A laptop enrolled already (same rules as `hub enroll`) is refused; the code still works
    for the laptop it was meant for after the admin sorts it out."""
    hub.enroll(new_laptop.exchange.device_public_key(), "Coach A", new_laptop.author.device_id)
    invitation = invitations.create(hub, "Coach A")
    before = _state(hub)
    answer = client.post(served.url + JOIN, json=_body(new_laptop, invitation.code))
    assert answer.status_code == 422 and "enrolled already" in answer.json()["detail"]
    assert _state(hub) == before
    [device] = _mine(hub, new_laptop)
    hub.revoke(str(device.id))
    answer = client.post(served.url + JOIN, json=_body(new_laptop, invitation.code))
    assert answer.status_code == 422 and "--reenroll" in answer.json()["detail"]


def test_a_laptop_id_claimed_with_another_key_is_refused(
        hub: Hub, served: ServedHub, client: httpx.Client, new_laptop: Workspace,
        second_laptop: Workspace) -> None:
    hub.enroll(new_laptop.exchange.device_public_key(), "Coach A", new_laptop.author.device_id)
    invitation = invitations.create(hub, "Mallory")
    before = _state(hub)
    forged = {**_body(second_laptop, invitation.code), "device_id": str(new_laptop.author.device_id)}
    answer = client.post(served.url + JOIN, json=forged)
    assert answer.status_code == 422 and "enrolled already" in answer.json()["detail"]
    assert _state(hub) == before


def test_guessing_is_throttled_even_for_the_right_code_then(
        hub: Hub, served: ServedHub, client: httpx.Client, new_laptop: Workspace) -> None:
    invitation = invitations.create(hub, "Coach A")
    for _ in range(JOIN_FAILURES_PER_ADDRESS):
        guess = client.post(served.url + JOIN, json=_body(new_laptop, invitation_code.new_code()))
        assert guess.status_code == 404
    before = _state(hub)
    blocked = client.post(served.url + JOIN, json=_body(new_laptop, invitation.code))
    assert blocked.status_code == 429 and blocked.json()["error"] == "TooManyAttempts"
    assert int(blocked.headers["retry-after"]) > 0
    assert _state(hub) == before


def test_two_laptops_racing_one_code_enroll_one(
        hub: Hub, served: ServedHub, client: httpx.Client, new_laptop: Workspace,
        second_laptop: Workspace) -> None:
    invitation = invitations.create(hub, "Coach A")
    bodies = [_body(new_laptop, invitation.code), _body(second_laptop, invitation.code)]
    answers: list[int] = []
    start = threading.Barrier(2)

    def go(body: dict[str, str]) -> None:
        start.wait()
        answers.append(client.post(served.url + JOIN, json=body, timeout=30).status_code)

    threads = [threading.Thread(target=go, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) in ([201, 410], [201, 422])
    assert len(_mine(hub, new_laptop, second_laptop)) == 1


_text = st.text(max_size=300)
_bodies = st.one_of(
    st.fixed_dictionaries({"code": _text, "device_public_key": _text, "device_id": _text}),
    st.fixed_dictionaries({"code": st.sampled_from(["", "0" * 12, "ABCD-EFGH-JK12"]),
                           "device_public_key": _text, "device_id": st.uuids().map(str)}),
    st.dictionaries(st.text(max_size=20), st.one_of(st.none(), st.integers(), _text,
                                                    st.lists(st.integers(), max_size=3)),
                    max_size=5),
    st.lists(st.integers(), max_size=3), st.none())


@given(body=_bodies, raw=st.binary(max_size=200), as_raw=st.booleans(),
       real_key=st.booleans())
def test_any_join_request_is_a_clear_refusal_with_nothing_changed(
        hub: Hub, served: ServedHub, new_laptop: Workspace, body: Any, raw: bytes,
        as_raw: bool, real_key: bool) -> None:
    _open_invitation(hub)
    if real_key and isinstance(body, dict):
        body = {**body, "device_public_key": new_laptop.exchange.device_public_key()}
    before = _state(hub)
    content = raw if as_raw else json.dumps(body).encode()
    with _client() as client:
        answer = client.post(served.url + JOIN, content=content,
                             headers={"content-type": "application/json"})
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.status_code != 429  # each example asks from an address of its own
    assert set(answer.json()) == {"error", "detail"}
    assert isinstance(answer.json()["detail"], str) and answer.json()["detail"]
    assert _state(hub) == before


def _open_invitation(hub: Hub) -> uuid.UUID:
    """An open invitation the fuzzer never knows the code of (made once per hub)."""
    open_ones = [i for i in invitations.listing(hub) if i.state == "open"]
    if open_ones:
        return open_ones[0].id
    return invitations.create(hub, "Coach A").id


def test_hub_invite_prints_the_code_link_and_qr_once_and_lists_no_code(
        hub_setup: HubSetup, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(hub_setup.folder)
    png = tmp_path / "invite.png"
    assert main(["hub", "invite", "--data-dir", folder, "--coach", "Maria Lopez",
                 "--hub-url", "https://hub.example.org", "--qr", str(png),
                 "--expires-in", "36h"]) == 0
    printed = capsys.readouterr().out
    code = next(line.split(": ")[1] for line in printed.splitlines()
                if line.startswith("Code"))
    assert invitation_code.normalize(code) is not None and len(code) == 14
    assert f"cfpm-coach://join?hub=https%3A%2F%2Fhub.example.org&code={code}" in printed
    assert "\u2588" in printed or "\u2580" in printed  # the QR code in block characters
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = invitations.qr_svg(f"cfpm-coach://join?code={code}")  # for the web dashboard
    assert svg.startswith("<svg") and "script" not in svg and "href" not in svg
    assert main(["hub", "invitations", "--data-dir", folder, "--json"]) == 0
    listed = capsys.readouterr().out
    assert "Maria Lopez" in listed and '"open"' in listed
    assert code not in listed and invitation_code.normalize(code) not in listed
    assert main(["hub", "invite", "--data-dir", folder, "--coach", "X",
                 "--expires-in", "200d"]) == 1
    assert "90 days" in capsys.readouterr().err


def test_cfpm_coach_join_on_the_command_line_sets_up_sync(
        hub: Hub, served: ServedHub, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    invitation = invitations.create(hub, "Dana Kim")
    folder = str(tmp_path / "cli-laptop")
    # The code as read out over the phone: lower case, in pieces, an O for a zero.
    spoken = invitation.display_code.lower().replace("0", "o").split("-")
    assert main(["join", *spoken, "--hub", served.url, "--data-dir", folder]) == 0
    assert "Joined the team's hub" in capsys.readouterr().out
    assert main(["join", *spoken, "--hub", served.url, "--data-dir", folder]) == 1
    assert "used already" in capsys.readouterr().err
    with Workspace.open(Path(folder)) as ws:
        settings = ws.sync.settings()
        assert settings.mode == "hub" and settings.recipient == hub.recipient
        assert [d.coach_name for d in _mine(hub, ws)] == ["Dana Kim"]
    assert main(["join", "ABCD-EFGH-JK12", "--hub", "http://10.1.2.3:8765",
                 "--data-dir", folder]) == 1
    assert "not encrypted" in capsys.readouterr().err


def test_the_shared_folder_route_joins_with_an_invitation_file_and_no_token(
        hub_setup: HubSetup, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """hub invite --folder writes the file; the laptop reads it, leaves a join request in the
    folder; one ingest-folder run enrolls it and takes its first bundle. The folder holds no
    token and, once used, the code is worth nothing."""
    shared = tmp_path / "shared"
    shared.mkdir()
    folder, file = str(hub_setup.folder), tmp_path / "for-dana.cfpm-invitation"
    assert main(["hub", "invite", "--data-dir", folder, "--coach", "Dana Kim",
                 "--folder", str(shared), "--invitation-file", str(file)]) == 0
    assert "privately" in capsys.readouterr().out
    assert file.stat().st_mode & 0o077 == 0  # owner-only: it holds the code
    assert json.loads(file.read_text())["team_recipient"] == hub_setup.recipient
    publisher_key = json.loads(file.read_text())["publisher_key"]
    with Hub.open(hub_setup.folder) as opened:
        assert publisher_key == opened.publisher_public_key

    laptop_dir = str(tmp_path / "folder-laptop")
    assert main(["join", "--file", str(file), "--data-dir", laptop_dir]) == 0
    capsys.readouterr()
    with Workspace.open(Path(laptop_dir)) as ws:
        assert ws.sync.settings().mode == "folder"
        assert ws.sync.publisher_key() == publisher_key  # pinned for published instruments
        ws.workers.add("Ana Reyes", office="North")
        assert ws.sync.sync_now().awaiting_receipt  # a bundle waits in the folder
    [request] = shared.glob("*.cfpm-join")
    assert "token" not in request.read_text().lower()

    assert main(["hub", "ingest-folder", "--data-dir", folder, str(shared)]) == 0
    printed = capsys.readouterr().out
    assert "joined" in printed and "1 imported" in printed, printed
    receipts = "".join(p.read_text() for p in (shared / "receipts").iterdir())
    assert "token" not in receipts.lower()
    with Hub.open(hub_setup.folder) as opened:
        [device] = opened.devices()
        assert device.coach_name == "Dana Kim" and device.bundles == 1
    with Workspace.open(Path(laptop_dir)) as ws:
        report = ws.sync.sync_now()
        assert report.error is None and len(report.sent) == 1, report

    # A stranger replaying the used code through the folder changes nothing.
    stranger = tmp_path / "stranger"
    with Workspace.open(stranger) as ws:
        from cfpm_coach.sync.join import write_join_request

        write_join_request(shared, json.loads(file.read_text())["code"],
                           ws.exchange.device_public_key(), ws.author.device_id)
    (shared / "junk.cfpm-join").write_text('{"kind": "cfpm-coach-join-request", "code": [1]}')
    assert main(["hub", "ingest-folder", "--data-dir", folder, str(shared)]) == 1
    printed = capsys.readouterr().out
    assert "used already" in printed and "needs code" in printed, printed
    with Hub.open(hub_setup.folder) as opened:
        assert len(opened.devices()) == 1
