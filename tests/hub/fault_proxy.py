"""A loopback TCP relay that kills the hub at a chosen moment of an upload (the network's edge)."""

import contextlib
import socket
import threading
from collections.abc import Callable


class KillingProxy:
    """Relays to the hub; on the first POST it calls `on_fault` at the chosen moment.

    mode "mid-request": after `after_bytes` bytes of the upload have reached the hub.
    mode "before-response": after the hub answered, before the answer reaches the client.
    """

    def __init__(self, target_port: int, mode: str, on_fault: Callable[[], None],
                 after_bytes: int = 64 * 1024) -> None:
        self.target_port, self.mode, self.on_fault = target_port, mode, on_fault
        self.after_bytes = after_bytes
        self.faults = 0
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self._armed = True
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone would leave it there.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _take_fault(self, first: bytes) -> bool:
        with self._lock:
            if self._armed and first.startswith(b"POST"):
                self._armed = False
                return True
            return False

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        except OSError:
            client.close()
            return
        first = client.recv(65536)
        faulty = self._take_fault(first)
        if not faulty:
            upstream.sendall(first)
            threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()
            _pipe(client, upstream)
            return
        if self.mode == "mid-request":
            sent = len(first)
            upstream.sendall(first)
            while sent < self.after_bytes:
                chunk = client.recv(65536)
                if not chunk:
                    break
                upstream.sendall(chunk)
                sent += len(chunk)
            self._fault(client, upstream)
            return
        # before-response: the whole request reaches the hub; its answer never comes back.
        upstream.settimeout(60)
        upstream.sendall(first)
        # No half-close towards the hub: uvicorn would take it for a client that went away.
        threading.Thread(target=_pipe, args=(client, upstream, False), daemon=True).start()
        with contextlib.suppress(OSError):
            upstream.recv(1)  # the hub has stored the bundle and started answering
        self._fault(client, upstream)

    def _fault(self, client: socket.socket, upstream: socket.socket) -> None:
        self.faults += 1
        self.on_fault()
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def _pipe(source: socket.socket, target: socket.socket, half_close: bool = True) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target) if half_close else ():
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
