"""Slack latency: many concurrent signed `/hubs status` requests on loopback, against Briefbot
and against a bare Bolt app on the same server stack answering "ok" (the floor).

    python bench/slack_latency.py [--requests 2000] [--concurrency 32]

Slack gives up on a slash command after 3 s, so what matters is the tail under load.  Each
server (gunicorn, gthread, 1 worker, 8 threads) runs as a subprocess talking to an in-process
fake Slack Web API; after a warm-up, N freshly signed requests are sent by `--concurrency`
client threads, a new connection each.  The client shares the machine, so both rows pay for
it.  Target: Briefbot's p99 within 1.5x the floor's, and far under 3 s.  Prints figures only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.slack_api import FakeSlack, ResponseUrlCatcher  # noqa: E402

SECRET, TOKEN = "bench-signing-secret", "xoxb-T111-bench"
SETTINGS = (
    "SLACK_",
    "BRIEFBOT_",
    "DATABASE_URL",
    "PORT",
)  # environment the servers must not inherit
VENV = Path(sys.executable).parent
# The options `briefbot serve` gives gunicorn (bot/server.py), bind aside.
GUNICORN = "--worker-class gthread --workers 1 --threads 8 --timeout 60 --access-logfile -".split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(argv: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run `argv` in its own process group; stop it (and its workers) however we leave."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()


def status_request(port: int, response_url: str) -> tuple[int, bytes, float]:
    """One freshly signed `/hubs status` on a new connection: (status, body, seconds)."""
    body = urlencode({
        "token": "legacy", "team_id": "T111", "team_domain": "fake", "channel_id": "C123",
        "channel_name": "policy", "user_id": "U123", "user_name": "someone", "command": "/hubs",
        "text": "status", "api_app_id": "A111", "response_url": response_url,
        "trigger_id": f"{time.time_ns()}.1",  # unique, as Slack's are (replays are dropped)
    })  # fmt: skip
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
    }
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/slack/events", body, headers)
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    return response.status, data, time.perf_counter() - start


def has_header(data: bytes) -> bool:
    try:
        return any(b.get("type") == "header" for b in json.loads(data).get("blocks", []))
    except (ValueError, AttributeError):
        return False


def is_ok(data: bytes) -> bool:
    return data == b"ok"


def wait_until(ready: Callable[[], bool], proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace").splitlines()[-15:]
            raise SystemExit("\n".join([f"{log.stem} exited with {proc.returncode}:", *tail]))
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{log.stem} not ready after 120 s")


def healthz(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    finally:
        conn.close()


def load(
    port: int, url: str, check: Callable[[bytes], bool], requests: int, concurrency: int
) -> dict[str, float]:
    """Send `requests` requests, `concurrency` at a time; latency figures in ms."""

    tickets = iter(range(requests))  # shared by the clients: next() on it is atomic
    ok: list[float] = []

    def client() -> None:
        for _ in tickets:
            try:
                status, data, seconds = status_request(port, url)
            except OSError:
                continue
            if status == 200 and check(data):
                ok.append(seconds * 1000)

    # Daemon threads: on Ctrl-C the servers are stopped and the clients left to die.
    clients = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    start = time.perf_counter()
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    wall = time.perf_counter() - start
    ok.sort()

    def pick(q: float) -> float:
        return ok[min(len(ok) - 1, int(q * len(ok)))] if ok else float("nan")

    return {
        "requests": requests,
        "errors": requests - len(ok),
        "p50": pick(0.50),
        "p99": pick(0.99),
        "max": ok[-1] if ok else float("nan"),
        "rps": requests / wall,
    }


def measure(
    name: str, env: dict[str, str], args: argparse.Namespace, tmp: Path, url: str
) -> dict[str, float]:
    """Start one server on a free port, wait until it answers for real, warm up, measure."""
    port = free_port()
    if name == "briefbot":
        argv, check = [str(VENV / "briefbot"), "serve"], has_header
    else:
        bind = ["--bind", f"127.0.0.1:{port}", "bench.bare_bolt:api"]
        argv, check = [str(VENV / "gunicorn"), *GUNICORN, *bind], is_ok
    log = tmp / f"{name}.log"
    with server(argv, env | {"PORT": str(port)}, log) as proc:
        if name == "briefbot":
            wait_until(lambda: healthz(port), proc, log)
        # Until its briefing is built the bot answers "Working on it…": wait for the real one.
        wait_until(lambda: check(status_request(port, url)[1]), proc, log)
        load(port, url, check, args.warmup, args.concurrency)
        return load(port, url, check, args.requests, args.concurrency)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `server` stops its process

    print(f"CPUs: {os.cpu_count()}; {args.requests} requests, {args.concurrency} at a time")
    with (
        FakeSlack() as slack,
        ResponseUrlCatcher() as responses,
        tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp,
    ):
        # The shell's own Slack and Briefbot settings stay out: Bolt reads SLACK_CLIENT_ID and
        # SLACK_CLIENT_SECRET itself (even empty, they switch on its OAuth flow).
        env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS)} | {
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.base_url,
            "BRIEFBOT_DATA_DIR": str(Path(tmp) / "data"),
        }
        url = responses.url("/commands/1")
        rows = {name: measure(name, env, args, Path(tmp), url) for name in ("floor", "briefbot")}

    print(f"{'server':<10}{'requests':>9}{'errors':>8}", end="")
    print("".join(f"{h:>9}" for h in ("p50 ms", "p99 ms", "max ms", "req/s")))
    for name, r in rows.items():
        print(f"{name:<10}{r['requests']:>9.0f}{r['errors']:>8.0f}", end="")
        print("".join(f"{r[k]:>9.{0 if k == 'rps' else 1}f}" for k in ("p50", "p99", "max", "rps")))
    ratio = rows["briefbot"]["p99"] / rows["floor"]["p99"]
    print(f"p99 ratio briefbot/floor: {ratio:.2f} (target ≤ 1.5)")
    print(f"briefbot p99 < 3000 ms: {'yes' if rows['briefbot']['p99'] < 3000 else 'NO'}")


if __name__ == "__main__":
    main()
