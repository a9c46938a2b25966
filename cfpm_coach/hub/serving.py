"""`hub serve`'s HTTP server: uvicorn with header and body timeouts, a connection cap, enough
open files, and several worker processes on one database.

uvicorn (0.54, h11) has a keep-alive timeout but nothing for a client that connects and never
finishes its request head or body, and no cap on connections: 1,100 such connections made a hub
under a 1,024 open-file limit unreachable. GuardedH11Protocol adds the deadlines and the cap;
when the cap is reached the connection that has waited longest for a request head is dropped, so
a flood of idle connections cannot keep a real client (a laptop's /healthz) out.
"""

import asyncio
import logging
import os
import resource
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

log = logging.getLogger(__name__)

HUB_DIR_ENV = "CFPM_HUB_SERVE_DIR"
# Files a worker needs besides its connections: database pool, logs, SQLite and WAL files,
# the listening socket, Python's own.
RESERVED_FILES = 256


@dataclass(frozen=True)
class ServeLimits:
    """How long a client may take and how many connections one process keeps."""

    header_timeout: float = 10.0  # connect (or end of the last response) to a complete head
    body_timeout: float = 30.0  # the longest pause between two pieces of a request body
    body_deadline: float = 600.0  # the whole body, however steadily it trickles in
    max_connections: int = 2048  # per process
    keep_alive: int = 5  # idle time after a response before the connection is closed


def raise_open_file_limit(at_least: int) -> int:
    """Raise the soft RLIMIT_NOFILE to the hard limit; the new soft limit.

    All the way, not just to the connection cap: asyncio accepts a burst of queued connections
    before any of them is counted, and one EMFILE stops all accepting for a second.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = max(at_least, 65536) if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return int(soft)


def fitted_limits(limits: ServeLimits) -> ServeLimits:
    """The limits with the connection cap lowered to what the open-file limit allows."""
    soft = raise_open_file_limit(limits.max_connections + RESERVED_FILES)
    room = max(16, soft - RESERVED_FILES)
    if limits.max_connections <= room:
        return limits
    log.warning("open-file limit %d: connections capped at %d per process", soft, room)
    return ServeLimits(limits.header_timeout, limits.body_timeout, limits.body_deadline, room,
                       limits.keep_alive)


class _Gate:
    """One server's connections: which wait for a request head (oldest first), which are closing."""

    def __init__(self, state: ServerState, limits: ServeLimits) -> None:
        self.state, self.limits = state, limits
        self.waiting: OrderedDict[GuardedH11Protocol, None] = OrderedDict()
        self.closing: set[GuardedH11Protocol] = set()

    def admit(self) -> None:
        """Over the cap: drop the connections that have waited longest for a request head (the
        newcomer too, if it is the only one waiting)."""
        while len(self.state.connections) - len(self.closing) > self.limits.max_connections:
            if not self.waiting:
                return  # every connection is inside a request; they end by themselves
            oldest = next(iter(self.waiting))
            oldest.drop()


_GATES: "weakref.WeakKeyDictionary[ServerState, _Gate]" = weakref.WeakKeyDictionary()


class GuardedConfig(uvicorn.Config):
    """uvicorn's config carrying the hub's limits (pickled as is to worker processes)."""

    def __init__(self, app: Any, limits: ServeLimits, **kwargs: Any) -> None:
        super().__init__(app, http=GuardedH11Protocol, timeout_keep_alive=limits.keep_alive,
                         **kwargs)
        self.limits = limits


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline, a body timeout and the connection cap."""

    def __init__(self, config: uvicorn.Config, server_state: ServerState,
                 app_state: dict[str, Any], _loop: asyncio.AbstractEventLoop | None = None
                 ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits: ServeLimits = getattr(config, "limits", ServeLimits())
        gate = _GATES.get(server_state)
        if gate is None:
            gate = _GATES[server_state] = _Gate(server_state, self.limits)
        self.gate = gate
        self._timer: asyncio.TimerHandle | None = None
        self._request: object = None  # the request cycle being received, once its head is in
        self._body_ends_by = 0.0

    # -- asyncio.Protocol ----------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Count the connection; start its header deadline; keep the cap."""
        super().connection_made(transport)
        self._await_head()
        self.gate.admit()

    def data_received(self, data: bytes) -> None:
        """Let h11 parse, then follow the request's progress."""
        super().data_received(data)
        self._follow()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the connection."""
        self._cancel()
        self.gate.waiting.pop(self, None)
        self.gate.closing.discard(self)
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        """After a response the next request head has the same deadline as the first."""
        super().on_response_complete()
        self._follow()

    # -- deadlines -----------------------------------------------------------------------

    def drop(self) -> None:
        """Close the connection now (it was too slow, or the cap needs its place)."""
        self._cancel()
        self.gate.waiting.pop(self, None)
        if not self.transport.is_closing():
            self.gate.closing.add(self)
            self.transport.close()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _arm(self, delay: float, callback: Any) -> None:
        self._cancel()
        self._timer = self.loop.call_later(max(0.0, delay), callback)

    def _await_head(self) -> None:
        if self in self.gate.waiting:
            return  # the deadline runs from when waiting began, not from the last byte
        self.gate.waiting[self] = None
        self._arm(self.limits.header_timeout, self._head_too_slow)

    def _head_too_slow(self) -> None:
        self._timer = None
        if self in self.gate.waiting:
            log.debug("connection dropped: no complete request head in time")
            self.drop()

    def _follow(self) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is None or cycle.response_complete:
            self._await_head()
            return
        self.gate.waiting.pop(self, None)
        if cycle is not self._request:
            self._request = cycle
            self._body_ends_by = self.loop.time() + self.limits.body_deadline
        if cycle.more_body:
            self._arm(self._body_wait(), self._body_too_slow)
        else:
            self._cancel()  # the whole request is in: the app's own time is not limited here

    def _body_wait(self) -> float:
        return min(self.limits.body_timeout, self._body_ends_by - self.loop.time())

    def _body_too_slow(self) -> None:
        self._timer = None
        cycle = self.cycle
        if cycle is None or cycle.response_complete or not cycle.more_body:
            return
        if self.flow.read_paused and self.loop.time() < self._body_ends_by:
            # The hub stopped reading (the app has not taken the last part yet): not the
            # client's fault, look again later.
            self._arm(self._body_wait(), self._body_too_slow)
            return
        log.debug("connection dropped: request body stalled")
        self.drop()


# -- the app in each worker process --------------------------------------------------------

def app_from_environment() -> FastAPI:
    """The ASGI app for a worker process: opens the hub folder named in CFPM_HUB_SERVE_DIR."""
    from cfpm_coach.applog import setup_logging
    from cfpm_coach.hub.api import create_app
    from cfpm_coach.hub.service import Hub

    folder = Path(os.environ[HUB_DIR_ENV])
    setup_logging(folder / "logs", verbose=False)
    return create_app(Hub.open(folder))


def run(app: FastAPI | None, folder: Path, host: str, port: int, workers: int,
        limits: ServeLimits) -> None:
    """Serve until interrupted: in this process (app given), or in `workers` processes that
    share one listening socket, each opening the hub itself."""
    fitted = fitted_limits(limits)
    common: dict[str, Any] = {"host": host, "port": port,
                              "log_level": os.environ.get("CFPM_HUB_LOG_LEVEL", "warning"),
                              "backlog": 2048}
    if workers <= 1:
        if app is None:
            raise ValueError("one process serves the app it is given")
        uvicorn.Server(GuardedConfig(app, fitted, **common)).run()
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[HUB_DIR_ENV] = str(folder)
    # A worker answers the parent's health pings only once it has imported everything and
    # opened the hub: on a busy 2-core machine that took over uvicorn's 5 s, and the parent
    # killed and restarted its workers in a loop.
    config = GuardedConfig("cfpm_coach.hub.serving:app_from_environment", fitted,
                           factory=True, workers=workers, timeout_worker_healthcheck=60,
                           **common)
    socket = config.bind_socket()
    try:
        Multiprocess(config, sockets=[socket]).run()
    finally:
        socket.close()
