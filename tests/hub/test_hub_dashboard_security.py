"""The dashboard as an attacker meets it, over HTTP against a real `hub serve`: every route but
health and sign-in needs a session or a token; forms without the session's token are refused;
a planted session id never signs in; an account of another county sees none of its rows and gets
403 on their URLs; names and offices a laptop sent are escaped on every page."""

import csv
import io
import re
import uuid
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from starlette.routing import Route

from cfpm_coach.hub.api import create_app
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import account_repo
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.dashboard_helpers import PASSWORD, add_account, form_token, sign_in, signed_in

# Security checks run on SQLite; the browser test runs the same pages on PostgreSQL too.
pytestmark = pytest.mark.parametrize("database_url", [None], ids=["sqlite"])

PUBLIC = {("GET", "/healthz"), ("GET", "/signin"), ("POST", "/signin"),
          ("GET", "/set-password"), ("POST", "/set-password"),  # with a one-time code
          ("GET", "/join"),  # tells a coach what to do with an invitation code
          ("POST", "/api/v1/join"),  # a laptop joins with its code (tests/hub/test_hub_join.py)
          ("GET", "/static/hub.css"),  # the sign-in page's own stylesheet
          ("GET", "/openapi.json")}  # the API's schema: no data
ADMIN = "admin@example.org"
HOSTILE_NAME = '<script>alert("name")</script>'
HOSTILE_OFFICE = '"><img src=x onerror=alert(1)>'
HOSTILE_COUNTY = "</td><svg onload=alert(2)>"


def _routes(folder: Path) -> list[tuple[str, str]]:
    with Hub.open(folder) as hub:
        app = create_app(hub)
    return sorted({(method, route.path) for route in app.routes if isinstance(route, Route)
                   for method in (route.methods or ()) if method != "HEAD"})


def test_every_route_but_health_and_sign_in_needs_a_session_or_token(
        hub_setup: HubSetup, served: ServedHub, hub: Hub) -> None:
    with Workspace.open(hub_setup.folder.parent / "laptop") as laptop:
        device = hub.enroll(laptop.exchange.device_public_key(), "Coach").device.id
    routes = _routes(hub_setup.folder)
    walked = [r for r in routes if r not in PUBLIC]
    assert ("GET", "/overview") in walked and ("POST", "/laptops/{device_id}/revoke") in walked
    assert len(walked) >= 12
    with httpx.Client(base_url=served.url, timeout=30) as anonymous:
        for method, path in walked:
            url = path.replace("{device_id}", str(device)).replace("{table}", "uploads")
            url = url.replace("{office_id}", str(uuid.uuid4())).replace("{worker_id}",
                                                                      str(uuid.uuid4()))
            for name in ("{account_id}", "{invitation_id}"):
                url = url.replace(name, str(uuid.uuid4()))
            for headers in ({}, {"Authorization": "Bearer not-a-token"},
                            {"Cookie": "cfpm_session=made-up"}):
                answer = anonymous.request(method, url, headers=headers,
                                           data={"csrf_token": "x"} if method == "POST" else None)
                needs = answer.status_code == 401 or (
                    answer.status_code == 303 and answer.headers["location"] == "/signin")
                assert needs, (method, url, headers, answer.status_code)
        for method, path in PUBLIC:
            if method == "GET":
                answer = anonymous.get(path)
                assert answer.status_code == 200, path
                assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""",
                                     answer.text), path  # nothing from outside the hub
    assert hub.devices()[0].revoked_at is None


def test_forms_without_the_sessions_token_are_refused_and_change_nothing(
        hub_setup: HubSetup, served: ServedHub, hub: Hub, tmp_path: Path) -> None:
    add_account(hub_setup.folder, ADMIN)
    with Workspace.open(tmp_path / "laptop") as laptop:
        device = hub.enroll(laptop.exchange.device_public_key(), "Coach A",
                            laptop.author.device_id).device.id
    # Sign-in itself: a form without the token its page set is refused, nothing signed in.
    with httpx.Client(base_url=served.url, timeout=30) as stranger:
        answer = stranger.post("/signin", data={"email": ADMIN, "password": PASSWORD,
                                                "csrf_token": "guessed"})
        assert answer.status_code == 403 and "cfpm_session" not in answer.headers.get(
            "set-cookie", "")
    with signed_in(served.url, ADMIN) as admin:
        page = admin.get("/laptops")
        token = form_token(page.text)
        # One character changed (a token ending in "A" once got "A" back, and was accepted).
        altered = token[:-1] + ("B" if token.endswith("A") else "A")
        for forged in ({}, {"csrf_token": ""}, {"csrf_token": altered},
                       {"csrf_token": str(uuid.uuid4())}):
            assert admin.post(f"/laptops/{device}/revoke", data=forged).status_code == 403
            assert admin.post("/signout", data=forged).status_code == 403
        assert hub.devices()[0].revoked_at is None
        assert admin.get("/overview").status_code == 200  # still signed in
        # With the token: the revocation goes through (and the page says so).
        done = admin.post(f"/laptops/{device}/revoke", data={"csrf_token": token})
        assert done.status_code == 303 and hub.devices()[0].revoked_at is not None
        assert "The laptop was revoked." in admin.get("/laptops?revoked=1").text


def test_a_planted_session_id_never_signs_in_and_signing_out_ends_the_session(
        hub_setup: HubSetup, served: ServedHub) -> None:
    add_account(hub_setup.folder, ADMIN)
    planted = "attacker-chose-this-id"
    with httpx.Client(base_url=served.url, timeout=30) as victim:
        victim.cookies.set("cfpm_session", planted)
        answer = sign_in(victim, ADMIN)
        assert answer.status_code == 303
        cookie = answer.headers["set-cookie"]
        issued = re.search(r"cfpm_session=([^;]+)", cookie)
        assert issued and issued.group(1) != planted
        for flag in ("HttpOnly", "SameSite=strict", "Path=/"):
            assert flag.lower() in cookie.lower()
        with httpx.Client(base_url=served.url, timeout=30) as attacker:
            attacker.cookies.set("cfpm_session", planted)
            assert attacker.get("/overview").status_code == 303
        # A second sign-in in the same browser replaces the first session.
        first = issued.group(1)
        again = sign_in(victim, ADMIN)
        second = re.search(r"cfpm_session=([^;]+)", again.headers["set-cookie"])
        assert second and second.group(1) != first
        with httpx.Client(base_url=served.url, timeout=30) as thief:
            thief.cookies.set("cfpm_session", first)
            assert thief.get("/overview").status_code == 303
        overview = victim.get("/overview")
        assert overview.status_code == 200
        assert victim.post("/signout", data={"csrf_token": form_token(overview.text)}
                           ).status_code == 303
        with httpx.Client(base_url=served.url, timeout=30) as replay:
            replay.cookies.set("cfpm_session", second.group(1))
            assert replay.get("/overview").status_code == 303


def test_sign_in_is_throttled_after_five_failures(hub_setup: HubSetup, served: ServedHub) -> None:
    add_account(hub_setup.folder, ADMIN)
    with httpx.Client(base_url=served.url, timeout=30) as guesser:
        for _ in range(5):
            assert sign_in(guesser, ADMIN, "wrong password!").status_code == 401
        refused = sign_in(guesser, ADMIN)  # even the right password, for a while
        assert refused.status_code == 429 and "wait 15 minutes" in refused.text
        assert "cfpm_session" not in refused.headers.get("set-cookie", "")


def _sync_demo(hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace
               ) -> tuple[uuid.UUID, str]:
    token = enroll(hub, laptop, hub_setup, served.url)
    assert laptop.sync.sync_now().ok
    return hub.devices()[0].id, token


def test_an_account_of_another_county_sees_none_of_its_rows_and_gets_403_on_their_urls(
        hub_setup: HubSetup, served: ServedHub, hub: Hub, laptop: Workspace) -> None:
    device, token = _sync_demo(hub, hub_setup, served, laptop)
    county = laptop.workers.find()[0].county
    refused = httpx.post(f"{served.url}/api/v1/bundles", content=b"not a bundle", timeout=30,
                         headers={"Authorization": f"Bearer {token}",
                                  "Content-Type": "application/octet-stream"})
    assert refused.status_code == 422
    add_account(hub_setup.folder, "own@example.org", "analyst", f"county:{county}")
    add_account(hub_setup.folder, "other@example.org", "analyst", "county:Another County")
    add_account(hub_setup.folder, "office@example.org", "supervisor", "office:Nowhere")
    with signed_in(served.url, "own@example.org") as own:
        assert str(device) in own.get("/laptops").text
        assert own.get(f"/laptops/{device}").status_code == 200
        assert len(own.get("/uploads/uploads.csv").text.splitlines()) == 2
        reasons = list(csv.reader(io.StringIO(own.get("/laptops/refusals.csv").text)))
        assert [r[3:5] for r in reasons[1:]] == [["422", refused.json()["error"]]]
        assert reasons[1][5] == refused.json()["detail"]  # the reason the laptop was given
        assert 'id="observations-total">0<' not in own.get("/overview").text
    with signed_in(served.url, "other@example.org") as other:
        overview = other.get("/overview").text
        assert 'id="observations-total">0<' in overview and county not in overview
        for office in {w.office for w in laptop.workers.find()}:
            assert office not in overview
        assert str(device) not in other.get("/laptops").text
        assert str(device) not in other.get("/uploads").text
        for url in (f"/laptops/{device}", f"/laptops/{device}/uploads.csv",
                    f"/laptops/{device}/refusals.csv"):
            assert other.get(url).status_code == 403, url
        for url in ("/overview/observations-by-office.csv", "/laptops/laptops.csv",
                    "/laptops/refusals.csv",
                    "/uploads/uploads.csv", "/overview/share-accomplished-by-element-and-month.csv"):
            assert len(other.get(url).text.splitlines()) == 1, url  # the header only
        form = other.get("/laptops").text
        assert "Revoke" not in form  # an analyst has no revoke button ...
        refused = other.post(f"/laptops/{device}/revoke",
                             data={"csrf_token": form_token(overview)})
        assert refused.status_code == 403 and hub.devices()[0].revoked_at is None  # ... nor right
    with signed_in(served.url, "office@example.org") as supervisor:
        assert supervisor.get("/laptops").status_code == 403  # a supervisor reads the overview
        assert supervisor.get("/overview").status_code == 200
    # The access log names accounts, routes and ids, never a county, office or name.
    with hub.store.read() as session:
        lines = [(line.account_id, line.route, line.target)
                 for line in account_repo.access_log(session=session)]
    logged = " ".join(f"{route} {target}" for _account, route, target in lines)
    assert "/laptops/{device_id}" in logged and str(device) in logged
    assert county not in logged and all(account for account, _r, _t in lines)


def test_names_and_offices_from_a_real_bundle_are_escaped_on_every_page(
        hub_setup: HubSetup, served: ServedHub, hub: Hub, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "laptop") as laptop:
        laptop.profile.update_coach(name=HOSTILE_NAME, county=HOSTILE_COUNTY,
                                    office=HOSTILE_OFFICE)
        worker = laptop.workers.add(HOSTILE_NAME, office=HOSTILE_OFFICE, county=HOSTILE_COUNTY)
        draft = laptop.observations.start(worker.id, "cpm-practice", "home_visit")
        laptop.observations.rate(draft.id, "engage.1", 3)
        laptop.observations.write_notes(draft.id, strengths=HOSTILE_NAME)
        laptop.observations.finalize(draft.id, allow_partial=True)
        enroll(hub, laptop, hub_setup, served.url, name=HOSTILE_NAME)
        assert laptop.sync.sync_now().ok
    device = hub.devices()[0].id
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        offices = sorted(set(re.findall(r'href="(/offices/[^"]+)"',
                                        admin.get("/overview").text)))
        assert len(offices) == 1  # the hostile office links to its own page
        pages = ["/overview", "/laptops", f"/laptops/{device}", "/uploads", offices[0],
                 f"/workers/{worker.id}", "/leadership", "/agreement", "/instruments",
                 "/invitations", "/accounts"]
        seen = {url: admin.get(url) for url in pages}
        for url, answer in seen.items():
            assert answer.status_code == 200, url
            assert "<script>" not in answer.text and "<img" not in answer.text, url
            assert "<svg" not in answer.text, url
            assert "script-src" not in answer.headers["content-security-policy"]
        # The values are there, shown as text.
        assert escape(HOSTILE_OFFICE) in seen["/overview"].text
        assert escape(HOSTILE_COUNTY) in seen["/overview"].text
        assert escape(HOSTILE_NAME) in seen["/laptops"].text
        for url in (offices[0], f"/workers/{worker.id}"):
            assert escape(HOSTILE_NAME) in seen[url].text, url
            assert escape(HOSTILE_OFFICE) in seen[url].text, url
        rows = list(csv.reader(io.StringIO(admin.get("/laptops/laptops.csv").text)))
        assert rows[1][1:4] == [HOSTILE_NAME, HOSTILE_COUNTY, HOSTILE_OFFICE]  # text, not HTML


@pytest.mark.fuzz
def test_hostile_sign_in_forms_get_a_clear_refusal_and_no_session(
        hub_setup: HubSetup, served: ServedHub) -> None:
    add_account(hub_setup.folder, ADMIN)
    with httpx.Client(base_url=served.url, timeout=30) as client:
        page = client.get("/signin")
        token = form_token(page.text)

        # After 20 failures from loopback the rest meet the throttle (429): also a refusal.
        @settings(max_examples=examples(20), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(email=st.text(max_size=300), password=st.text(max_size=300),
               extra=st.dictionaries(st.text(max_size=20), st.text(max_size=50), max_size=3),
               raw=st.binary(max_size=200))
        def attempt(email: str, password: str, extra: dict[str, str], raw: bytes) -> None:
            client.cookies.set("cfpm_signin_csrf", token)
            answer = client.post("/signin", data={**extra, "email": email, "password": password,
                                                  "csrf_token": token})
            assert answer.status_code in (401, 403, 422, 429), answer.status_code
            assert "cfpm_session=" not in answer.headers.get("set-cookie", "")
            junk = client.post("/signin", content=raw,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert junk.status_code in (401, 403, 422, 429), junk.status_code

        attempt()
