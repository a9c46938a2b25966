"""How the dashboard knows who is asking: session cookies, personal API tokens, CSRF tokens on
forms, and the headers every page carries."""

import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from cfpm_coach.errors import ForbiddenError, InvalidInputError, UnauthorizedError
from cfpm_coach.hub.accounts import Account, Accounts, Visit, same_token

SESSION_COOKIE = "cfpm_session"
SIGNIN_CSRF_COOKIE = "cfpm_signin_csrf"
MAX_FORM_BYTES = 16 * 1024
# Pages load only the hub's own stylesheet; no script, no frames, forms post only here.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


class SignInRequired(Exception):  # noqa: N818  (a redirect, not an error)
    """No valid session: a page answers with a redirect to the sign-in page."""


@dataclass(frozen=True)
class Reader:
    """Who is reading: an account, and its browser session if it came with one (forms need it)."""

    account: Account
    visit: Visit | None


def secure_request(request: Request) -> bool:
    """Whether the browser reached the hub over TLS (directly or through a proxy that says so)."""
    return request.url.scheme == "https" or \
        request.headers.get("x-forwarded-proto", "").lower() == "https"


def set_cookie(response: Response, request: Request, name: str, value: str,
               max_age: int | None = None) -> None:
    """An HttpOnly, SameSite=Strict cookie for the whole hub, Secure over TLS."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="strict", secure=secure_request(request))


def clear_cookie(response: Response, request: Request, name: str) -> None:
    """Tell the browser to forget a cookie."""
    response.delete_cookie(name, path="/", httponly=True, samesite="strict",
                           secure=secure_request(request))


def harden(response: Response) -> Response:
    """Headers for every dashboard response: no caching, no framing, no sniffing, no scripts."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    return response


def new_csrf() -> str:
    """A fresh random form token."""
    return secrets.token_urlsafe(32)


async def read_form(request: Request, max_bytes: int = MAX_FORM_BYTES) -> dict[str, str]:
    """A small urlencoded form (the dashboard's forms have a few short fields, but for an
    instrument's text); an empty body is an empty form (its missing CSRF token is then
    refused)."""
    if request.headers.get("content-length") == "0":
        return {}
    if request.headers.get("content-type", "").split(";")[0].strip() != \
            "application/x-www-form-urlencoded":
        raise InvalidInputError("form: send application/x-www-form-urlencoded")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise InvalidInputError("form: the form is too large")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise InvalidInputError("form: the form cannot be read") from None
    return dict(pairs)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _target(request: Request) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(request.path_params.items()))


def _route(request: Request) -> str:
    route = request.scope.get("route")
    return str(getattr(route, "path", request.url.path))


async def reader(request: Request) -> Reader:
    """The account behind a session cookie or a personal API token; logs the access."""
    accounts: Accounts = request.app.state.accounts
    token = _bearer(request)
    if token is not None:
        account = await run_in_threadpool(accounts.by_token, token)
        if account is None:
            raise UnauthorizedError("This is not a personal API token of an enabled account")
        found = Reader(account, None)
    else:
        try:
            visit = await run_in_threadpool(accounts.visit, request.cookies.get(SESSION_COOKIE))
        except UnauthorizedError:
            raise SignInRequired() from None
        found = Reader(visit.account, visit)
    await run_in_threadpool(accounts.log_access, found.account, request.method, _route(request),
                            _target(request))
    return found


def check_csrf(found: Reader, form: dict[str, str]) -> Visit:
    """The session a form was posted from, if its CSRF token is the session's."""
    if found.visit is None:
        raise UnauthorizedError("Forms are for signed-in browsers, not API tokens")
    if not same_token(form.get("csrf_token"), found.visit.csrf_token):
        raise ForbiddenError("The form's security token is missing or out of date; reload the "
                             "page and try again (nothing was changed)")
    return found.visit
