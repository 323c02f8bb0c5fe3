"""The web app's front: requests are read on an event loop, then answered on threads.

gunicorn's threaded workers read each request body inside a worker thread, so eight
clients announcing 100 kB and sending one byte held all eight threads and `/healthz`
went unanswered for minutes. Here an asyncio server (uvicorn, as a gunicorn worker)
reads every request, and only a request whose body has fully arrived (within
`body_timeout` seconds and `max_body` bytes; else 408 or 413) takes a thread to run the
WSGI app. A slow client costs a socket, never a thread.
"""

from __future__ import annotations

import asyncio
import io
import logging
import sys
import warnings
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

with warnings.catch_warnings():  # uvicorn points to its separate package; the class is the same
    warnings.simplefilter("ignore", DeprecationWarning)
    from uvicorn.workers import UvicornWorker

log = logging.getLogger(__name__)
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Close = Callable[[], object] | None


def _closing(close: Callable[[], object]) -> None:
    try:
        close()
    except Exception:
        log.exception("closing a response failed")


class Worker(UvicornWorker):
    """gunicorn's worker for `briefbot serve`: uvicorn on the plain asyncio loop and h11."""

    CONFIG_KWARGS = {"loop": "asyncio", "http": "h11"}


class Buffered:
    """An ASGI app running a WSGI app once each request is wholly read."""

    def __init__(self, wsgi: WSGIApp, *, threads: int, max_body: int, body_timeout: float) -> None:
        self.wsgi, self.max_body, self.body_timeout = wsgi, max_body, body_timeout
        self.threads = ThreadPoolExecutor(threads, thread_name_prefix="briefbot-web")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope["headers"]:
            name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
            headers[name] = f"{headers[name]},{value}" if name in headers else value
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or len(length) > 12):
            await _refuse(send, 400, b"bad Content-Length")
            return
        if length and int(length) > self.max_body:
            await _refuse(send, 413, b"request body too large")
            return
        try:
            body = await asyncio.wait_for(self._body(receive), self.body_timeout)
        except TimeoutError:
            await _refuse(send, 408, b"request body not received in time")
            return
        except _TooLarge:
            await _refuse(send, 413, b"request body too large")
            return
        except _Gone:
            return
        loop = asyncio.get_running_loop()
        environ = _environ(scope, headers, body)
        status, out_headers, data, close = await loop.run_in_executor(
            self.threads, self._run, environ
        )
        try:
            await send({"type": "http.response.start", "status": status, "headers": out_headers})
            await send({"type": "http.response.body", "body": data})
        finally:  # PEP 3333: once the body is written (what a request queued waits for)
            if close is not None:
                await loop.run_in_executor(self.threads, _closing, close)

    async def _body(self, receive: Receive) -> bytes:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Gone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:  # chunked bodies have no length to check first
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    def _run(self, environ: dict[str, Any]) -> tuple[int, list[tuple[bytes, bytes]], bytes, Close]:
        """The WSGI app's whole answer (ours are small: replies, a spreadsheet), and the
        body's `close`, for once it is written."""
        started: list[Any] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc: Any = None) -> None:
            started[:] = [status, headers]

        close: Close = None
        try:
            result = self.wsgi(environ, start_response)
            close = getattr(result, "close", None)
            data = b"".join(result)
        except Exception:
            log.exception("web app failed on %s", environ.get("PATH_INFO"))
            return 500, [(b"content-type", b"text/plain")], b"Internal Server Error", close
        status, headers = started
        encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        return int(status.split()[0]), encoded, data, close

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.threads.shutdown(wait=False, cancel_futures=True)
                await send({"type": "lifespan.shutdown.complete"})
                return


class _TooLarge(Exception):
    pass


class _Gone(Exception):
    pass


async def _refuse(send: Send, status: int, text: bytes) -> None:
    """Answer without reading (the rest of) the body, and close the connection."""
    headers = [(b"content-type", b"text/plain"), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})


def _environ(scope: Scope, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """PEP 3333's environ for a request read in full (so its length is known)."""
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode().decode("latin-1"),
        "PATH_INFO": scope["path"].encode().decode("latin-1"),
        "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
        "REMOTE_ADDR": str(client[0]),
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if "content-type" in headers:
        environ["CONTENT_TYPE"] = headers["content-type"]
    for name, value in headers.items():
        if name in ("content-type", "content-length", "transfer-encoding"):
            continue
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ
