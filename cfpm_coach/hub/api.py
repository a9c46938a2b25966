"""The hub's HTTP API (FastAPI): health, bundle uploads from devices, fidelity for the team."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from cfpm_coach import __version__
from cfpm_coach.domain.shipped import SHIPPED_PRACTICE
from cfpm_coach.errors import (
    BusyError,
    CoachError,
    ConstraintError,
    ForbiddenError,
    HubError,
    NotFoundError,
    StoreError,
    TooLargeError,
)
from cfpm_coach.hub import memory, refusals
from cfpm_coach.hub.accounts import Account, Accounts
from cfpm_coach.hub.join_api import join_router
from cfpm_coach.hub.service import Delivery, DeviceView, Hub
from cfpm_coach.hub.web import routes
from cfpm_coach.hub.web.dashboard import Dashboard
from cfpm_coach.storage import faults

log = logging.getLogger(__name__)
BUNDLE_TYPE = "application/octet-stream"
RETRY_AFTER_SECONDS = 5
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]


class ErrorBody(BaseModel):
    """Every refusal: a short code and a sentence for a person."""

    error: str
    detail: str


class TableCounts(BaseModel):
    """What the merge did to one table."""

    inserted: int
    updated: int
    unchanged: int
    conflicts: int


class ReceiptBody(BaseModel):
    """The hub's receipt for a bundle; a repeat of the same bundle returns the first one."""

    bundle_id: str
    duplicate: bool
    received_at: str
    hub_device_id: str
    tables: dict[str, TableCounts]


class HealthBody(BaseModel):
    """The hub is up and its database answers."""

    status: Literal["ok"]
    version: str
    schema_version: str


class FidelityBody(BaseModel):
    """Fidelity rows: the dimensions asked for, then observations, ratings and shares."""

    instrument: str
    by: list[str]
    rows: list[dict[str, str | int | float | None]]


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in {
        401: "No token, or an unknown one",
        403: "A revoked device, another device's bundle, or records another device owns",
        409: "The bundle id was received before with other bytes",
        413: "The body is over the hub's limit", 422: "A malformed request or bundle",
        503: "The hub's database is unavailable, or every upload slot is busy (Retry-After)"
        }.items()}


def _status(error: CoachError) -> int:
    if isinstance(error, HubError):
        return error.status
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, StoreError) and not isinstance(error, ConstraintError):
        return 503  # the database is unavailable: the only refusal that is not the input's
    return 422  # BundleError, InvalidInputError and the rest: what was sent is at fault


def _error(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


async def _read_limited(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it (or its declared length) passes the limit: at most
    `limit` bytes are ever held per upload, and uploads run at most max_concurrent_uploads at
    once, so memory for bodies stays under their product."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLargeError(f"The bundle is over the hub's limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLargeError(f"The bundle is over the hub's limit of {limit} bytes")
    return bytes(body)


class UploadSlots:
    """At most N uploads are read and merged at once; the next waits a little for a slot,
    then is told to come back (503 with Retry-After: the laptop retries with backoff)."""

    def __init__(self, slots: int, wait_seconds: float) -> None:
        self._slots = asyncio.Semaphore(slots)
        self._wait = wait_seconds

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the block, or raise BusyError."""
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait)
        except TimeoutError:
            raise BusyError("The hub is taking other uploads; try again shortly") from None
        try:
            yield
        finally:
            self._slots.release()


def _receive(hub: Hub, device: DeviceView, sealed: bytes) -> Delivery:
    """hub.receive_from, with every failure the bundle provokes turned into a refusal (4xx) and
    only an unavailable database left as a 503: no input surfaces as a 500."""
    try:
        with memory.given_back_if_grown():
            return hub.receive_from(device, sealed)
    except Exception as exc:  # classified below, never swallowed
        refusal = faults.refusal_of_input(exc, hub.store.describe())
        if refusal is exc:
            raise
        log.info("upload refused: %s from %s", type(refusal).__name__, type(exc).__name__)
        raise refusal from exc


def create_app(hub: Hub) -> FastAPI:
    """The ASGI app serving one open hub."""
    # No /docs or /redoc: FastAPI's pages load Swagger UI and ReDoc from a CDN, which an
    # intranet hub cannot reach (and a hub should not make browsers fetch). The schema itself,
    # /openapi.json, stays: any OpenAPI viewer or client generator reads it.
    app = FastAPI(title="CFPM Coach hub", version=__version__,
                  description="Receives sealed, signed bundles from enrolled coaches' laptops, "
                              "merges them, and reports fidelity to the central team.",
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None)

    uploads = UploadSlots(hub.config.max_concurrent_uploads, hub.config.upload_wait_seconds)
    accounts, dashboard = Accounts(hub.store), Dashboard(hub)

    def personal_account(token: str | None) -> Account | None:
        """The account of a personal API token; None for the (deprecated) team token."""
        account = accounts.by_token(token) if token else None
        if account is not None:
            if not account.may("admin", "analyst"):
                raise ForbiddenError(f"Your role ({account.role}) may not read this table")
            accounts.log_access(account, "GET", "/api/v1/fidelity", "")
            return account
        hub.check_team_token(token)
        return None

    @app.exception_handler(CoachError)
    async def _coach_error(_request: Request, exc: CoachError) -> JSONResponse:
        response = _error(_status(exc), type(exc).__name__, str(exc))
        if isinstance(exc, BusyError):
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, "InvalidRequest", f"{where}: {first.get('msg')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, "HTTPError", str(exc.detail))

    @app.get("/healthz", response_model=HealthBody, responses={503: _ERRORS[503]})
    def healthz() -> dict[str, Any]:
        """Answers when the hub and its database are up (clients check it before a sync)."""
        return {"status": "ok", "version": __version__,
                "schema_version": hub.store.schema_revision()}

    @app.post(
        "/api/v1/bundles", response_model=ReceiptBody, status_code=201,
        responses={200: {"model": ReceiptBody, "description": "Received before: the first receipt"},
                   **{c: _ERRORS[c] for c in (401, 403, 409, 413, 422, 503)}},
        openapi_extra={"requestBody": {"required": True, "content": {
            BUNDLE_TYPE: {"schema": {"type": "string", "format": "binary"}}}}},
    )
    async def upload_bundle(request: Request, credentials: Credentials) -> JSONResponse:
        """Upload one sealed bundle from an enrolled device (idempotent on the bundle id)."""
        token = credentials.credentials if credentials else None
        device = await run_in_threadpool(hub.check_device_token, token)
        try:
            async with uploads.slot():
                sealed = await _read_limited(request, hub.config.max_bundle_bytes)
                delivery = await run_in_threadpool(_receive, hub, device, sealed)
        except CoachError as exc:
            await run_in_threadpool(refusals.note, hub, device, exc)
            raise
        return JSONResponse(delivery.receipt, status_code=201 if delivery.created else 200)

    @app.get(
        "/api/v1/fidelity", response_model=FidelityBody,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
                   **{c: _ERRORS[c] for c in (401, 422, 503)}},
    )
    def get_fidelity(
        credentials: Credentials,
        by: Annotated[str, Query(description="Comma-separated: office, county, element, month")
                      ] = "office,element,month",
        instrument: Annotated[str, Query(max_length=100)] = SHIPPED_PRACTICE,
        since: Annotated[date | None, Query(description="Observations started on or after")
                         ] = None,
        format: Annotated[Literal["json", "csv"], Query()] = "json",
    ) -> Response:
        """Fidelity of finished observations, for the central team: over every coach with the
        (deprecated) team token, within the account's scope with a personal API token."""
        account = personal_account(credentials.credentials if credentials else None)
        start = datetime.combine(since, time(), tzinfo=UTC) if since else None
        if account is None:
            table = hub.fidelity(by, instrument, start)
        else:
            table = dashboard.fidelity(account.scope, by, instrument, start)
        if format == "csv":
            return Response(table.as_csv(), media_type="text/csv; charset=utf-8")
        return JSONResponse(table.as_dict())

    app.include_router(join_router(hub))
    routes.install(app, hub)
    return app
