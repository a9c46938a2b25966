"""Signing in to a served hub's dashboard as a browser would (cookies, form tokens)."""

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import httpx

from cfpm_coach.hub.accounts import Accounts, Scope
from cfpm_coach.hub.service import Hub

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_account(folder: Path, email: str, role: str = "admin", scope: str = "hub") -> None:
    """An account in the hub folder (as `hub user add` makes it)."""
    with Hub.open(folder) as hub:
        Accounts(hub.store).add(email, PASSWORD, role, Scope.parse(scope))


def form_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = _TOKEN.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def sign_in(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    """Open the sign-in page and post its form; the answer (a 303 when it worked)."""
    page = client.get("/signin")
    return client.post("/signin", data={"email": email, "password": password,
                                        "csrf_token": form_token(page.text)})


@contextlib.contextmanager
def signed_in(url: str, email: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    """A client holding a signed-in session."""
    with httpx.Client(base_url=url, timeout=30) as client:
        answer = sign_in(client, email, password)
        assert answer.status_code == 303 and answer.headers["location"] == "/overview", \
            answer.text
        yield client
