"""Instruments published from the hub, against a real `hub serve` (SQLite and PostgreSQL): a
whole-hub admin publishes a version in the browser; an enrolled laptop receives it at its next
sync, checked, in its instruments folder, and rates a new observation on it that the hub accepts.
Hostile texts, other roles and forged forms get a 4xx and publish nothing; what a hub sends a
laptop is checked again there, and installed only when the hub's publisher key (pinned when the
laptop joined) signed it."""

import base64
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.catalog import parse_instrument
from cfpm_coach.hub import invitations
from cfpm_coach.hub.service import PUBLISHER_KEY_NAME, Hub
from cfpm_coach.services import instrument_updates
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import published_instrument_repo
from cfpm_coach.sync import instrument_signature, keys
from cfpm_coach.sync.transports import HttpTransport
from tests.conftest import INSTRUMENTS_DIR
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup, ServedHub
from tests.hub.dashboard_helpers import add_account, form_token, signed_in

ADMIN = "lead@example.org"
LEADERSHIP = (INSTRUMENTS_DIR / "cpm-leadership.v1.yaml").read_text(encoding="utf-8")
VERSION_2 = LEADERSHIP.replace("version: 1\n", "version: 2\n", 1).replace(
    'title: "Core Practice Model: leadership behaviors"',
    'title: "Core Practice Model: leadership behaviors (county pilot)"', 1)


def _published(hub: Hub) -> list[tuple[str, int, str]]:
    with hub.store.read() as session:
        return [(r.instrument_id, r.version, r.content_hash)
                for r in published_instrument_repo.published(session=session)]


def _join(hub: Hub, laptop: Workspace, url: str) -> None:
    """Join the laptop with an invitation code, as a coach does (it pins the publisher key)."""
    invitation = invitations.create(hub, "Coach A", hub_url=url)
    laptop.joining.join_team(invitation.display_code, url)
    assert laptop.sync.publisher_key() == hub.publisher_public_key


def _signed(key: Ed25519PrivateKey, item: dict[str, Any]) -> dict[str, Any]:
    """item with a signature by key over its fields as they stand."""
    return {**item, "signature": instrument_signature.sign(
        key, item["id"], item["version"], item["content_hash"], item["yaml"])}


def _receive(ws: Workspace, listed: list[dict[str, Any]], publisher: Ed25519PrivateKey
             ) -> instrument_updates.Received:
    """What a laptop's sync does with the instruments its hub lists."""
    return instrument_updates.receive(ws.catalog, ws.paths.instruments, listed,
                                      keys.public_text(publisher))


def _installed(ws: Workspace) -> list[str]:
    folder = ws.paths.instruments
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _publish(client: httpx.Client, text: str, token: str | None = None) -> httpx.Response:
    token = token or form_token(client.get("/instruments").text)
    return client.post("/instruments/publish", data={"csrf_token": token, "instrument": text})


def test_a_published_version_reaches_a_laptop_at_sync_and_new_observations_use_it(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    _join(hub, laptop, served.url)
    key_file = hub_setup.folder / PUBLISHER_KEY_NAME
    assert key_file.stat().st_mode & 0o777 == 0o600  # made by `hub init`, owner-only
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        done = _publish(admin, VERSION_2)
        assert done.status_code == 303, done.text
        page = admin.get(done.headers["location"]).text
        assert "Published: cpm-leadership v2 new." in page
        assert "(county pilot)" in page
        assert _publish(admin, VERSION_2).headers["location"].endswith("+again")  # no change
    assert [(i, v) for i, v, _h in _published(hub)] == [("cpm-leadership", 2)]

    [served_item] = laptop.sync.transport().published_instruments()  # type: ignore[attr-defined]
    assert instrument_signature.verifies(
        keys.public_from_text(hub.publisher_public_key), served_item["signature"],
        "cpm-leadership", 2, served_item["content_hash"], VERSION_2)
    report = laptop.sync.sync_now()
    assert report.ok and report.instruments_added == ["cpm-leadership version 2"]
    assert report.instruments_refused == []
    written = laptop.paths.instruments / "cpm-leadership.v2.yaml"
    assert written.read_text(encoding="utf-8") == VERSION_2
    leader = laptop.workers.add("Lee Leader", role="Supervisor", office="North",
                                county="Sample County")
    obs = laptop.observations.start(leader.id, "cpm-leadership", "self_assessment")
    assert obs.instrument.version == 2  # offered for new observations
    for item in laptop.catalog.get("cpm-leadership", 2).items:
        laptop.observations.rate(obs.id, item.id, 3)
    laptop.observations.finalize(obs.id)
    again = laptop.sync.sync_now()
    assert again.ok and again.rejected == [] and again.instruments_added == []
    with Workspace.open(laptop.paths.data_dir) as reopened:  # kept, not only in memory
        assert reopened.catalog.get("cpm-leadership").version == 2


@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_hostile_instruments_roles_and_forged_forms_publish_nothing(
        hub: Hub, hub_setup: HubSetup, served: ServedHub) -> None:
    add_account(hub_setup.folder, ADMIN)
    add_account(hub_setup.folder, "county-admin@example.org", "admin", "county:Fresno")
    add_account(hub_setup.folder, "analyst@example.org", "analyst")
    changed_v1 = LEADERSHIP.replace("leadership behaviors", "leadership behaviours", 1)
    with signed_in(served.url, ADMIN) as admin:
        token = form_token(admin.get("/instruments").text)
        for text, words in (("", "paste"), ("id: [unclosed", "line"),
                            ("- just\n- a list\n", "mapping"),
                            (LEADERSHIP.replace("version: 1", "version: zero", 1), "version"),
                            (changed_v1, "never changed"),
                            ("x" * 1_000_001, "at most")):
            answer = _publish(admin, text, token)
            assert answer.status_code == 422, (text[:40], answer.status_code)
            assert words in answer.text, (words, re.findall(r'role="alert">([^<]+)', answer.text))
        for forged in ("", "guessed"):
            assert admin.post("/instruments/publish", data={
                "csrf_token": forged, "instrument": VERSION_2}).status_code == 403
        bad_type = admin.post("/instruments/publish", content=VERSION_2.encode(),
                              headers={"Content-Type": "text/yaml"})
        assert 400 <= bad_type.status_code < 500
    for email in ("county-admin@example.org", "analyst@example.org"):
        with signed_in(served.url, email) as other:
            assert "Publish an instrument version" not in other.get("/instruments").text
            assert _publish(other, VERSION_2).status_code == 403, email
    assert _published(hub) == []
    # The laptops' list needs an enrolled laptop's token.
    for headers in ({}, {"Authorization": "Bearer made-up"}):
        answer = httpx.get(f"{served.url}/api/v1/instruments", headers=headers, timeout=30)
        assert answer.status_code == 401


@pytest.mark.fuzz
@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_any_pasted_text_is_published_only_when_it_is_a_new_sound_version(
        hub: Hub, hub_setup: HubSetup, served: ServedHub) -> None:
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        token = form_token(admin.get("/instruments").text)
        lines = LEADERSHIP.splitlines()

        @settings(max_examples=examples(25), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(text=st.text(max_size=400) | st.builds(
            lambda cut, junk: "\n".join(lines[:cut]) + junk,
            st.integers(0, len(lines)), st.text(max_size=40)))
        def attempt(text: str) -> None:
            answer = _publish(admin, text, token)
            assert answer.status_code in (303, 422), answer.status_code
            # The only sound text among these is the installed version 1 itself (perhaps with a
            # comment or blanks added): publishing it again changes nothing laptops hold.
            assert {(i, v) for i, v, _h in _published(hub)} <= {("cpm-leadership", 1)}, \
                text[:80]

        attempt()


def test_a_laptop_checks_what_a_hub_sends_and_keeps_its_own_versions(tmp_path: Path) -> None:
    publisher = Ed25519PrivateKey.generate()
    with Workspace.open(tmp_path / "laptop") as ws:
        good = {"id": "cpm-leadership", "version": 2, "yaml": VERSION_2,
                "content_hash": ws.catalog.get("cpm-leadership").content_hash}  # wrong hash
        hostile: list[dict[str, Any]] = [
            good, {**good, "id": "../../evil"}, {**good, "version": "2"}, {"yaml": VERSION_2},
            {**good, "yaml": "id: [unclosed"},
            {"id": "cpm-leadership", "version": 1, "yaml": LEADERSHIP.replace(
                "leadership behaviors", "leadership behaviours", 1), "content_hash": "x"}]
        hostile = [_signed(publisher, item) if {"id", "version", "content_hash", "yaml"} <= set(item)
                   and isinstance(item["version"], int) else item for item in hostile]
        received = _receive(ws, hostile, publisher)
        assert received.added == [] and len(received.refused) == len(hostile)
        assert not ws.paths.instruments.exists() or not any(ws.paths.instruments.iterdir())
        assert ws.catalog.get("cpm-leadership").version == 1


class _ManInTheMiddle(HttpTransport):
    """The real transport to the real hub, with the list of instruments rewritten on the way."""

    def __init__(self, url: str, token: str, rewrite: Any) -> None:
        super().__init__(url, token)
        self.rewrite = rewrite

    def published_instruments(self) -> list[dict[str, Any]]:
        return [self.rewrite(item) for item in super().published_instruments()]


@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_a_laptop_installs_only_what_its_hubs_publisher_key_signed(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    """A hostile answer replacing text and hash together passes every content check (before
    signatures it was installed); only the pinned publisher key tells it from the hub's."""
    _join(hub, laptop, served.url)
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        assert _publish(admin, VERSION_2).status_code == 303
    hostile_text = VERSION_2.replace("(county pilot)", "(rate everyone Accomplished)", 1)
    hostile_hash = parse_instrument(hostile_text, "test").content_hash
    stranger = Ed25519PrivateKey.generate()

    def replaced(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "yaml": hostile_text, "content_hash": hostile_hash}

    def unsigned(item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if k != "signature"}

    token = laptop.sync.settings().token
    for rewrite, words in ((replaced, "signature"), (lambda i: _signed(stranger, replaced(i)),
                                                      "signature"),
                           (unsigned, "signature is missing"),
                           (lambda i: {**i, "signature": "not base64!"}, "signature")):
        report = laptop.sync.sync_now(_ManInTheMiddle(served.url, token, rewrite))
        assert report.ok and report.instruments_added == [], words
        [reason] = report.instruments_refused
        assert words in reason and "cpm-leadership" in reason, reason
        assert _installed(laptop) == []
    assert laptop.catalog.get("cpm-leadership").version == 1

    laptop.sync.pin_publisher_key("")  # a laptop that joined before hubs signed
    report = laptop.sync.sync_now()
    assert report.ok and report.instruments_added == []
    assert ["joining again with a new code" in r for r in report.instruments_refused] == [True]
    assert _installed(laptop) == []

    laptop.sync.pin_publisher_key(hub.publisher_public_key)  # the genuine signed version
    assert laptop.sync.sync_now().instruments_added == ["cpm-leadership version 2"]
    assert _installed(laptop) == ["cpm-leadership.v2.yaml"]


def test_any_flipped_byte_of_signature_or_text_is_refused(tmp_path: Path) -> None:
    publisher = Ed25519PrivateKey.generate()
    genuine = _signed(publisher, {"id": "cpm-leadership", "version": 2, "yaml": VERSION_2,
                                  "content_hash": parse_instrument(VERSION_2, "t").content_hash})
    signature = bytearray(base64.b64decode(genuine["signature"]))
    with Workspace.open(tmp_path / "laptop") as ws:

        @settings(max_examples=examples(30), deadline=None)
        @given(in_signature=st.booleans(), at=st.integers(0, 10_000), flip=st.integers(1, 255))
        def attempt(in_signature: bool, at: int, flip: int) -> None:
            item = dict(genuine)
            if in_signature:
                changed = bytearray(signature)
                changed[at % len(changed)] ^= flip
                item["signature"] = base64.b64encode(bytes(changed)).decode("ascii")
            else:
                body = bytearray(VERSION_2.encode("utf-8"))
                body[at % len(body)] ^= flip & 0x7F or 1  # stays ASCII, so still text
                item["yaml"] = body.decode("utf-8")
            received = _receive(ws, [item], publisher)
            assert received.added == [] and len(received.refused) == 1
            assert _installed(ws) == []

        attempt()
        # The same item unflipped is installed: the refusals above were the flips'.
        assert _receive(ws, [genuine], publisher).added == [
            "cpm-leadership version 2"]


@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_a_hub_made_before_publisher_keys_gets_one_owner_only_on_first_open(
        hub_setup: HubSetup) -> None:
    key_file = hub_setup.folder / PUBLISHER_KEY_NAME
    key_file.unlink()  # as a hub folder made before this change
    with Hub.open(hub_setup.folder) as first:
        made = first.publisher_public_key
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in hub_setup.folder.iterdir() if p.name.startswith(".")] == []
    with Hub.open(hub_setup.folder) as again:
        assert again.publisher_public_key == made  # kept, not made anew
