"""A loopback HTTP relay in front of the real hub that answers 500 to chosen uploads (a hub bug
triggered by one bundle, as the attacker found) and passes everything else through."""

import hashlib
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx


class FailingProxy:
    """Relays to `target`; a POST whose body `fails(body)` approves is answered 500 instead."""

    def __init__(self, target: str, fails: Callable[[bytes], bool]) -> None:
        self.target, self.fails = target.rstrip("/"), fails
        self.failed: list[str] = []  # sha256 of each upload answered 500
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def _relay(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if method == "POST" and proxy.fails(body):
                    proxy.failed.append(hashlib.sha256(body).hexdigest())
                    self._answer(500, b'{"error": "InternalError", "detail": "boom"}',
                                 "application/json")
                    return
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("authorization", "content-type")}
                answer = httpx.request(method, proxy.target + self.path, content=body,
                                       headers=headers, timeout=60)
                self._answer(answer.status_code, answer.content,
                             answer.headers.get("content-type", "application/json"))

            def _answer(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._relay("GET")

            def do_POST(self) -> None:
                self._relay("POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
