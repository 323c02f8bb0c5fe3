"""`briefbot serve`: the production entry point (gunicorn) answers signed Slack requests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.chat.conftest import SECRET, TOKEN, Endpoint

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_signed_commands_and_refuses_unsigned_ones(slack, responses, tmp_path):
    port = free_port()
    env = os.environ | {
        "PORT": str(port),
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.base_url,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        endpoint = Endpoint(f"http://127.0.0.1:{port}", responses)
        deadline = time.time() + 30
        while True:
            try:
                if endpoint.request("/healthz").status == 200:
                    break
            except OSError:
                pass
            assert time.time() < deadline and server.poll() is None, "server did not start"
            time.sleep(0.1)
        reply = endpoint.command("status")
        assert reply.status == 200, reply.body[:300]
        answer = reply.json
        if "blocks" not in answer:  # the briefing was still being built at start-up
            assert answer["text"] == "Working on it…"
            answer = responses.wait_for(1, timeout=30)[0].json
        assert answer["blocks"][0]["type"] == "header"
        assert endpoint.command("status", headers={"X-Slack-Signature": None}).status == 401
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=20)
    assert "Booting worker" in output
