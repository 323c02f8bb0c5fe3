"""URL → bytes, safely: the one place the engine opens a network connection.

Why so careful: every URL is untrusted (pasted in chat, or found in a feed), and the bot runs
inside someone's network. A fetch must never reach a private address (SSRF: cloud metadata,
admin panels), never trust a second DNS answer (rebinding), and never let a server hang it or
fill its memory. So: vet the scheme and every resolved address, connect to the vetted IP
(sending the real Host header and TLS server name), follow redirects one vetted hop at a time,
and read the body against a byte cap and a wall-clock deadline. `addresses` vets where a
fetch may connect; `content_types` judges what came back.

Every refusal is a DownloadError whose reason tells a non-technical user what happened and
what to do.
"""

from __future__ import annotations

import functools
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx

from .addresses import Resolver, is_ip, vet_url
from .content_types import (
    PAGE_TYPES,
    accept_header,
    decide_type,
    is_vague,
    meta_charset,
    parse_content_type,
    wrong_type,
)
from .errors import DownloadError, InputError
from .ingest import first_line_title
from .pages import parse_html
from .raw import RawArticle

REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch; the defaults suit a chat bot reading news pages."""

    allow_loopback: bool = False  # tests only: allow 127.0.0.0/8 and ::1, nothing else private
    timeout: float = 10.0  # wall-clock seconds for the whole request incl. slow bodies
    max_bytes: int = 5_000_000  # decoded body size cap
    max_redirects: int = 5
    user_agent: str = "Briefbot/0.1 (news briefing bot)"
    ca_file: str | None = None  # tests only: trust this CA bundle instead of certifi's


@dataclass(frozen=True)
class Fetched:
    """One successful fetch (or a 304 saying the copy we have is still current)."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int  # 200, or 304 when a conditional GET says not modified
    content_type: str  # e.g. "text/html", no parameters; sniffed when the declared one was vague
    charset: str | None
    body: bytes  # b"" on 304
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    url: str,
    policy: FetchPolicy = FetchPolicy(),
    *,
    accept: tuple[str, ...] = PAGE_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    resolve: Resolver | None = None,
) -> Fetched:
    """GET `url` within `policy`, or raise DownloadError saying why not.

    Content types are checked leniently, because servers are sloppy. A vague declaration
    (none, octet-stream, text/html, text/plain, text/xml, application/xml or any "+xml") is
    settled by sniffing the body: a feed served as text/html is still a feed, a page served
    with no type is still a page, and an HTML error page served as RSS is refused as a page.
    Any other type outside `accept` (PDF, images…) is refused before the body is read.
    """
    deadline = _Deadline(policy.timeout)
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": accept_header(accept),
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url.strip()
    seen: set[str] = set()
    try:
        for _hop in range(policy.max_redirects + 1):
            seen.add(current)
            host, addresses = vet_url(current, policy.allow_loopback, resolve, asked=url)
            with _open(current, host, addresses, headers, policy, deadline, url) as response:
                status = response.status_code
                if status in REDIRECTS:
                    current = _next_hop(url, current, response, seen)
                    continue
                if status == 304 and (etag or last_modified):
                    return Fetched(url, current, 304, "", None, b"", etag, last_modified)
                if not 200 <= status < 300:
                    raise DownloadError(url, _status_reason(status))
                return _receive(url, current, response, accept, policy, deadline)
        raise DownloadError(
            url, f"too many redirects (more than {policy.max_redirects}): the site may be broken"
        )
    except httpx.HTTPError as error:
        raise DownloadError(url, _network_reason(error, policy, deadline)) from error
    finally:
        deadline.cancel()


def read_url(
    url: str, policy: FetchPolicy = FetchPolicy(), *, resolve: Resolver | None = None
) -> RawArticle:
    """Fetch a web page and read it as an article (HTML through parse_html, or plain text)."""
    got = fetch(url, policy, accept=PAGE_TYPES, resolve=resolve)
    text = decode_body(got)
    if not text.strip():
        raise DownloadError(url, "the page is empty: there is nothing to brief")
    if got.content_type == "text/plain":
        title, body = first_line_title(text)
        return RawArticle(text=body, title=title, url=got.final_url)
    try:
        return parse_html(text, url=got.final_url)
    except InputError as error:
        raise InputError(
            url, "no article text found on this page: is it a front page, or behind a paywall?"
        ) from error


def decode_body(got: Fetched) -> str:
    """Bytes → text by the declared charset, else a <meta charset>, else UTF-8 or Windows-1252.

    Why lenient: a news page in a legacy encoding is still worth reading; a stray bad byte
    becomes U+FFFD instead of losing the article.
    """
    body = got.body.removeprefix(b"\xef\xbb\xbf")
    charset = got.charset or meta_charset(body)
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


# -- connecting ---------------------------------------------------------------------------


class _Deadline:
    """The wall-clock budget of one fetch; when it runs out the open socket is shut down.

    Why: httpx timeouts bound each read, not the whole response, so a server that drips its
    headers or body a byte at a time could otherwise hold a fetch open for ever.
    """

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self._expire()
            raise httpx.TimeoutException("deadline")
        return left

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx `trace` extension: remember the socket of each new connection."""
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                self._socket = sock
                if self.expired:
                    _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._socket is not None:
                _shut(self._socket)


def _shut(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: wake the reader, leave TLS state alone.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


@contextmanager
def _open(
    url: str,
    host: str,
    addresses: list[str],
    headers: dict[str, str],
    policy: FetchPolicy,
    deadline: _Deadline,
    asked: str,
) -> Iterator[httpx.Response]:
    """Send the request to a vetted address (trying the next one if it cannot connect).

    The URL's host is replaced by the IP, with the real name in the Host header and, for
    https, in the TLS server name used for SNI and certificate checks (httpcore's
    `sni_hostname` request extension): the HTTP library never resolves the name again.
    A fresh client per hop, so no pooled connection is reused under another name.
    """
    parsed = httpx.URL(url)
    host_header = f"[{host}]" if ":" in host else host
    if parsed.port is not None:
        host_header += f":{parsed.port}"
    extensions: dict[str, Any] = {"trace": deadline.trace}
    if parsed.scheme == "https" and not is_ip(host):
        extensions["sni_hostname"] = host
    timeout = httpx.Timeout(deadline.remaining())
    error: httpx.ConnectError | None = None
    with httpx.Client(
        verify=_tls_context(policy.ca_file),
        trust_env=False,
        follow_redirects=False,
        timeout=timeout,
    ) as client:
        for address in addresses:
            request = client.build_request(
                "GET",
                parsed.copy_with(host=address, fragment=None),
                headers={**headers, "Host": host_header},
                extensions=extensions,
            )
            try:
                response = client.send(request, stream=True)
            except httpx.ConnectError as failed:
                if _certificate_failed(failed):
                    raise DownloadError(
                        asked,
                        f"the security certificate of {host} is not valid, so Briefbot "
                        "will not read it: check the address, or tell the site's owners",
                    ) from failed
                error = failed
                continue
            try:
                yield response
            finally:
                response.close()
            return
    assert error is not None
    raise error


@functools.cache
def _tls_context(ca_file: str | None) -> ssl.SSLContext:
    if ca_file:
        return ssl.create_default_context(cafile=ca_file)
    return httpx.create_ssl_context(trust_env=False)  # certifi's bundle; the engine reads no env


def _next_hop(asked: str, current: str, response: httpx.Response, seen: set[str]) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise DownloadError(
            asked, f"the site redirected (HTTP {response.status_code}) without saying where to"
        )
    target: str = urljoin(current, location)  # against the name URL, never the pinned IP
    if target in seen:
        raise DownloadError(asked, "the site redirects in a loop, so the page cannot be reached")
    return target


# -- receiving ----------------------------------------------------------------------------


def _receive(
    asked: str,
    final: str,
    response: httpx.Response,
    accept: tuple[str, ...],
    policy: FetchPolicy,
    deadline: _Deadline,
) -> Fetched:
    declared, charset = parse_content_type(response.headers.get("content-type", ""))
    if declared not in accept and not is_vague(declared):
        raise DownloadError(asked, wrong_type(declared, accept))
    length = response.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > policy.max_bytes:
        raise DownloadError(asked, _too_large(policy))
    body = _read_body(asked, response, policy, deadline)
    content_type = decide_type(asked, declared, body, accept) if is_vague(declared) else declared
    return Fetched(
        asked,
        final,
        response.status_code,
        content_type,
        charset,
        body,
        response.headers.get("etag"),
        response.headers.get("last-modified"),
    )


def _read_body(
    asked: str, response: httpx.Response, policy: FetchPolicy, deadline: _Deadline
) -> bytes:
    """The decoded body, counted as it is decoded, so a compression bomb stops at the cap."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise DownloadError(
            asked, f"the site sent the page in an unsupported encoding ({encoding})"
        )
    inflater = None if encoding in ("", "identity") else zlib.decompressobj(zlib.MAX_WBITS | 32)
    body = bytearray()
    try:
        for chunk in response.iter_raw():
            room = policy.max_bytes - len(body) + 1  # ask for one byte more than allowed
            body += inflater.decompress(chunk, room) if inflater else chunk
            if len(body) > policy.max_bytes:
                raise DownloadError(asked, _too_large(policy))
            deadline.remaining()
        if inflater:
            body += inflater.flush()
    except zlib.error as error:
        raise DownloadError(
            asked, "the site sent a damaged compressed page: try again later"
        ) from error
    return bytes(body)


# -- messages -----------------------------------------------------------------------------


def _too_large(policy: FetchPolicy) -> str:
    size = policy.max_bytes
    shown = f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} kB"
    return f"the page is larger than {shown}, more than Briefbot reads for one article"


_STATUS_REASONS = {
    401: "the site asks for a login (HTTP 401): Briefbot can only read public pages",
    403: "the site refused access (HTTP 403): it may block bots or need a login",
    404: "the page was not found (HTTP 404): check the address",
    410: "the page has been removed (HTTP 410)",
    429: "the site is limiting requests (HTTP 429): try again later",
}


def _status_reason(status: int) -> str:
    if status in _STATUS_REASONS:
        return _STATUS_REASONS[status]
    if status >= 500:
        return f"the site had an error (HTTP {status}): try again later"
    if status >= 400:
        return f"the site refused the request (HTTP {status}): check the address"
    return f"the site sent an unexpected reply (HTTP {status})"


def _network_reason(error: httpx.HTTPError, policy: FetchPolicy, deadline: _Deadline) -> str:
    if deadline.expired or isinstance(error, httpx.TimeoutException):
        return f"the site took longer than {policy.timeout:g} s to answer: try again later"
    if isinstance(error, httpx.ConnectError):
        return "could not connect to the site: check the address, or try again later"
    return "the connection broke before the page was complete: try again later"


def _certificate_failed(error: httpx.ConnectError) -> bool:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(error)
