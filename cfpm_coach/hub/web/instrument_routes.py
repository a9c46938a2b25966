"""The instruments page (what the hub knows and how many observations use each version), where a
whole-hub admin publishes a version; and GET /api/v1/instruments, from which laptops receive
the published versions at sync."""

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from cfpm_coach.domain.catalog import MAX_FILE_BYTES
from cfpm_coach.errors import InstrumentError, InvalidInputError
from cfpm_coach.hub import publishing
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web import security
from cfpm_coach.hub.web.drilldown_routes import Pages, pick
from cfpm_coach.hub.web.instrument_figures import instruments_table
from cfpm_coach.sync import instrument_signature

READERS = ("admin", "analyst")
SignedInReader = Annotated[security.Reader, Depends(security.reader)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]
# Percent-encoding can triple an instrument's bytes in a form.
MAX_PUBLISH_FORM_BYTES = 3 * MAX_FILE_BYTES + 4096


def install(app: FastAPI, hub: Hub, pages: Pages) -> None:
    """Add the instruments page, publishing and the laptops' instruments API."""
    publishing.load_into_catalog(hub)

    def page(request: Request, found: security.Reader, status: int = 200, message: str = "",
             text: str = "") -> Response:
        account = found.account
        return pages.page(
            request, "instruments.html", status, visit=found.visit, title="Instruments",
            scope=account.scope, instruments=instruments_table(hub, account.scope),
            may_publish=account.may("admin") and account.scope.kind == "hub",
            message=message, text=text, published=request.query_params.get("published", ""))

    @app.get("/instruments", include_in_schema=False)
    def _instruments(request: Request, found: SignedInReader) -> Response:
        return pages.guarded(request, found, READERS, lambda: page(request, found))

    @app.get("/instruments/{table}.csv", include_in_schema=False)
    def _instruments_csv(request: Request, table: str, found: SignedInReader) -> Response:
        return pages.guarded(request, found, READERS, lambda: pages.csv_download(
            pick([instruments_table(hub, found.account.scope)], table)))

    @app.post("/instruments/publish", include_in_schema=False)
    async def _publish(request: Request, found: SignedInReader) -> Response:
        form = await security.read_form(request, MAX_PUBLISH_FORM_BYTES)

        def act() -> Response:
            security.check_csrf(found, form)
            text = form.get("instrument", "")
            try:
                outcome = publishing.publish(hub, found.account, text)
            except (InstrumentError, InvalidInputError) as exc:
                return page(request, found, 422, str(exc), text[:MAX_FILE_BYTES])
            said = "new" if outcome.created else "again"
            key = f"{outcome.instrument.id}+v{outcome.instrument.version}"
            return security.harden(RedirectResponse(
                f"/instruments?published={key}+{said}", status_code=303))
        return await run_in_threadpool(pages.guarded, request, found, ("admin",), act)

    @app.get("/api/v1/instruments", tags=["laptops"])
    def _published(credentials: Credentials) -> JSONResponse:
        """The instrument versions published at the hub, each signed with the hub's publisher
        key, for an enrolled laptop's sync."""
        hub.check_device_token(credentials.credentials if credentials else None)
        body: list[dict[str, Any]] = [
            {"id": p.instrument_id, "version": p.version, "content_hash": p.content_hash,
             "yaml": p.body, "signature": instrument_signature.sign(
                 hub.publisher, p.instrument_id, p.version, p.content_hash, p.body)}
            for p in publishing.published(hub)]
        return JSONResponse({"instruments": body})
