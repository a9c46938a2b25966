"""`hub serve` against slow and idle clients: header and body deadlines, the connection cap, and
the open-file limit, on a real server process started under a 1,024 open-file soft limit."""

import resource
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.sync import keys
from tests.hub.conftest import HubSetup, ServedHub, free_port

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
IDLE = 2000
PARTIAL_HEAD = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def _low_open_file_limit() -> None:
    """In the child before exec: the soft limit many distributions give services."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))


def _own_room(files: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < files:
        assert hard == resource.RLIM_INFINITY or hard >= files, (
            f"this test opens {files} sockets; the hard open-file limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (files, hard))


@pytest.fixture
def idle_sockets() -> Iterator[list[socket.socket]]:
    opened: list[socket.socket] = []
    yield opened
    for sock in opened:
        sock.close()


def _open_idle(port: int, count: int, into: list[socket.socket]) -> None:
    """Connections that never finish their request head (every other one sends part of it)."""
    for index in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if index % 2:
            sock.sendall(PARTIAL_HEAD)
        into.append(sock)


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def _health_within(url: str, seconds: float) -> float:
    began = time.monotonic()
    response = httpx.get(f"{url}/healthz", timeout=seconds)
    assert response.status_code == 200
    return time.monotonic() - began


def _soft_open_files(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            return int(line.split()[3])
    raise AssertionError("no open-file limit in /proc")


def test_2000_idle_connections_leave_healthz_answered_and_are_closed_after_the_header_timeout(
        hub_setup: HubSetup, idle_sockets: list[socket.socket]) -> None:
    """Seen: 1,100 connections that never finished their headers made a hub under a 1,024
    open-file limit unreachable, and uvicorn kept them open for good."""
    _own_room(IDLE + 200)
    server = ServedHub(hub_setup.folder, free_port(), ["--header-timeout", "4"],
                       preexec_fn=_low_open_file_limit).start()
    try:
        assert server.process is not None
        assert _soft_open_files(server.process.pid) > IDLE
        _open_idle(server.port, IDLE, idle_sockets)
        assert _health_within(server.url, 5) < 5
        time.sleep(4)
        still_open = [s for s in idle_sockets if not _closed_by_server(s, 0.01)]
        # The last few may have connected a moment after the first: give them the deadline too.
        still_open = [s for s in still_open if not _closed_by_server(s, 3)]
        assert still_open == []
        assert _health_within(server.url, 5) < 5
    finally:
        server.stop()


def test_past_the_connection_cap_the_longest_idle_connections_make_room(
        hub_setup: HubSetup, idle_sockets: list[socket.socket]) -> None:
    """A flood larger than the cap: /healthz still gets in, the oldest idle ones are dropped."""
    _own_room(IDLE + 200)
    server = ServedHub(hub_setup.folder, free_port(),
                       ["--header-timeout", "60", "--max-connections", "300"],
                       preexec_fn=_low_open_file_limit).start()
    try:
        _open_idle(server.port, IDLE, idle_sockets)
        assert _health_within(server.url, 5) < 5
        newest = idle_sockets[-100:]
        assert all(not _closed_by_server(s, 0.01) for s in newest)
        dropped = sum(_closed_by_server(s, 0.01) for s in idle_sockets[:-300])
        assert dropped >= IDLE - 300 - 50
    finally:
        server.stop()


def test_a_request_head_never_finished_is_dropped_after_the_header_timeout(
        served_with_short_timeouts: ServedHub) -> None:
    sock = socket.create_connection(("127.0.0.1", served_with_short_timeouts.port), timeout=10)
    began = time.monotonic()
    try:
        sock.sendall(PARTIAL_HEAD)
        time.sleep(1)
        sock.sendall(b"still-typing")  # bytes keep coming, but the head never ends
        assert _closed_by_server(sock, 8)
        assert 1.5 <= time.monotonic() - began < 6
    finally:
        sock.close()


def test_a_request_body_that_stops_is_dropped_after_the_body_timeout(
        served_with_short_timeouts: ServedHub, hub: Hub, tmp_path: Path) -> None:
    """An enrolled device (its token passes, so the hub waits for the body) that stops sending."""
    token = hub.enroll(keys.public_text(keys.device_key(tmp_path / "keys")), "Slow").token
    sock = socket.create_connection(("127.0.0.1", served_with_short_timeouts.port), timeout=10)
    try:
        sock.sendall(b"POST /api/v1/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     + f"Authorization: Bearer {token}\r\n".encode()
                     + b"Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n"
                     + b"x" * 1000)
        began = time.monotonic()
        assert _closed_by_server(sock, 10)
        assert time.monotonic() - began < 7
    finally:
        sock.close()


def test_a_slow_but_steady_request_is_served(served_with_short_timeouts: ServedHub) -> None:
    """The deadlines are for clients that stop, not for a head sent in pieces in time."""
    sock = socket.create_connection(("127.0.0.1", served_with_short_timeouts.port), timeout=10)
    try:
        for piece in (b"GET /healthz HTTP/1.1\r\n", b"Host: 127.0.0.1\r\n",
                      b"Connection: close\r\n\r\n"):
            sock.sendall(piece)
            time.sleep(0.3)
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 200")
    finally:
        sock.close()


@pytest.fixture
def served_with_short_timeouts(hub_setup: HubSetup) -> Iterator[ServedHub]:
    server = ServedHub(hub_setup.folder, free_port(),
                       ["--header-timeout", "2", "--body-timeout", "2"]).start()
    yield server
    server.stop()
