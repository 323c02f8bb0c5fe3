"""The floor for `bench/slack_latency.py`: a bare Bolt app that answers every /hubs with "ok".

Same Bolt `App` (token mode, signature checks, ThreadListenerRunner) and the same WSGI
adapter as Briefbot, with none of Briefbot's work, so the difference in latency between the
two is what Briefbot itself costs. Run it under the same gunicorn options as `briefbot serve`:

    SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... SLACK_API_URL=http://127.0.0.1:N/api/ \
    gunicorn --worker-class gthread --workers 1 --threads 8 --bind 127.0.0.1:3000 \
        bench.bare_bolt:api
"""

from __future__ import annotations

import os

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

app = App(
    signing_secret=os.environ["SLACK_SIGNING_SECRET"],
    client=WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]),
)


@app.command("/hubs")
def _hubs(ack: Ack) -> None:
    ack("ok")


api = SlackRequestHandler(app)
