"""Accounts managed in the browser, over HTTP against a real `hub serve`: an admin adds an
account whose person sets their own password with a one-time code, disables, enables and resets
it; a county admin manages only their county; non-admins, forged forms and hostile fields are
refused with a 4xx and change nothing; the access log names ids only."""

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.sync import SyncSettings
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import account_repo
from tests.fuzzing import examples
from tests.hub.conftest import ServedHub, free_port
from tests.hub.dashboard_helpers import add_account, form_token, sign_in, signed_in

ADMIN = "lead@example.org"


@dataclass
class Site:
    """One served hub for this module (a hub process takes seconds to start): each test adds
    accounts of its own, under its own emails."""

    folder: Path
    served: ServedHub
    hub: Hub

    def admin(self, email: str, scope: str = "hub") -> str:
        add_account(self.folder, email, "admin", scope)
        return email


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("accounts-hub") / "hub"
    hub, _recipient, _token = Hub.init(folder)
    server = ServedHub(folder, free_port()).start()
    yield Site(folder, server, hub)
    server.stop()
    hub.close()
NEW_PASSWORD = "a long new password 123"
_CODE = re.compile(r'id="setup-code">([0-9A-Z-]+)<')


def _accounts(hub: Hub) -> list[tuple[Any, ...]]:
    """Everything account management could change, to compare before and after."""
    with hub.store.read() as session:
        return sorted((a.email, a.role, a.scope_kind, a.scope_value, a.password_hash,
                       a.disabled_at) for a in account_repo.accounts(session=session))


def _account_id(hub: Hub, email: str) -> str:
    with hub.store.read() as session:
        found = account_repo.account_by_email(session=session, email=email)
        assert found is not None
        return str(found.id)


def _set_password(url: str, email: str, code: str, password: str = NEW_PASSWORD
                  ) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=30) as person:
        page = person.get("/set-password")
        assert page.status_code == 200
        return person.post("/set-password", data={
            "email": email, "code": code, "password": password, "password_again": password,
            "csrf_token": form_token(page.text)})


def _add(admin: httpx.Client, **fields: str) -> httpx.Response:
    token = form_token(admin.get("/accounts").text)
    return admin.post("/accounts", data={"csrf_token": token, **fields})


def test_an_admin_adds_an_account_its_person_sets_a_password_and_the_admin_disables_and_resets_it(
        site: Site) -> None:
    served, hub = site.served, site.hub
    site.admin(ADMIN)
    person = "ana@example.org"
    with signed_in(served.url, ADMIN) as admin:
        made = _add(admin, email=person, role="analyst", scope_kind="county",
                    scope_name="Fresno")
        assert made.status_code == 200, made.text
        code = _CODE.search(made.text)
        assert code and f"{served.url}/set-password" in made.text
        assert "waiting for a password" in admin.get("/accounts").text
        account_id = _account_id(hub, person)
        # No password yet: nothing signs in, not even an empty or a guessed one.
        with httpx.Client(base_url=served.url, timeout=30) as guesser:
            assert sign_in(guesser, person, "!unset").status_code == 401
        assert _set_password(served.url, person, "AAAA-BBBB-CCCC").status_code == 401
        assert _set_password(served.url, "other@example.org", code.group(1)).status_code == 401
        done = _set_password(served.url, person, code.group(1).lower())  # as typed
        assert done.status_code == 303 and done.headers["location"] == "/signin?password=set"
        assert _set_password(served.url, person, code.group(1), "another long password"
                             ).status_code == 401  # used once
        with signed_in(served.url, person, NEW_PASSWORD) as ana:
            overview = ana.get("/overview")
            assert overview.status_code == 200 and "analyst · county Fresno" in overview.text
            assert ana.get("/accounts").status_code == 403
            # Disabled: the session ends at once, signing in is refused.
            token = form_token(admin.get("/accounts").text)
            assert admin.post(f"/accounts/{account_id}/disable",
                              data={"csrf_token": token}).status_code == 303
            assert ana.get("/overview").status_code == 303
        with httpx.Client(base_url=served.url, timeout=30) as again:
            assert sign_in(again, person, NEW_PASSWORD).status_code == 401
        assert "disabled" in admin.get("/accounts?done=disabled").text
        assert admin.post(f"/accounts/{account_id}/enable",
                          data={"csrf_token": token}).status_code == 303
        with signed_in(served.url, person, NEW_PASSWORD) as ana:
            reset = admin.post(f"/accounts/{account_id}/reset", data={"csrf_token": token})
            assert reset.status_code == 200
            fresh = _CODE.search(reset.text)
            assert fresh and fresh.group(1) != code.group(1)
            assert ana.get("/overview").status_code == 303  # signed out everywhere
        with httpx.Client(base_url=served.url, timeout=30) as old:
            assert sign_in(old, person, NEW_PASSWORD).status_code == 401
        assert _set_password(served.url, person, fresh.group(1), "the third password!"
                             ).status_code == 303
        with httpx.Client(base_url=served.url, timeout=30) as back:
            assert sign_in(back, person, "the third password!").status_code == 303
        # The admin cannot disable or reset their own account (no lock-out by a slip).
        mine = _account_id(hub, ADMIN)
        for action in ("disable", "reset"):
            assert admin.post(f"/accounts/{mine}/{action}",
                              data={"csrf_token": token}).status_code == 403
    with hub.store.read() as session:
        lines = [(line.method, line.route, line.target)
                 for line in account_repo.access_log(session=session)]
    assert ("POST", "/accounts/{account_id}/disable", f"account_id={account_id}") in lines
    logged = " ".join(f"{r} {t}" for _m, r, t in lines)
    assert person not in logged and "Fresno" not in logged and code.group(1) not in logged


def _synced(site: Site, laptop: Workspace) -> tuple[str, str, str]:
    """A laptop's demo data at the hub: (its county, one of its offices, another county)."""
    token = site.hub.enroll(laptop.exchange.device_public_key(), "Coach",
                            laptop.author.device_id).token
    laptop.sync.save_settings(SyncSettings(hub_url=site.served.url, token=token,
                                           recipient=site.hub.recipient))
    assert laptop.sync.sync_now().ok
    worker = laptop.workers.find()[0]
    return worker.county, worker.office, "Another County"


def test_a_county_admin_manages_only_accounts_and_invitations_of_their_county(
        site: Site, laptop: Workspace) -> None:
    served, hub, folder = site.served, site.hub, site.folder
    county, office, other = _synced(site, laptop)
    lead = site.admin("head@example.org")
    site.admin("county-admin@example.org", f"county:{county}")
    add_account(folder, "mine@example.org", "analyst", f"office:{office}")
    add_account(folder, "theirs@example.org", "analyst", f"county:{other}")
    add_account(folder, "reader@example.org", "analyst", "hub")
    theirs = _account_id(hub, "theirs@example.org")
    with signed_in(served.url, lead) as admin:  # an invitation for the other county's office
        token = form_token(admin.get("/invitations").text)
        assert admin.post("/invitations", data={
            "csrf_token": token, "coach": "Far Coach", "office": "Elsewhere",
            "expires_in": "7d", "hub_url": served.url}).status_code == 200
        far = re.search(r'data-invitation="([^"]+)"', admin.get("/invitations").text)
    assert far
    before = _accounts(hub)
    with signed_in(served.url, "county-admin@example.org") as county_admin:
        listed = county_admin.get("/accounts").text
        assert "mine@example.org" in listed and "county-admin@example.org" in listed
        for hidden in ("theirs@example.org", lead, "reader@example.org", ADMIN):
            assert hidden not in listed, hidden
        token = form_token(listed)
        for action in ("disable", "enable", "reset"):
            answer = county_admin.post(f"/accounts/{theirs}/{action}", data={"csrf_token": token})
            assert answer.status_code == 403, action
        for scope_kind, scope_name in (("hub", ""), ("county", other), ("office", "Elsewhere")):
            answer = _add(county_admin, email="new@example.org", role="admin",
                          scope_kind=scope_kind, scope_name=scope_name)
            assert answer.status_code == 403, scope_kind
        assert _accounts(hub) == before
        assert "Far Coach" not in county_admin.get("/invitations").text
        assert county_admin.post(f"/invitations/{far.group(1)}/withdraw",
                                 data={"csrf_token": token}).status_code == 403
        assert county_admin.post("/invitations", data={
            "csrf_token": token, "coach": "X", "office": "Elsewhere", "expires_in": "7d",
            "hub_url": served.url}).status_code == 403
        # Within the county: an office account, and an invitation for that office.
        assert _add(county_admin, email="new@example.org", role="supervisor",
                    scope_kind="office", scope_name=office).status_code == 200
        made = county_admin.post("/invitations", data={
            "csrf_token": token, "coach": "Near Coach", "office": office, "expires_in": "1d",
            "hub_url": served.url})
        assert made.status_code == 200 and "<svg" in made.text
    assert [i.state for i in _invitations_of(hub, "Far Coach")] == ["open"]
    with signed_in(served.url, "reader@example.org") as analyst:  # not an admin
        token = form_token(analyst.get("/overview").text)
        for url in ("/accounts", "/invitations"):
            assert analyst.get(url).status_code == 403, url
        for url, data in (("/accounts", {"email": "x@example.org", "role": "admin",
                                         "scope_kind": "hub"}),
                          (f"/accounts/{theirs}/disable", {}), (f"/accounts/{theirs}/reset", {}),
                          ("/invitations", {"coach": "X", "expires_in": "7d",
                                            "hub_url": served.url}),
                          (f"/invitations/{far.group(1)}/withdraw", {})):
            assert analyst.post(url, data={"csrf_token": token, **data}).status_code == 403, url
        assert "Accounts" not in analyst.get("/overview").text.split("<main>")[0]
    assert [i.state for i in _invitations_of(hub, "Far Coach")] == ["open"]
    assert len(_accounts(hub)) == len(before) + 1


def _invitations_of(hub: Hub, coach: str) -> list[Any]:
    from cfpm_coach.hub import invitations

    return [i for i in invitations.listing(hub) if i.coach_name == coach]


def test_forms_with_a_forged_token_are_refused_and_change_nothing(
        site: Site) -> None:
    served, hub = site.served, site.hub
    lead = site.admin("forged-lead@example.org")
    add_account(site.folder, "forged-other@example.org", "analyst")
    other = _account_id(hub, "forged-other@example.org")
    with signed_in(served.url, lead) as admin:
        token = form_token(admin.get("/invitations").text)
        admin.post("/invitations", data={"csrf_token": token, "coach": "C", "expires_in": "7d",
                                         "hub_url": served.url})
        [invitation] = _invitations_of(hub, "C")
        before = _accounts(hub)
        altered = token[:-1] + ("B" if token.endswith("A") else "A")
        posts = [("/accounts", {"email": "new@example.org", "role": "admin", "scope_kind": "hub"}),
                 (f"/accounts/{other}/disable", {}), (f"/accounts/{other}/reset", {}),
                 ("/invitations", {"coach": "D", "expires_in": "7d", "hub_url": served.url}),
                 (f"/invitations/{invitation.id}/withdraw", {}),
                 ("/invitations/qr.png", {"code": "ABCD-EFGH-JK12", "hub_url": served.url})]
        for url, data in posts:
            for forged in ({}, {"csrf_token": ""}, {"csrf_token": altered}):
                answer = admin.post(url, data={**data, **forged})
                assert answer.status_code == 403, (url, forged)
        assert _accounts(hub) == before
        assert [i.state for i in _invitations_of(hub, "C")] == ["open"]
        assert _invitations_of(hub, "D") == []
    with httpx.Client(base_url=served.url, timeout=30) as stranger:  # the public form too
        answer = stranger.post("/set-password", data={
            "email": "forged-other@example.org", "code": "ABCD-EFGH-JK12",
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD, "csrf_token": "guessed"})
        assert answer.status_code == 403
    assert _accounts(hub) == before


@pytest.mark.fuzz
def test_hostile_account_forms_get_a_4xx_and_change_nothing(
        site: Site) -> None:
    hub = site.hub
    with signed_in(site.served.url, site.admin("fresno@example.org", "county:Fresno")) as admin:
        token = form_token(admin.get("/accounts").text)
        texts = st.text(max_size=300)

        @settings(max_examples=examples(25), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(email=texts | st.emails(), role=texts | st.sampled_from(["admin", "analyst"]),
               scope_kind=texts | st.sampled_from(["hub", "county", "office"]),
               scope_name=texts | st.just("Fresno"),
               extra=st.dictionaries(st.text(max_size=20), st.text(max_size=50), max_size=3),
               raw=st.binary(max_size=300))
        def attempt(email: str, role: str, scope_kind: str, scope_name: str,
                    extra: dict[str, str], raw: bytes) -> None:
            before = _accounts(hub)
            answer = admin.post("/accounts", data={
                **extra, "email": email, "role": role, "scope_kind": scope_kind,
                "scope_name": scope_name, "csrf_token": token})
            made = answer.status_code == 200 and "setup-code" in answer.text
            if made:  # only a valid account within the admin's county
                assert role in ("admin", "analyst") and scope_kind == "county"
                assert scope_name.strip() == "Fresno"
                assert len(_accounts(hub)) == len(before) + 1
            else:
                assert 400 <= answer.status_code < 500, answer.status_code
                assert _accounts(hub) == before
            junk = admin.post("/accounts", content=raw,
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert 400 <= junk.status_code < 500, junk.status_code
            for action in ("disable", "reset"):
                target = quote(email[:60] or str(uuid.uuid4()), safe="")
                wild = admin.post(f"/accounts/{target}/{action}",
                                  data={"csrf_token": token})
                assert 400 <= wild.status_code < 500, (target, wild.status_code)

        before_all = _accounts(hub)
        attempt()
        assert all(row in _accounts(hub) for row in before_all)


def test_set_password_refuses_hostile_forms_without_a_500(
        site: Site) -> None:
    served, hub = site.served, site.hub
    site.admin("set-lead@example.org")
    before = _accounts(hub)
    for fields in ({"email": "", "code": "", "password": "", "password_again": ""},
                   {"email": "set-lead@example.org", "code": "x" * 500, "password": "short",
                    "password_again": "short"},
                   {"email": "set-lead@example.org", "code": "ABCD-EFGH-JK12", "password": NEW_PASSWORD,
                    "password_again": "different"},
                   {"email": "<script>", "code": "\x00", "password": "y" * 2000,
                    "password_again": "y" * 2000}):
        answer = _set_password_raw(served.url, fields)
        assert 400 <= answer.status_code < 500, (fields, answer.status_code)
        assert "<script>" not in answer.text
    assert _accounts(hub) == before


def _set_password_raw(url: str, fields: dict[str, str]) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=30) as person:
        token = form_token(person.get("/set-password").text)
        return person.post("/set-password", data={**fields, "csrf_token": token})

