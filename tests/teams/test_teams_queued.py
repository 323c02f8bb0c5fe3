"""With a broker, `add URL` in Teams answers "Queued" and the worker tells the outcome in
the conversation later: the task reaches the queue only once the "Queued" card is sent,
so the worker's message can never come first (`bot.handoff`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.services import Services
from bot.settings import Settings
from tests.chat.conftest import running_app
from tests.fakes.bot_connector import FakeBotConnector
from tests.teams.conftest import PERSONAL, Teams, inline_texts, make_bot


class Queue:
    """A broker's queue that notes how many messages the conversation had when a task came."""

    def __init__(self, connector: FakeBotConnector) -> None:
        self.connector, self.seen = connector, list[tuple[str, int]]()

    def send(self, kind: str, **kwargs: Any) -> str:
        self.seen.append((kind, len(self.connector.sent(PERSONAL))))
        return str(len(self.seen))


def test_a_queued_add_reaches_the_queue_after_its_queued_card(
    settings: Settings, connector: FakeBotConnector
) -> None:
    queue = Queue(connector)
    services = replace(Services.from_settings(settings), queue=queue)  # type: ignore[arg-type]
    bot = make_bot(services)
    try:
        with running_app(settings, services, teams=bot) as url:
            teams = Teams(url, connector)
            assert teams.message("add https://example.org/news").status in (200, 201)
            connector.wait_until(lambda: queue.seen, timeout=10)
            [card] = teams.cards()
    finally:
        bot.close()
    assert any("Queued" in line for line in inline_texts(card))
    answered = len(connector.sent(PERSONAL))  # the card (after "Working on it…" if slow)
    assert queue.seen == [("link", answered)]  # queued once every answer was in
