"""Loopback ports for servers the tests start (a hub, PostgreSQL), safe with parallel runs.

Binding port 0 and closing the socket leaves a gap: another pytest-xdist worker (or another
run on the machine) may be handed the same port before our server binds it, and a health check
would then answer from someone else's server. So the reserving socket stays bound, with
SO_REUSEADDR and never listening, until this process exits: the kernel hands the port to nobody
else, while the server (uvicorn and PostgreSQL bind with SO_REUSEADDR) can still bind and listen
on it, and a client connecting before the server listens is refused, as on a closed port.
"""

import socket

_held: list[socket.socket] = []


def reserve_port() -> int:
    """A loopback port no other process will be given; ours to bind for this whole run."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    _held.append(sock)
    return int(sock.getsockname()[1])
