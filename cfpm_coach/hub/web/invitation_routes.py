"""Invitations in the browser: an admin invites a coach's laptop (the same one-time code as
`hub invite`, with its link and a QR code drawn on the hub, no script), sees the invitations of
their part of the hub and withdraws one; /join tells a coach what to do with a code."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from cfpm_coach.domain import invitation_code
from cfpm_coach.errors import ForbiddenError, InvalidInputError, NotFoundError
from cfpm_coach.hub import invitations
from cfpm_coach.hub.account_admin import office_within, offices_of
from cfpm_coach.hub.accounts import Account
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web import security
from cfpm_coach.hub.web.drilldown_routes import Pages
from cfpm_coach.sync.hub_address import check_hub_url

ADMIN = ("admin",)
LIFETIMES = {"1d": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}
SignedInReader = Annotated[security.Reader, Depends(security.reader)]


def _origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def visible(hub: Hub, admin: Account) -> list[invitations.InvitationView]:
    """The invitations an admin may see: for laptops of their part of the hub, or their own."""
    offices = offices_of(hub.store)
    return [i for i in invitations.listing(hub)
            if office_within(admin.scope, i.office, offices) or i.created_by == str(admin.id)]


def create(hub: Hub, admin: Account, form: dict[str, str]) -> invitations.Invitation:
    """An invitation from the form, for an office within the admin's scope."""
    office = form.get("office", "").strip()[:200] or None
    if admin.scope.kind == "office" and office is None:
        office = admin.scope.value
    if not office_within(admin.scope, office, offices_of(hub.store)):
        raise ForbiddenError(f"office: invite laptops for an office within {admin.scope} "
                             "(the office's workers must be known to the hub)")
    lifetime = LIFETIMES.get(form.get("expires_in", ""))
    if lifetime is None:
        raise InvalidInputError(f"expires in: choose one of {', '.join(LIFETIMES)}")
    hub_url = check_hub_url(form.get("hub_url", "")[:300])
    return invitations.create(hub, form.get("coach", "")[:300], office=office, lifetime=lifetime,
                              hub_url=hub_url, created_by=str(admin.id))


def install(app: FastAPI, hub: Hub, pages: Pages) -> None:
    """Add the invitation pages and /join to the hub's app."""

    def listing(request: Request, found: security.Reader, status: int = 200,
                message: str = "", form: dict[str, str] | None = None) -> Response:
        shown = visible(hub, found.account)
        return pages.page(
            request, "invitations.html", status, visit=found.visit, title="Invitations",
            scope=found.account.scope, open=[i for i in shown if i.state == "open"],
            closed=[i for i in shown if i.state != "open"][:50], lifetimes=list(LIFETIMES),
            message=message, form=form or {"hub_url": _origin(request), "expires_in": "7d"},
            notice="The invitation was withdrawn." if request.query_params.get("withdrawn")
            else "")

    @app.get("/invitations", include_in_schema=False)
    def _invitations(request: Request, found: SignedInReader) -> Response:
        return pages.guarded(request, found, ADMIN, lambda: listing(request, found))

    @app.post("/invitations", include_in_schema=False)
    async def _invite(request: Request, found: SignedInReader) -> Response:
        form = await security.read_form(request)

        def act() -> Response:
            security.check_csrf(found, form)
            try:
                made = create(hub, found.account, form)
            except ForbiddenError:
                raise
            except InvalidInputError as exc:
                return listing(request, found, 422, str(exc) + ".", form)
            link = made.link or ""
            return pages.page(request, "invitation_code.html", visit=found.visit,
                              title="Invitation made", current="/invitations", inv=made,
                              qr=Markup(invitations.qr_svg(link)))
        return await run_in_threadpool(pages.guarded, request, found, ADMIN, act)

    @app.post("/invitations/qr.png", include_in_schema=False)
    async def _qr_png(request: Request, found: SignedInReader) -> Response:
        form = await security.read_form(request)

        def act() -> Response:
            security.check_csrf(found, form)
            code = invitation_code.normalize(form.get("code", ""))
            if code is None:
                raise InvalidInputError("code: this is not an invitation code")
            link = invitations.join_link(check_hub_url(form.get("hub_url", "")[:300]),
                                         invitation_code.grouped(code))
            response = Response(invitations.qr_png(link), media_type="image/png")
            response.headers["Content-Disposition"] = 'attachment; filename="invitation-qr.png"'
            return security.harden(response)
        return await run_in_threadpool(pages.guarded, request, found, ADMIN, act)

    @app.post("/invitations/{invitation_id}/withdraw", include_in_schema=False)
    async def _withdraw(request: Request, invitation_id: str, found: SignedInReader) -> Response:
        form = await security.read_form(request)

        def act() -> Response:
            security.check_csrf(found, form)
            try:
                wanted = uuid.UUID(invitation_id)
            except ValueError:
                raise NotFoundError(f"There is no invitation {invitation_id[:40]!r}") from None
            if not any(i.id == wanted for i in visible(hub, found.account)):
                if any(i.id == wanted for i in invitations.listing(hub)):
                    raise ForbiddenError("This invitation is outside the part of the hub you "
                                         "manage")
                raise NotFoundError(f"There is no invitation {wanted}")
            invitations.cancel(hub, str(wanted))
            return security.harden(RedirectResponse("/invitations?withdrawn=1", status_code=303))
        return await run_in_threadpool(pages.guarded, request, found, ADMIN, act)

    @app.get("/join", include_in_schema=False)
    def _join(request: Request) -> Response:
        return pages.page(request, "join.html", title="Join your team", hub=_origin(request))
