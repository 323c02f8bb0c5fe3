"""Property tests: whatever the articles say, and however much, every reply fits Slack's limits.

Briefings are built by hand from generated text: long, empty-ish, full of Slack markup,
control characters and odd Unicode. Every command's messages must pass the Block Kit
validator, stay within five messages, and contain no ping or link we did not put there.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands import Caller, Context, home, run
from bot.slack.blocks import build_home, build_messages
from bot.slack.limits import violations
from bot.stories import StoryConfig
from briefings import (
    Announcement,
    Briefing,
    Conflict,
    Evidence,
    Figure,
    OpenQuestion,
    Point,
    Quote,
    Reaction,
    Sentence,
    Source,
    Story,
)
from tests.chat.conftest import texts

HOSTILE = ["<!channel>", "<!here>", "<@U123>", "<#C1|x>", "<http://x|y>", "&amp;", "*", "_",
           "`", "> ", "\n", "\r\n", "\x00", "\x0b", "\u202e", "💥", "\u200d", "ü", "|", "::",
           "<section>"]  # fmt: skip
TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=40)), max_size=30
).map("".join)
LONG = st.one_of(TEXT, st.integers(1000, 3500).map(lambda n: ("lorem <!channel> " * n)[:n]))
URL = st.one_of(st.none(), st.just("https://news.example/a?b=1&c=<2>"), st.just("javascript:x"))

COMMANDS = ["", "help", "status", "brief", "figures", "reactions", "reactions a", "questions",
            "sources", "search lorem channel", "search", "nonsense <!channel>"]  # fmt: skip


@st.composite
def briefings(draw: st.DrawFn) -> Briefing:
    n_sources = draw(st.integers(1, 12))
    sources = tuple(
        Source(
            id=f"s{i}",
            title=draw(LONG),
            url=draw(URL),
            outlet=draw(st.one_of(st.none(), TEXT)),
            author=draw(st.one_of(st.none(), TEXT)),
            published=draw(st.sampled_from([None, "2026-01-02", "junk"])),
        )
        for i in range(n_sources)
    )
    sentences = {
        f"s{i}:{j}": Sentence(f"s{i}:{j}", j, 0, draw(LONG))
        for i in range(n_sources)
        for j in range(3)
    }

    def evidence() -> tuple[Evidence, ...]:
        ids = draw(st.lists(st.sampled_from(sorted(sentences)), min_size=1, max_size=6))
        return tuple(Evidence(i.split(":")[0], i, sentences[i].text) for i in ids)

    def point() -> Point:
        return Point(draw(LONG), evidence())

    figures = []
    for k in range(draw(st.integers(0, 40))):
        conflicts = tuple(
            Conflict(f"f{k + 1}", 1.0, draw(TEXT), (sources[0].id,), draw(TEXT))
            for _ in range(draw(st.integers(0, 2)))
        )
        figures.append(
            Figure(
                f"f{k}",
                float(k),
                "people",
                draw(TEXT) or "1",
                draw(LONG),
                draw(st.one_of(st.none(), TEXT)),
                draw(st.sampled_from(["exact", "about", "more than"])),
                evidence(),
                conflicts,
            )
        )
    reactions = tuple(
        Reaction(
            draw(TEXT) or "a",
            draw(st.one_of(st.none(), TEXT)),
            "critical",
            draw(LONG),
            tuple(
                Quote(draw(LONG), draw(st.booleans()), evidence())
                for _ in range(draw(st.integers(0, 8)))
            ),
            aliases=("a",),
        )
        for _ in range(draw(st.integers(0, 25)))
    )
    questions = tuple(
        OpenQuestion(draw(LONG), "unknown", evidence()) for _ in range(draw(st.integers(0, 25)))
    )
    announcement = Announcement(
        draw(st.one_of(st.none(), st.builds(point))),
        tuple(point() for _ in range(draw(st.integers(0, 3)))),
        tuple(point() for _ in range(draw(st.integers(0, 6)))),
    )
    return Briefing(Story("hubs", "t"), "2026-11-23T08:00:00+00:00", sources, announcement,
                    reactions, tuple(figures), questions, sentences)  # fmt: skip


class FixedBriefings:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing

    def ready(self, slug: str) -> Briefing:
        return self.briefing

    def get(self, slug: str) -> Briefing:
        return self.briefing


STORY = StoryConfig("hubs", "Story <!channel> & co", seeds=None)  # type: ignore[arg-type]
OURS = re.compile(r"<(https://news\.example/[^|>]*(\|[^<>]*)?|#C123|@U777)>")


def assert_safe(payload: dict, surface: str = "message") -> None:
    assert violations(payload, surface=surface) == []
    for text in texts(payload):
        assert "<" not in OURS.sub("", text), text[:200]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
        HealthCheck.data_too_large,
    ],
)
@given(briefings())
def test_every_reply_fits_slack_and_pings_no_one(briefing: Briefing) -> None:
    ctx = Context(STORY, FixedBriefings(briefing), None, Caller("slack", "T1", "C123", "U777"))  # type: ignore[arg-type]
    for command in COMMANDS:
        messages = build_messages(run(command, ctx))
        assert 1 <= len(messages) <= 5
        for message in messages:
            assert message["text"] and message["blocks"]
            assert_safe(message)
        shared = build_messages(run(command, ctx), shared_by="U777")
        for message in shared:
            assert_safe(message)
    assert_safe(build_home(home(ctx)), surface="home")


@settings(max_examples=10, deadline=None)
@given(st.integers(300, 900))
def test_a_huge_briefing_is_cut_with_a_pointer_to_the_rest(n: int) -> None:
    source = Source("s0", "t", outlet="Outlet")
    ev = (Evidence("s0", "s0:0", "x"),)
    figures = tuple(
        Figure(f"f{i:04d}", i, "people", f"{i:,}", "people counted " * 20, None, "exact", ev)
        for i in range(n)
    )
    briefing = Briefing(
        Story("hubs", "t"),
        "2026-11-23T08:00:00+00:00",
        (source,),
        Announcement(None, (), ()),
        (),
        figures,
        (),
    )
    ctx = Context(STORY, FixedBriefings(briefing))  # type: ignore[arg-type]
    messages = build_messages(run("figures", ctx))
    assert len(messages) == 5
    last = messages[-1]["blocks"]
    assert any(
        "did not fit" in e["text"] for b in last if b["type"] == "context" for e in b["elements"]
    )
    assert last[-1]["type"] == "actions"  # the .xlsx button, which has everything
    for message in messages:
        assert_safe(message)
