"""POST /api/v1/join: a laptop joins the hub with an invitation code and its public key.

Guessing is throttled in this process: an address that failed JOIN_FAILURES_PER_ADDRESS times in
THROTTLE_WINDOW, or a code tried and refused JOIN_FAILURES_PER_CODE times, is answered 429 until
the window passes. With 60-bit codes and a handful of open invitations this leaves a guesser
nothing; it also keeps a stuck laptop from hammering the hub.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict, deque
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from cfpm_coach.domain import invitation_code
from cfpm_coach.errors import CoachError, ConstraintError, StoreError
from cfpm_coach.hub import invitations
from cfpm_coach.hub.service import Hub

JOIN_FAILURES_PER_ADDRESS = 10
JOIN_FAILURES_PER_CODE = 5
THROTTLE_WINDOW = 15 * 60.0
RETRY_AFTER_SECONDS = 60
MAX_TRACKED = 10_000  # addresses and codes remembered at once; the oldest are forgotten


class JoinRequest(BaseModel):
    """The code the coach typed, and who the laptop is."""

    code: Annotated[str, Field(min_length=1, max_length=200)]
    device_public_key: Annotated[str, Field(min_length=1, max_length=200)]
    device_id: uuid.UUID


class JoinBody(BaseModel):
    """What the laptop stores: its token, where to send bundles, whom to seal them to, and the
    hub's key that signs published instruments (base64 Ed25519)."""

    hub_device_id: str
    device_token: str
    coach_name: str
    team_recipient: str
    hub_url: str | None
    publisher_key: str


class _Failures:
    """Recent failures per key, forgetting the oldest keys past MAX_TRACKED."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._seen.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - THROTTLE_WINDOW:
            times.popleft()
        return times

    def blocked(self, key: str, now: float) -> bool:
        return len(self._recent(key, now)) >= self.limit

    def add(self, key: str, now: float) -> None:
        times = self._recent(key, now)
        times.append(now)
        self._seen[key] = times
        self._seen.move_to_end(key)
        while len(self._seen) > MAX_TRACKED:
            self._seen.popitem(last=False)


class JoinThrottle:
    """Per-address and per-code failure counts (in memory, per hub process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._addresses = _Failures(JOIN_FAILURES_PER_ADDRESS)
        self._codes = _Failures(JOIN_FAILURES_PER_CODE)

    @staticmethod
    def code_key(code: str) -> str:
        """A code as it is counted: canonical if it can be one, never kept in clear."""
        canonical = invitation_code.normalize(code) or code
        return hashlib.sha256(canonical.encode("utf-8", "replace")).hexdigest()

    def blocked(self, address: str, code: str) -> bool:
        """True while this address or this code is over its limit."""
        now = time.monotonic()
        with self._lock:
            return (self._addresses.blocked(address, now)
                    or self._codes.blocked(self.code_key(code), now))

    def failed(self, address: str, code: str) -> None:
        """Count one refused attempt."""
        now = time.monotonic()
        with self._lock:
            self._addresses.add(address, now)
            self._codes.add(self.code_key(code), now)


def _refusal(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


def join_router(hub: Hub) -> APIRouter:
    """The join route for one open hub."""
    router = APIRouter()
    throttle = JoinThrottle()
    error_model: dict[str, Any] = {"model": dict[str, str]}

    @router.post(
        "/api/v1/join", response_model=JoinBody, status_code=201,
        responses={404: {**error_model, "description": "No invitation has this code"},
                   410: {**error_model, "description": "The invitation was used, withdrawn or "
                                                       "has expired"},
                   422: {**error_model, "description": "A malformed request, or a key or "
                                                       "laptop enrolled already"},
                   429: {**error_model, "description": "Too many refused attempts (Retry-After)"},
                   503: {**error_model, "description": "The hub's database is unavailable"}})
    async def join(request: Request, body: JoinRequest) -> JSONResponse:
        """Enroll this laptop with a one-time invitation code; answers its device token, the
        hub's address and the team's public key."""
        address = request.client.host if request.client else "unknown"
        if throttle.blocked(address, body.code):
            response = _refusal(429, "TooManyAttempts",
                                "Too many refused attempts to join from here; wait a few minutes "
                                "and check the code with the central team")
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        try:
            joined = await run_in_threadpool(invitations.join, hub, body.code,
                                             body.device_public_key, body.device_id)
        except CoachError as exc:
            if not _unavailable(exc):
                throttle.failed(address, body.code)
            raise
        return JSONResponse({
            "hub_device_id": str(joined.hub_device_id), "device_token": joined.device_token,
            "coach_name": joined.coach_name, "team_recipient": joined.team_recipient,
            "hub_url": joined.hub_url, "publisher_key": joined.publisher_key},
            status_code=201)

    return router


def _unavailable(error: CoachError) -> bool:
    """The database is down: not the caller's failure, so not counted against them."""
    return isinstance(error, StoreError) and not isinstance(error, ConstraintError)
