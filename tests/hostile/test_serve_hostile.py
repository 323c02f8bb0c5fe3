"""Against a real `briefbot serve`: slow clients cannot stop it answering, and a huge body
is refused with 413 before it is read."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from tests.fakes.slack_api import FakeSlack
from tests.hostile.serving import (
    briefbot_serve,
    healthy,
    send_huge_body,
    server_rss,
    signed_command,
    slow_clients,
)

BODY_TIMEOUT = 3


@pytest.fixture(scope="module")
def port(tmp_path_factory) -> Iterator[int]:
    with FakeSlack() as slack:
        data = tmp_path_factory.mktemp("serve")
        with briefbot_serve(
            data, slack.base_url, BRIEFBOT_BODY_TIMEOUT_SECONDS=str(BODY_TIMEOUT)
        ) as running:
            yield running


def test_sixteen_slow_clients_do_not_stop_healthz_or_commands(port):
    sockets = slow_clients(port, 16)
    try:
        time.sleep(0.5)  # every slow request has reached the server
        start = time.monotonic()
        assert healthy(port, timeout=2.0)
        assert time.monotonic() - start < 1.0
        status, seconds = signed_command(port, timeout=5.0)
        assert status == 200 and seconds < 3.0
        # … and the slow ones are cut off once the body deadline passes.
        for sock in sockets:
            sock.settimeout(BODY_TIMEOUT + 5)
            answer = sock.recv(4096)
            assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    finally:
        for sock in sockets:
            sock.close()


def test_a_huge_unsigned_body_gets_413_unread(port):
    before = server_rss(port)
    status, sent = send_huge_body(port, announce=300_000_000, limit=50_000_000)
    assert status == 413
    assert sent < 10_000_000  # refused from the header, not after reading the body
    assert server_rss(port) - before < 50_000_000
    assert healthy(port)


def test_a_chunked_body_over_the_limit_is_cut_off(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"x" * 65536
        try:
            for _ in range(40):  # 2.6 MB, well over the 1 MB limit
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except OSError:
            pass  # the server may close as soon as it has answered
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]
