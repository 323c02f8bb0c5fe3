"""A real `briefbot serve` process on loopback, for the cases only a real server shows:
slow clients and huge bodies (the bench, bench/hostile.py, runs the same at full size)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.slack.signature import sign

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-signing-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def briefbot_serve(data_dir: Path, slack_api_url: str, **env: str) -> Iterator[int]:
    """Start `briefbot serve`, wait for /healthz, yield its port; stop it afterwards."""
    port = free_port()
    environ = os.environ | {
        "PORT": str(port),
        "SLACK_BOT_TOKEN": "xoxb-T111-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_api_url,
        "BRIEFBOT_DATA_DIR": str(data_dir),
        **env,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not healthy(port):
            assert server.poll() is None, "briefbot serve exited"
            assert time.monotonic() < deadline, "briefbot serve did not start"
            time.sleep(0.1)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def healthy(port: int, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def server_rss(port: int) -> int:
    """Resident memory (bytes) of the processes listening on or serving `port`: the
    gunicorn arbiter and its worker, found as the processes whose command line is ours."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if f"PORT={port}\0".encode() not in environ:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def slow_clients(port: int, count: int, *, announce: int = 100_000) -> list[socket.socket]:
    """`count` connections that announce a body and send one byte of it."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"
            + f"Content-Length: {announce}\r\n\r\nx".encode()
        )
        sockets.append(sock)
    return sockets


def signed_command(port: int, text: str = "help", timeout: float = 10.0) -> tuple[int, float]:
    """A signed `/hubs TEXT`: (status, seconds)."""
    body = (
        "team_id=T111&channel_id=C123&user_id=U123&command=%2Fhubs"
        f"&text={text}&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fx"
        f"&trigger_id={time.time_ns()}.1"
    ).encode()
    ts = str(int(time.time()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": "v0=" + sign(SECRET, body, ts),
        },
    )
    start = time.monotonic()
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return answer.status, time.monotonic() - start


def send_huge_body(port: int, announce: int, limit: int) -> tuple[int | None, int]:
    """Announce `announce` bytes to /slack/events and send up to `limit` of them, stopping
    when the server answers or closes: (status or None, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sent = 0
    try:
        sock.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"
            + f"Content-Length: {announce}\r\nX-Slack-Request-Timestamp: 1\r\n"
            "X-Slack-Signature: v0=00\r\n\r\n".encode()
        )
        sock.settimeout(0.05)
        chunk = b"x" * 65536
        while sent < limit:
            try:
                answer = sock.recv(4096)
            except TimeoutError:
                answer = None
            if answer is not None:
                return (int(answer.split()[1]) if answer else None), sent
            try:
                sock.sendall(chunk)
            except OSError:
                break
            sent += len(chunk)
        sock.settimeout(10)
        answer = sock.recv(4096)
        return (int(answer.split()[1]) if answer else None), sent
    finally:
        sock.close()
