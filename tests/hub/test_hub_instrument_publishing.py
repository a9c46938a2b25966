"""Instruments published from the hub, against a real `hub serve` (SQLite and PostgreSQL): a
whole-hub admin publishes a version in the browser; an enrolled laptop receives it at its next
sync, checked, in its instruments folder, and rates a new observation on it that the hub accepts.
Hostile texts, other roles and forged forms get a 4xx and publish nothing; what a hub sends a
laptop is checked again there."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfpm_coach.hub.service import Hub
from cfpm_coach.services import instrument_updates
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import published_instrument_repo
from tests.conftest import INSTRUMENTS_DIR
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup, ServedHub, enroll
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


def _publish(client: httpx.Client, text: str, token: str | None = None) -> httpx.Response:
    token = token or form_token(client.get("/instruments").text)
    return client.post("/instruments/publish", data={"csrf_token": token, "instrument": text})


def test_a_published_version_reaches_a_laptop_at_sync_and_new_observations_use_it(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        done = _publish(admin, VERSION_2)
        assert done.status_code == 303, done.text
        page = admin.get(done.headers["location"]).text
        assert "Published: cpm-leadership v2 new." in page
        assert "(county pilot)" in page
        assert _publish(admin, VERSION_2).headers["location"].endswith("+again")  # no change
    assert [(i, v) for i, v, _h in _published(hub)] == [("cpm-leadership", 2)]

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
    with Workspace.open(tmp_path / "laptop") as ws:
        good = {"id": "cpm-leadership", "version": 2, "yaml": VERSION_2,
                "content_hash": ws.catalog.get("cpm-leadership").content_hash}  # wrong hash
        hostile: list[dict[str, Any]] = [
            good, {**good, "id": "../../evil"}, {**good, "version": "2"}, {"yaml": VERSION_2},
            {**good, "yaml": "id: [unclosed"},
            {"id": "cpm-leadership", "version": 1, "yaml": LEADERSHIP.replace(
                "leadership behaviors", "leadership behaviours", 1), "content_hash": "x"}]
        received = instrument_updates.receive(ws, hostile)
        assert received.added == [] and len(received.refused) == len(hostile)
        assert not ws.paths.instruments.exists() or not any(ws.paths.instruments.iterdir())
        assert ws.catalog.get("cpm-leadership").version == 1
