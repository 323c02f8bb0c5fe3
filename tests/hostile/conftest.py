"""The hostile suite: every fault the adversarial run of issue 21 found, replayed.

It reuses the chat tests' real web app on loopback and the fakes of Slack and Teams."""

from tests.chat.conftest import endpoint, services, settings  # noqa: F401 - fixtures
