"""A loopback web server for the fetch, feed and page tests: real HTTP, scripted misbehaviour.

Why: the guards in `briefings.fetch` (byte caps, deadlines, redirects, conditional GETs) only
mean something against a server that really streams, stalls and redirects; a mocked httpx
would test nothing. `set` serves any content (with ETag / Last-Modified and 304 answers);
the special routes below misbehave on demand. Every request is logged in `.requests`.

    /slow?interval=0.2&bytes=100   body dripped one byte per interval
    /slow-headers?interval=0.2     headers dripped one byte per interval
    /stall                         headers, then silence
    /huge?bytes=N                  N bytes with no Content-Length (read until close)
    /huge-length                   Content-Length of 10 GB, then a drip
    /gzip-bomb?mb=50               a few kB of gzip that inflate to `mb` MB of zeros
    /redirect?to=URL&status=302    one redirect to URL (relative or absolute)
    /chain/N                       N redirects, then a small text page
    /loop/a                        /loop/a → /loop/b → /loop/a …
    /doc.pdf, /image.png           right bytes, wrong kind of content for Briefbot
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import socket
import ssl
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .http import Handler, LocalServer

_EPOCH = 1_740_000_000  # Last-Modified of version 1 of every resource; each `set` adds a minute


@dataclass(frozen=True)
class Request:
    """One request as received; header names lower-cased."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]


@dataclass
class _Resource:
    body: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class WebServer(LocalServer):
    """Threaded HTTP(S) server on 127.0.0.1:<free port>; a context manager."""

    methods = frozenset({"GET", "HEAD"})
    poll_interval = 0.02
    quiet_os_errors = True  # a client hanging up early is what many tests want

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__()
        self.requests: list[Request] = []
        self.sni_names: list[str | None] = []  # TLS server names the clients asked for
        self._tls = tls
        self._resources: dict[str, _Resource] = {}
        self._versions: dict[str, int] = {}

    # -- life cycle (start, stop, port: see LocalServer) -----------------------------------
    @property
    def scheme(self) -> str:
        return "https" if self._tls else "http"

    def _wrap_socket(self, sock: socket.socket) -> socket.socket:
        if self._tls is None:
            return sock
        self._tls.sni_callback = self._record_sni
        return self._tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)

    # -- scripting -------------------------------------------------------------------------
    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        """Absolute URL of `path`; `host` other than 127.0.0.1 needs an injected resolver."""
        return f"{self.scheme}://{host}:{self.port}{path}"

    def set(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        *,
        status: int = 200,
        validators: bool = True,
    ) -> None:
        """Serve `body` at `path` from now on; a new version gets a new ETag and Last-Modified.

        `headers` are sent as given (and may override the validators); `validators=False`
        sends neither ETag nor Last-Modified.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            version = self._versions.get(path, 0) + 1
            self._versions[path] = version
            extra: dict[str, str] = {}
            if validators:
                extra["ETag"] = f'"{hashlib.sha256(data).hexdigest()[:16]}"'
                extra["Last-Modified"] = formatdate(_EPOCH + 60 * version, usegmt=True)
            extra.update(headers or {})
            self._resources[path] = _Resource(data, content_type, status, extra)

    def serve_directory(self, root: Path, types: dict[str, str]) -> None:
        """Serve every file under `root` at /<relative path>, typed by name, else suffix."""
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = file.relative_to(root).as_posix()
            kind = types.get(relative) or types.get(file.suffix, "application/octet-stream")
            self.set(f"/{relative}", file.read_bytes(), kind)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]

    # -- answering -------------------------------------------------------------------------
    def _record_sni(self, sock: Any, name: str | None, context: Any) -> None:
        with self._lock:
            self.sni_names.append(name)

    def _handle(self, h: Handler) -> None:
        headers = {k.lower(): v for k, v in h.headers.items()}
        with self._lock:
            self.requests.append(Request(h.command, h.path, headers))
            resource = self._resources.get(urlsplit(h.path).path)
        url = urlsplit(h.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        try:
            if resource is not None:
                self._serve(h, resource, headers)
            else:
                self._special(h, url.path, query)
        except OSError:
            h.close_connection = True  # the client gave up: exactly what some tests want

    def _serve(self, h: Handler, resource: _Resource, request: dict[str, str]) -> None:
        etag = resource.headers.get("ETag")
        modified = resource.headers.get("Last-Modified")
        if "if-none-match" in request:
            fresh = etag is not None and etag in [
                t.strip() for t in request["if-none-match"].split(",")
            ]
        else:
            fresh = modified is not None and _not_after(request.get("if-modified-since"), modified)
        if fresh and resource.status == 200:
            self._reply(h, 304, b"", None, resource.headers)
        else:
            self._reply(h, resource.status, resource.body, resource.content_type, resource.headers)

    def _special(self, h: Handler, path: str, query: dict[str, str]) -> None:
        interval = float(query.get("interval", "0.2"))
        if path == "/slow":
            size = int(query.get("bytes", "100"))
            self._head(h, 200, "text/html", {"Content-Length": str(size)})
            self._drip(h, b"x" * size, interval)
        elif path == "/slow-headers":
            h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
            self._drip(h, b"y" * 10_000, interval)
        elif path == "/stall":
            self._head(h, 200, "text/html", {"Content-Length": "1000"})
            self._stopping.wait(30)
        elif path == "/huge":
            size = int(query.get("bytes", "6000000"))
            self._head(h, 200, "text/html", {"Connection": "close"})
            h.close_connection = True
            for start in range(0, size, 65536):
                h.wfile.write(b"<p>" + b"z" * (min(65536, size - start) - 3))
        elif path == "/huge-length":
            self._head(h, 200, "text/html", {"Content-Length": str(10**10)})
            self._drip(h, b"z" * 100, interval)
        elif path == "/gzip-bomb":
            bomb = _gzip_zeros(int(query.get("mb", "50")))
            self._reply(h, 200, bomb, "text/html", {"Content-Encoding": "gzip"})
        elif path == "/redirect":
            status = int(query.get("status", "302"))
            self._reply(h, status, b"", None, {"Location": query.get("to", "/")})
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            if left > 0:
                self._reply(h, 302, b"", None, {"Location": f"/chain/{left - 1}"})
            else:
                self._reply(h, 200, b"End of the chain.\nYou got here.", "text/plain", {})
        elif path in ("/loop/a", "/loop/b"):
            other = "/loop/b" if path == "/loop/a" else "/loop/a"
            self._reply(h, 301, b"", None, {"Location": other})
        elif path == "/doc.pdf":
            self._reply(h, 200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf", {})
        elif path == "/image.png":
            self._reply(h, 200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", {})
        else:
            self._reply(h, 404, b"<h1>Not found</h1>", "text/html", {})

    def _head(self, h: Handler, status: int, ctype: str | None, headers: dict[str, str]) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for name, value in headers.items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.flush()

    def _reply(
        self, h: Handler, status: int, body: bytes, ctype: str | None, headers: dict[str, str]
    ) -> None:
        self._head(h, status, ctype, {**headers, "Content-Length": str(len(body))})
        if h.command != "HEAD" and status != 304:
            h.wfile.write(body)

    def _drip(self, h: Handler, data: bytes, interval: float) -> None:
        for byte in data:
            if self._stopping.wait(interval):
                return
            h.wfile.write(bytes([byte]))
            h.wfile.flush()


def _not_after(since: str | None, modified: str) -> bool:
    from email.utils import parsedate_to_datetime

    if not since:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


@functools.cache
def _gzip_zeros(megabytes: int) -> bytes:
    return gzip.compress(b"\0" * (megabytes * 1_000_000), compresslevel=9)


def make_certificates(directory: Path, hostname: str) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for `hostname`: (ca.pem, cert.pem, key.pem).

    Why: proves that an https fetch which connects to a pinned IP still checks the
    certificate against the host name, with nothing trusted but this CA.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def build(subject: str, issuer: x509.Name | None, key: Any, signer: Any, ca: bool) -> Any:
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
        builder = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(issuer or name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if ca:
            usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
            builder = builder.add_extension(usage, critical=True)
        else:
            san = x509.SubjectAlternativeName([x509.DNSName(hostname)])
            builder = builder.add_extension(san, critical=False)
        return builder.sign(signer, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = build("Briefbot test CA", None, ca_key, ca_key, True)
    cert = build(hostname, ca.subject, key, ca_key, False)
    paths = directory / "ca.pem", directory / "cert.pem", directory / "key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths
