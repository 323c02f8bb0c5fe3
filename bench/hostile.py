"""Hostile load at full size: slow clients and a huge body against `briefbot serve`, and
`briefbot brief` on 5 MB files of awkward shapes. Prints time and peak memory for each.

    python bench/hostile.py [--cases slow body files] [--mb 4.9] [--slow 16]

Targets (issue 21): /healthz and a signed command keep answering under 16 slow clients;
a 300 MB body is refused with 413 before it is read (the worker's memory barely moves);
a 5 MB file of any shape is briefed in under 15 s and 500 MB. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.slack_api import FakeSlack  # noqa: E402
from tests.hostile.serving import (  # noqa: E402
    briefbot_serve,
    healthy,
    send_huge_body,
    server_rss,
    signed_command,
    slow_clients,
)

MB = 1_000_000


def slow(count: int, work: Path) -> None:
    """`count` clients announce 100 kB and send one byte; the server must keep answering."""
    with FakeSlack() as slack, briefbot_serve(work / "slow", slack.base_url) as port:
        signed_command(port)  # warm: the first command builds the briefing
        rss = server_rss(port)
        start = time.monotonic()
        sockets = slow_clients(port, count)
        time.sleep(0.5)
        t = time.monotonic()
        ok = healthy(port, timeout=30)
        health = time.monotonic() - t
        status, command = signed_command(port, timeout=30)
        cut = 0
        for sock in sockets:
            sock.settimeout(60)
            if sock.recv(4096).startswith(b"HTTP/1.1 408"):
                cut += 1
            sock.close()
        print(
            f"slow clients ({count}): /healthz {'ok' if ok else 'FAILED'}"
            f" in {health * 1000:.0f} ms,"
            f" signed command {status} in {command * 1000:.0f} ms;"
            f" {cut}/{count} cut off (408) after {time.monotonic() - start:.1f} s;"
            f" server RSS {rss / MB:.0f} -> {server_rss(port) / MB:.0f} MB"
        )


def body(work: Path, announce: int = 300 * MB) -> None:
    """A 300 MB unsigned body, sent as fast as the server takes it."""
    with FakeSlack() as slack, briefbot_serve(work / "body", slack.base_url) as port:
        before = server_rss(port)
        start = time.monotonic()
        status, sent = send_huge_body(port, announce=announce, limit=announce)
        seconds = time.monotonic() - start
        print(
            f"huge body ({announce / MB:.0f} MB announced): {status} after {seconds * 1000:.0f} ms,"
            f" {sent / MB:.1f} MB sent; server RSS {before / MB:.0f} -> "
            f"{server_rss(port) / MB:.0f} MB; /healthz {'ok' if healthy(port) else 'FAILED'}"
        )


def shapes(size: int) -> dict[str, str]:
    """Files of `size` characters: one line of sentences, one line without a full stop,
    one quote running through it all, and many short paragraphs (each unique)."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    prose = " ".join(" ".join(p.read_text().split()) for p in seeds)
    stopless = re.sub(r"[.!?]", "", prose)
    bare = re.sub(r"[“”\"]", "", prose)
    sentences = re.split(r"(?<=[.!?]) ", prose)

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    paragraphs, n = [], 0
    while sum(map(len, paragraphs)) < size:
        paragraphs.append(f"In district {n}, " + " ".join(sentences[n % len(sentences) :][:3]))
        n += 1
    return {
        "one line": fill(prose + " "),
        "one line, no full stop": fill(stopless + " "),
        "one quote": "Title\n\nShe said: “" + fill(bare + " ") + "”",
        "short paragraphs": "Title\n\n" + "\n\n".join(paragraphs)[:size],
    }


def files(size: int, work: Path) -> None:
    for name, text in shapes(size).items():
        path = work / (re.sub(r"\W+", "-", name) + ".txt")
        path.write_text(text)
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "brief", str(path)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        cpu = usage.ru_utime + usage.ru_stime
        print(
            f"brief {path.stat().st_size / MB:.1f} MB, {name}: {seconds:.1f} s"
            f" ({cpu:.1f} s CPU), peak {usage.ru_maxrss / 1024:.0f} MB,"
            f" exit {os.waitstatus_to_exitcode(status)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=["slow", "body", "files"])
    parser.add_argument("--mb", type=float, default=4.9, help="file size (the cap is 5 MB)")
    parser.add_argument("--slow", type=int, default=16, help="slow clients")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "slow" in args.cases:
            slow(args.slow, work)
        if "body" in args.cases:
            body(work)
        if "files" in args.cases:
            files(int(args.mb * MB), work)


if __name__ == "__main__":
    main()
