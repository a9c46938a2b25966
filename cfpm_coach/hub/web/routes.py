"""The dashboard's pages and CSV downloads, served by `hub serve` beside the JSON API."""

import logging
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader

from cfpm_coach import __version__
from cfpm_coach.errors import (
    CoachError,
    ConstraintError,
    HubError,
    NotFoundError,
    StoreError,
    ThrottledError,
    UnauthorizedError,
)
from cfpm_coach.hub.accounts import SESSION_LIFETIME, Accounts, require_role
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web import (
    admin_routes,
    drilldown_routes,
    instrument_routes,
    invitation_routes,
    printing_routes,
    security,
    team_routes,
)
from cfpm_coach.hub.web.dashboard import WEEK_CHOICES, Dashboard, Overview, parse_weeks
from cfpm_coach.hub.web.drilldown import Drilldown
from cfpm_coach.hub.web.tables import Table

log = logging.getLogger(__name__)
READERS = ("admin", "analyst")
EVERYONE = ("admin", "analyst", "supervisor")
PAGES = [("/overview", "Overview", EVERYONE), ("/leadership", "Leadership", EVERYONE),
         ("/agreement", "Agreement", READERS), ("/instruments", "Instruments", READERS),
         ("/laptops", "Laptops", READERS), ("/uploads", "Uploads", READERS),
         ("/invitations", "Invitations", ("admin",)), ("/accounts", "Accounts", ("admin",))]
SignedInReader = Annotated[security.Reader, Depends(security.reader)]


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("cfpm_coach.hub.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, pages=PAGES, when=_when)
    return env


def install(app: FastAPI, hub: Hub) -> None:
    """Add the dashboard's routes to the hub's app."""
    env = _environment()
    accounts = Accounts(hub.store)
    dashboard = Dashboard(hub)
    app.state.accounts = accounts
    stylesheet = resources.files("cfpm_coach.hub.web").joinpath("static/hub.css").read_bytes()

    def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("visit", None)
        context.setdefault("title", template.split(".")[0].title())
        context.setdefault("current", request.url.path)
        context.setdefault("pdf_href", printing_routes.pdf_href(request) if status == 200
                           else None)
        html = env.get_template(template).render(**context)
        return security.harden(HTMLResponse(html, status_code=status))

    def refused(request: Request, exc: CoachError, found: security.Reader | None) -> Response:
        return page(request, "error.html", _status_of(exc), visit=found.visit if found else None,
                    title="Not shown", message=str(exc))

    def guarded(request: Request, found: security.Reader, roles: tuple[str, ...],
                build: Callable[[], Response]) -> Response:
        try:
            require_role(found.account, *roles)
            return build()
        except CoachError as exc:
            return refused(request, exc, found)

    def csv_download(table: Table) -> Response:
        response = Response(table.as_csv(), media_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{table.name}.csv"'
        return security.harden(response)

    drawn = drilldown_routes.Pages(page, guarded, csv_download)
    drilldown_routes.install(app, Drilldown(hub), drawn)
    team_routes.install(app, hub, drawn)
    admin_routes.install(app, hub, drawn)
    invitation_routes.install(app, hub, drawn)
    instrument_routes.install(app, hub, drawn)
    printing_routes.install(app, hub, drawn)

    @app.exception_handler(security.SignInRequired)
    async def _sign_in_first(request: Request, _exc: Exception) -> Response:
        response = RedirectResponse("/signin", status_code=303)
        security.clear_cookie(response, request, security.SESSION_COOKIE)
        return security.harden(response)

    @app.get("/static/hub.css", include_in_schema=False)
    def _stylesheet() -> Response:
        return Response(stylesheet, media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "max-age=3600",
                                 "X-Content-Type-Options": "nosniff"})

    @app.get("/", include_in_schema=False)
    def _home(_found: SignedInReader) -> Response:
        return security.harden(RedirectResponse("/overview", status_code=303))

    # -- signing in and out ------------------------------------------------------------------

    @app.get("/signin", include_in_schema=False)
    def _signin_form(request: Request) -> Response:
        token = security.new_csrf()
        response = page(request, "signin.html", title="Sign in", csrf_token=token, email="",
                        message="", notice="Your password is set; sign in with it."
                        if request.query_params.get("password") == "set" else "")
        security.set_cookie(response, request, security.SIGNIN_CSRF_COOKIE, token)
        return response

    @app.post("/signin", include_in_schema=False)
    async def _signin(request: Request) -> Response:
        form = await security.read_form(request)
        email = form.get("email", "")[:254]
        token = security.new_csrf()

        def again(status: int, message: str) -> Response:
            response = page(request, "signin.html", status, title="Sign in", csrf_token=token,
                            email=email, message=message)
            security.set_cookie(response, request, security.SIGNIN_CSRF_COOKIE, token)
            return response

        cookie = request.cookies.get(security.SIGNIN_CSRF_COOKIE, "")
        if not (cookie and security.same_token(form.get("csrf_token"), cookie)):
            return again(403, "The sign-in form was out of date; please sign in again.")
        address = request.client.host if request.client else "unknown"
        try:
            signed = await run_in_threadpool(
                accounts.sign_in, email, form.get("password", ""), address,
                request.cookies.get(security.SESSION_COOKIE))
        except ThrottledError as exc:
            return again(429, str(exc) + ".")
        except UnauthorizedError:
            return again(401, "The email or the password is wrong.")
        response = security.harden(RedirectResponse("/overview", status_code=303))
        security.set_cookie(response, request, security.SESSION_COOKIE, signed.session_id,
                            int(SESSION_LIFETIME.total_seconds()))
        security.clear_cookie(response, request, security.SIGNIN_CSRF_COOKIE)
        return response

    @app.post("/signout", include_in_schema=False)
    async def _signout(request: Request, found: SignedInReader) -> Response:
        form = await security.read_form(request)
        try:
            visit = security.check_csrf(found, form)
        except CoachError as exc:
            return refused(request, exc, found)
        await run_in_threadpool(accounts.sign_out, visit)
        response = security.harden(RedirectResponse("/signin", status_code=303))
        security.clear_cookie(response, request, security.SESSION_COOKIE)
        return response

    # -- overview ----------------------------------------------------------------------------

    def overview_of(request: Request, found: security.Reader) -> Overview:
        weeks = parse_weeks(request.query_params.get("weeks"))
        return dashboard.overview(found.account.scope, weeks=weeks)

    @app.get("/overview", include_in_schema=False)
    def _overview(request: Request, found: SignedInReader) -> Response:
        return guarded(request, found, EVERYONE, lambda: page(
            request, "overview.html", visit=found.visit, title="Overview",
            scope=found.account.scope, o=overview_of(request, found), week_choices=WEEK_CHOICES))

    @app.get("/overview/{table}.csv", include_in_schema=False)
    def _overview_csv(request: Request, table: str, found: SignedInReader) -> Response:
        def build() -> Response:
            overview = overview_of(request, found)
            for candidate in overview.tables:
                if candidate.name == table:
                    return csv_download(candidate)
            return refused(request, _no_table(table), found)
        return guarded(request, found, EVERYONE, build)

    # -- laptops and uploads -----------------------------------------------------------------

    @app.get("/laptops", include_in_schema=False)
    def _laptops(request: Request, found: SignedInReader) -> Response:
        scope = found.account.scope
        return guarded(request, found, READERS, lambda: page(
            request, "laptops.html", visit=found.visit, title="Laptops", scope=scope,
            laptops=dashboard.laptops(scope), refusals=dashboard.refusals_table(scope),
            may_revoke=found.account.may("admin") and found.visit is not None,
            notice=request.query_params.get("revoked") and "The laptop was revoked."))

    @app.get("/laptops/laptops.csv", include_in_schema=False)
    def _laptops_csv(request: Request, found: SignedInReader) -> Response:
        return guarded(request, found, READERS,
                       lambda: csv_download(dashboard.laptops_table(found.account.scope)))

    @app.get("/laptops/refusals.csv", include_in_schema=False)
    def _refusals_csv(request: Request, found: SignedInReader) -> Response:
        return guarded(request, found, READERS,
                       lambda: csv_download(dashboard.refusals_table(found.account.scope)))

    @app.get("/laptops/{device_id}", include_in_schema=False)
    def _laptop(request: Request, device_id: str, found: SignedInReader) -> Response:
        scope = found.account.scope

        def build() -> Response:
            laptop = dashboard.laptop(scope, device_id)
            return page(request, "laptop.html", visit=found.visit, title="Laptop", lt=laptop,
                        current="/laptops",
                        uploads=dashboard.uploads_table(scope, laptop.id),
                        refusals=dashboard.refusals_table(scope, laptop.id))
        return guarded(request, found, READERS, build)

    @app.get("/laptops/{device_id}/{table}.csv", include_in_schema=False)
    def _laptop_csv(request: Request, device_id: str, table: str,
                    found: SignedInReader) -> Response:
        scope = found.account.scope

        def build() -> Response:
            laptop = dashboard.laptop(scope, device_id)
            if table == "uploads":
                return csv_download(dashboard.uploads_table(scope, laptop.id))
            if table == "refusals":
                return csv_download(dashboard.refusals_table(scope, laptop.id))
            return refused(request, _no_table(table), found)
        return guarded(request, found, READERS, build)

    @app.post("/laptops/{device_id}/revoke", include_in_schema=False)
    async def _revoke(request: Request, device_id: str, found: SignedInReader) -> Response:
        form = await security.read_form(request)

        def act() -> Response:
            security.check_csrf(found, form)
            laptop = dashboard.laptop(found.account.scope, device_id)
            hub.revoke(str(laptop.id))
            log.info("device %s revoked by account %s", laptop.id, found.account.id)
            return security.harden(RedirectResponse("/laptops?revoked=1", status_code=303))
        return await run_in_threadpool(guarded, request, found, ("admin",), act)

    @app.get("/uploads", include_in_schema=False)
    def _uploads(request: Request, found: SignedInReader) -> Response:
        return guarded(request, found, READERS, lambda: page(
            request, "uploads.html", visit=found.visit, title="Uploads",
            scope=found.account.scope, uploads=dashboard.uploads_table(found.account.scope)))

    @app.get("/uploads/uploads.csv", include_in_schema=False)
    def _uploads_csv(request: Request, found: SignedInReader) -> Response:
        return guarded(request, found, READERS,
                       lambda: csv_download(dashboard.uploads_table(found.account.scope)))


def _status_of(exc: CoachError) -> int:
    if isinstance(exc, HubError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreError) and not isinstance(exc, ConstraintError):
        return 503
    return 422


def _no_table(name: str) -> CoachError:
    return NotFoundError(f"This page has no table {name[:40]!r}")
