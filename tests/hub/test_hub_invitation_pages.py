"""Invitations made in the browser, against a real `hub serve`: the admin's page shows the code,
the link and a QR code drawn on the hub; a real laptop joins with that code and syncs; the admin
withdraws another, whose code is then refused; the coach's /join page needs no account."""

import re

import httpx

from cfpm_coach.hub import invitations
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import HubSetup, ServedHub
from tests.hub.dashboard_helpers import add_account, form_token, signed_in

ADMIN = "admin@example.org"


def _invite(admin: httpx.Client, url: str, coach: str, office: str = "") -> httpx.Response:
    token = form_token(admin.get("/invitations").text)
    return admin.post("/invitations", data={"csrf_token": token, "coach": coach,
                                            "office": office, "expires_in": "7d",
                                            "hub_url": url})


def test_an_invitation_made_in_the_browser_lets_a_real_laptop_join_and_sync(
        hub_setup: HubSetup, served: ServedHub, hub: Hub, laptop: Workspace) -> None:
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        made = _invite(admin, served.url, "Maria <b>Lopez</b>", "North")
        assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
        code = re.search(r'id="invitation-code">([0-9A-Z-]+)<', made.text)
        link = re.search(r'id="invitation-link">([^<]+)<', made.text)
        assert code and link and "Maria &lt;b&gt;Lopez&lt;/b&gt;" in made.text
        assert re.search(r"<svg[^>]*>.*<path", made.text, re.S)  # the QR code, inline
        assert "<script" not in made.text.lower()
        assert link.group(1).replace("&amp;", "&") == invitations.join_link(served.url,
                                                                            code.group(1))
        png = admin.post("/invitations/qr.png", data={
            "csrf_token": form_token(made.text), "code": code.group(1), "hub_url": served.url})
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert "Maria &lt;b&gt;Lopez&lt;/b&gt;" in admin.get("/invitations").text

        joined = laptop.joining.join_team(link.group(1).replace("&amp;", "&"))  # pasted whole
        assert joined.coach_name == "Maria <b>Lopez</b>"
        assert laptop.sync.sync_now().ok
        [device] = hub.devices()
        listing = admin.get("/invitations").text
        assert f'href="/laptops/{device.id}"' in listing and "used" in listing

        # Withdrawn: the code is refused (410) and the laptop stays out.
        second = _invite(admin, served.url, "Second Coach")
        second_code = re.search(r'id="invitation-code">([0-9A-Z-]+)<', second.text)
        assert second_code
        [waiting] = [i for i in invitations.listing(hub) if i.coach_name == "Second Coach"]
        withdrawn = admin.post(f"/invitations/{waiting.id}/withdraw",
                               data={"csrf_token": form_token(second.text)})
        assert withdrawn.status_code == 303
        assert "The invitation was withdrawn." in admin.get(withdrawn.headers["location"]).text
        refused = httpx.post(f"{served.url}/api/v1/join", timeout=30, json={
            "code": second_code.group(1), "device_public_key": "x" * 44,
            "device_id": "00000000-0000-4000-8000-000000000000"})
        assert refused.status_code in (410, 422)
        again = admin.post(f"/invitations/{waiting.id}/withdraw",
                           data={"csrf_token": form_token(second.text)})
        assert again.status_code == 422  # withdrawn already: said, not a 500
        for bad in ({"coach": "", "expires_in": "7d", "hub_url": served.url},
                    {"coach": "C", "expires_in": "365d", "hub_url": served.url},
                    {"coach": "C", "expires_in": "7d", "hub_url": "http://example.org"},
                    {"coach": "C", "expires_in": "7d", "hub_url": "javascript:alert(1)"}):
            answer = admin.post("/invitations", data={"csrf_token": form_token(second.text),
                                                      **bad})
            assert answer.status_code == 422, bad
    assert len(invitations.listing(hub)) == 2
    # The link's page, for the coach: no account, no script.
    page = httpx.get(f"{served.url}/join", timeout=30)
    assert page.status_code == 200
    assert "Join your team" in page.text and served.url in page.text
    assert "<script" not in page.text.lower() and "Sign out" not in page.text

