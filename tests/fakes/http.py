"""The threaded loopback HTTP server that the fakes (Slack, Bot Connector, web) are built on.

Why: every fake needs the same plumbing (a free port on 127.0.0.1, a daemon serving thread,
quiet logs, a stop that also wakes handlers sleeping on an injected delay) and differs only
in how it answers. A fake subclasses `LocalServer` and implements `_handle`.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self, TypeVar

T = TypeVar("T")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # benchmarks open dozens of connections at once
    owner: LocalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not (self.owner.quiet_os_errors and isinstance(sys.exc_info()[1], OSError)):
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """Hands each request in the owner's `methods` to `owner._handle`; others get a 501."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def _forward(self) -> None:
        if self.command in self.server.owner.methods:
            self.server.owner._handle(self)
        else:  # what BaseHTTPRequestHandler answers when there is no do_<METHOD>
            self.send_error(HTTPStatus.NOT_IMPLEMENTED, f"Unsupported method ({self.command!r})")

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

    def log_message(self, format: str, *args: Any) -> None:
        """Keep pytest output clean."""

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str]) -> None:
        """Status, headers and body; a client that already hung up only closes the connection."""
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # client gave up (e.g. its timeout fired first)


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1:<free port> served from a daemon thread; a context
    manager. `_lock` guards a subclass's state (handlers run on many threads), `_arrived` is
    notified when a request is recorded; `_stopping` is set by `stop`, so handlers should
    sleep with `self._stopping.wait(seconds)`."""

    methods: ClassVar[frozenset[str]] = frozenset({"GET", "POST"})
    poll_interval: ClassVar[float] = 0.05  # how soon `stop` is noticed
    quiet_os_errors: ClassVar[bool] = False  # True: a client hanging up logs nothing

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._arrived = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        self._stopping.clear()
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.owner = self
        self._server.socket = self._wrap_socket(self._server.socket)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": self.poll_interval},
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping on an injected delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def scheme(self) -> str:
        return "http"

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def host_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def _wait_until(self, received: list[T], n: int, timeout: float, what: str) -> list[T]:
        """Block until `received` (filled under `_arrived`) holds `n` items; a copy of it."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(received) >= n, timeout):
                raise TimeoutError(f"expected {n} {what}, got {len(received)}")
            return list(received)

    def wait_until(self, done: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
        """Block until `done()` holds, checked each time a request is recorded (a subclass
        notifies `_arrived` then); TimeoutError naming `what` if it does not in time."""
        with self._arrived:
            if not self._arrived.wait_for(done, timeout):
                raise TimeoutError(f"waited {timeout} s for {what or 'the fake server'}")

    def _wrap_socket(self, sock: socket.socket) -> socket.socket:
        """Hook for TLS: the listening socket to serve from (as is, here)."""
        return sock

    def _handle(self, h: Handler) -> None:
        raise NotImplementedError
