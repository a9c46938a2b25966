"""Accounts in the browser: an admin lists the accounts of their part of the hub, adds one with a
role and a scope (the person then sets their own password with a one-time code), disables,
enables and resets one. /set-password is where that person uses the code."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from cfpm_coach.errors import InvalidInputError, ThrottledError, UnauthorizedError
from cfpm_coach.hub.account_admin import SETUP_LIFETIME, AccountAdmin, PasswordSetup, set_password
from cfpm_coach.hub.accounts import ROLES
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web import security
from cfpm_coach.hub.web.drilldown_routes import Pages

ADMIN = ("admin",)
SignedInReader = Annotated[security.Reader, Depends(security.reader)]
NOTICES = {"disabled": "The account was disabled; its sessions ended.",
           "enabled": "The account was enabled again."}


def _origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def install(app: FastAPI, hub: Hub, pages: Pages) -> None:
    """Add the account pages and /set-password to the hub's app."""
    admin = AccountAdmin(hub.store)

    def listing(request: Request, found: security.Reader, status: int = 200,
                message: str = "", form: dict[str, str] | None = None) -> Response:
        return pages.page(request, "accounts.html", status, visit=found.visit, title="Accounts",
                          scope=found.account.scope, accounts=admin.managed(found.account),
                          roles=ROLES, message=message, form=form or {},
                          notice=NOTICES.get(request.query_params.get("done", "")))

    def code_page(request: Request, found: security.Reader, setup: PasswordSetup,
                  made: bool) -> Response:
        return pages.page(request, "account_code.html", visit=found.visit,
                          title="Account added" if made else "Sign-in reset",
                          current="/accounts", setup=setup, made=made,
                          address=_origin(request) + "/set-password",
                          days=SETUP_LIFETIME.days)

    async def acting(request: Request, found: security.Reader,
                     act: Callable[[dict[str, str]], Response]) -> Response:
        form = await security.read_form(request)

        def checked() -> Response:
            security.check_csrf(found, form)
            return act(form)
        return await run_in_threadpool(pages.guarded, request, found, ADMIN, checked)

    @app.get("/accounts", include_in_schema=False)
    def _accounts(request: Request, found: SignedInReader) -> Response:
        return pages.guarded(request, found, ADMIN, lambda: listing(request, found))

    @app.post("/accounts", include_in_schema=False)
    async def _add(request: Request, found: SignedInReader) -> Response:
        def act(form: dict[str, str]) -> Response:
            try:
                setup = admin.create(found.account, form.get("email", "")[:254],
                                     form.get("role", ""), _scope_text(form))
            except InvalidInputError as exc:
                return listing(request, found, 422, str(exc) + ".", form)
            return code_page(request, found, setup, made=True)
        return await acting(request, found, act)

    def change(path: str, action: Callable[[security.Reader, str], Any], done: str) -> None:
        async def _change(request: Request, account_id: str, found: SignedInReader) -> Response:
            def act(_form: dict[str, str]) -> Response:
                result = action(found, account_id)
                if isinstance(result, PasswordSetup):
                    return code_page(request, found, result, made=False)
                return security.harden(RedirectResponse(f"/accounts?done={done}",
                                                        status_code=303))
            return await acting(request, found, act)
        app.post(path, include_in_schema=False)(_change)

    change("/accounts/{account_id}/disable",
           lambda f, a: admin.set_enabled(f.account, a, enabled=False), "disabled")
    change("/accounts/{account_id}/enable",
           lambda f, a: admin.set_enabled(f.account, a, enabled=True), "enabled")
    change("/accounts/{account_id}/reset", lambda f, a: admin.reset(f.account, a), "reset")

    # -- the person sets their password ------------------------------------------------------

    def setup_form(request: Request, status: int = 200, message: str = "",
                   email: str = "") -> Response:
        token = security.new_csrf()
        response = pages.page(request, "set_password.html", status, title="Set your password",
                              csrf_token=token, email=email, message=message)
        security.set_cookie(response, request, security.SIGNIN_CSRF_COOKIE, token)
        return response

    @app.get("/set-password", include_in_schema=False)
    def _setup_form(request: Request) -> Response:
        return setup_form(request)

    @app.post("/set-password", include_in_schema=False)
    async def _setup(request: Request) -> Response:
        form = await security.read_form(request)
        email = form.get("email", "")[:254]
        cookie = request.cookies.get(security.SIGNIN_CSRF_COOKIE, "")
        if not (cookie and security.same_token(form.get("csrf_token"), cookie)):
            return setup_form(request, 403, "The form was out of date; please try again.", email)
        password = form.get("password", "")
        if password != form.get("password_again", ""):
            return setup_form(request, 422, "The two passwords differ; type them again.", email)
        address = request.client.host if request.client else "unknown"
        try:
            await run_in_threadpool(set_password, hub.store, email, form.get("code", ""),
                                    password, address)
        except ThrottledError as exc:
            return setup_form(request, 429, str(exc) + ".", email)
        except UnauthorizedError as exc:
            return setup_form(request, 401, str(exc) + ".", email)
        except InvalidInputError as exc:
            return setup_form(request, 422, str(exc) + ".", email)
        response = security.harden(RedirectResponse("/signin?password=set", status_code=303))
        security.clear_cookie(response, request, security.SIGNIN_CSRF_COOKIE)
        return response


def _scope_text(form: dict[str, str]) -> str:
    """The form's scope: a kind (hub, county, office) and, for the last two, a name."""
    kind = form.get("scope_kind", "")[:20]
    name = form.get("scope_name", "")[:240].strip()
    return kind if kind == "hub" else f"{kind}:{name}"
