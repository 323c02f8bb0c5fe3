"""Tests for bot.slack.mrkdwn and bot.slack.limits: escaping must hold on hostile input
and every payload we call valid must also be accepted by slack_sdk's own models."""

from __future__ import annotations

import doctest
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.slack import limits, mrkdwn
from bot.slack.limits import (
    FIELD_TEXT,
    HEADER_TEXT,
    SAFE_TOTAL_TEXT,
    SECTION_TEXT,
    assert_valid,
    block_text_length,
    fit_section_text,
    split_blocks,
    violations,
)
from bot.slack.mrkdwn import escape, link, quote, truncate

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENTITY = re.compile(r"&(?:amp|lt|gt);")
C0_BUT_NL_TAB = re.compile(r"[\x00-\x08\x0b-\x1f]")

# --------------------------------------------------------------------------- strategies

_NASTY = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<#C1|general>",
    "<!subteam^S1>",
    "<!date^1392734382^{date}|x>",
    "<http://x|y>",
    "&",
    "&amp;",
    "&lt;",
    "&gt;",
    "&am",
    "<",
    ">",
    "|",
    "*",
    "_",
    "`",
    "```",
    ">",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\r",
    "\x00",
    "\x07",
    "\x1b",
    "\x1f",
    "\x7f",
    "é",
    "🙂",
    "👩‍👩‍👧",
    "\u200b",
    "\u3000",
    "word",
    "longerword",
    "x" * 40,
]
fragments = st.lists(st.sampled_from(_NASTY), max_size=60).map("".join)
repeated = st.builds(
    lambda piece, n: piece * n,
    st.one_of(st.sampled_from(_NASTY), st.text(max_size=8)),
    st.integers(0, 3000),
)
odd_text = st.one_of(st.text(), fragments, repeated)
# Escaped prose with some of our own links mixed in (what section text looks like).
prose_piece = st.one_of(
    odd_text.map(escape),
    st.builds(
        link,
        st.sampled_from(["https://e.com/a?b=1&c=2", "http://x.io/" + "p" * 60]),
        st.text(max_size=30),
    ),
)
prose = st.lists(prose_piece, max_size=12).map(" ".join)


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def no_broken_entity(text: str) -> bool:
    return "&" not in ENTITY.sub("", text)


def balanced_links(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "<>":
            depth += 1 if ch == "<" else -1
            if depth not in (0, 1):
                return False
    return depth == 0


# --------------------------------------------------------------------------- mrkdwn


def test_doctests() -> None:
    assert doctest.testmod(mrkdwn).failed == 0


@pytest.mark.parametrize(
    "raw",
    [
        "<!channel>",
        "<!here>",
        "<@U123>",
        "<#C1>",
        "<!subteam^S1>",
        "<!date^1392734382^{date_num}|fallback>",
        "<http://x|y>",
    ],
)
def test_escape_neutralises_special_syntax(raw: str) -> None:
    out = escape(raw)
    assert "<" not in out and ">" not in out
    assert unescape(out) == raw


def test_escape_order_does_not_double_escape() -> None:
    assert escape("&lt;") == "&amp;lt;"
    assert escape("a\rb\r\nc\x00\x1fd\te") == "a\nb\ncd\te"


@FAST
@given(odd_text)
def test_escape_properties(raw: str) -> None:
    out = escape(raw)
    for bad in ("<!", "<@", "<#", "<", ">"):
        assert bad not in out
    assert no_broken_entity(out)
    assert not C0_BUT_NL_TAB.search(out)
    assert unescape(out) == raw.replace("\r\n", "\n").replace("\r", "\n").translate(
        {c: None for c in range(32) if c not in (9, 10)}
    )
    assert escape(out) == out.replace("&", "&amp;")  # not idempotent: escape exactly once


@FAST
@given(odd_text)
def test_quote_prefixes_every_line(raw: str) -> None:
    lines = quote(raw).split("\n")
    assert all(line.startswith("> ") for line in lines)
    body = "".join(line[2:] for line in lines)
    assert "<" not in body and ">" not in body


def test_link_examples() -> None:
    assert link("https://e.com/x", "Title") == "<https://e.com/x|Title>"
    assert link("HTTP://e.com", "") == "<HTTP://e.com>"
    assert link("https://e.com/a b|c<d>", "x") == "<https://e.com/a%20b%7Cc%3Cd%3E|x>"
    assert link("https://e.com", "a|b>c\nd") == "<https://e.com|a\u2223b&gt;c d>"
    for bad in ("javascript:alert(1)", "slack://open", "/relative", "mailto:a@b.c", "https:x"):
        assert link(bad, "<!channel>") == "&lt;!channel&gt;"


@FAST
@given(st.one_of(odd_text, st.builds("https://{}".format, odd_text)), odd_text)
def test_link_cannot_be_broken_out_of(url: str, label: str) -> None:
    out = link(url, label)
    if out.startswith("<"):
        assert re.fullmatch(r"<[^<>|\s]+(\|[^<>|\n]*)?>", out), out
        assert no_broken_entity(out[out.find("|") + 1 : -1] if "|" in out else "")
    else:
        assert "<" not in out and ">" not in out


@FAST
@given(odd_text.map(escape), st.integers(0, 400), st.sampled_from(["\u2026", "...", ""]))
def test_truncate_properties(text: str, limit: int, suffix: str) -> None:
    out = truncate(text, limit, suffix)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text
    else:
        head = out[: len(out) - len(suffix)] if suffix and out.endswith(suffix) else out
        assert text.startswith(head)
        assert no_broken_entity(head)


@FAST
@given(prose, st.integers(1, 300))
def test_truncate_keeps_links_whole(text: str, limit: int) -> None:
    out = truncate(text, limit)
    assert len(out) <= limit
    assert balanced_links(out)


def test_truncate_examples() -> None:
    assert truncate("one two three", 9) == "one two\u2026"
    assert truncate("&amp;&amp;&amp;", 9, "") == "&amp;"  # never "&amp;&am"
    assert truncate("abcdef", 1) == "\u2026"
    assert truncate("abcdef", 0) == ""
    with pytest.raises(ValueError):
        truncate("x", -1)


# --------------------------------------------------------------------------- fit_section_text


@FAST
@given(st.one_of(prose, odd_text.map(escape)), st.integers(5, 400))
def test_fit_section_text_properties(text: str, limit: int) -> None:
    chunks = fit_section_text(text, limit)
    assert all(0 < len(c) <= limit for c in chunks)
    assert all(no_broken_entity(c) for c in chunks)
    assert "".join("".join(c.split()) for c in chunks) == "".join(text.split())
    if all(len(w) <= limit for w in text.split()) and "<" not in text:
        assert " ".join(chunks).split() == text.split()


@FAST
@given(prose)
def test_fit_section_text_keeps_short_links_whole(text: str) -> None:
    for chunk in fit_section_text(text, 200):  # every generated link is < 200 chars
        assert balanced_links(chunk)


def test_fit_section_text_prefers_paragraphs() -> None:
    para = ("word " * 100).strip()
    text = "\n\n".join([para] * 10)  # 499 chars each
    chunks = fit_section_text(text, 1200)
    assert chunks == ["\n\n".join([para] * 2)] * 5
    assert fit_section_text("  \n ") == []
    assert fit_section_text("a" * 7001) == ["a" * 3000, "a" * 3000, "a" * 1001]


# --------------------------------------------------------------------------- violations


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def message(*blocks: dict[str, Any], text: str = "fallback") -> dict[str, Any]:
    return {"text": text, "blocks": list(blocks)}


def realistic_message() -> dict[str, Any]:
    title = 'Talks resume in Geneva <!channel> & "others"'
    return {
        "channel": "C123",
        "text": escape(f"Briefing: {title}"),
        "unfurl_links": False,
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": title[:HEADER_TEXT]}},
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": "Updated <!date^1700000000^{date_short_pretty}|today>",
                    },
                    {"type": "image", "image_url": "https://e.com/i.png", "alt_text": "logo"},
                ],
            },
            section(
                quote("Delegations met for six hours.\nNo statement yet."),
                block_id="summary",
                accessory={
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Open"},
                    "url": "https://e.com/story",
                    "action_id": "open",
                },
            ),
            {"type": "divider"},
            {
                "type": "section",
                "block_id": "facts",
                "fields": [
                    {"type": "mrkdwn", "text": "*Sources*\n12"},
                    {
                        "type": "mrkdwn",
                        "text": "*Since*\n" + link("https://e.com/?a=1&b=2", "3h ago"),
                    },
                ],
            },
            {
                "type": "image",
                "image_url": "https://e.com/map.png",
                "alt_text": "map",
                "title": {"type": "plain_text", "text": "Map"},
            },
            {
                "type": "actions",
                "block_id": "act",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Mute"},
                        "action_id": "mute",
                        "value": "story-1",
                        "style": "danger",
                    },
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Follow"},
                        "action_id": "follow",
                        "value": "story-1",
                        "style": "primary",
                    },
                ],
            },
        ],
    }


def test_realistic_message_is_valid() -> None:
    payload = realistic_message()
    assert violations(payload) == []
    assert_valid(payload)
    for block in payload["blocks"]:
        Block.parse(block).to_dict()


def test_section_text_over_3000() -> None:
    found = violations(message({"type": "divider"}, section("x" * 3001)))
    assert found == ["/blocks/1/text/text: 3001 > 3000"]


def test_eleven_fields() -> None:
    fields = [{"type": "mrkdwn", "text": "f"}] * 11
    assert violations(message({"type": "section", "fields": fields})) == [
        "/blocks/0/fields: 11 > 10 fields"
    ]


def test_field_over_2000() -> None:
    field = {"type": "mrkdwn", "text": "f" * (FIELD_TEXT + 1)}
    assert violations(message({"type": "section", "fields": [field]})) == [
        "/blocks/0/fields/0/text: 2001 > 2000"
    ]


def test_header_over_150_and_not_plain() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    assert violations(message(header)) == ["/blocks/0/text/text: 151 > 150"]
    header["text"] = {"type": "mrkdwn", "text": "h"}
    assert violations(message(header)) == [
        "/blocks/0/text/type: 'mrkdwn' not one of ['plain_text']"
    ]


def test_duplicate_block_id() -> None:
    found = violations(message(section("a", block_id="x"), section("b", block_id="x")))
    assert found == ["/blocks/1/block_id: duplicate 'x' (first at /blocks/0)"]
    assert violations(message(section("a", block_id="b" * 256))) == [
        "/blocks/0/block_id: 256 > 255"
    ]


def test_block_counts_per_surface() -> None:
    blocks = [{"type": "divider"}] * 51
    assert violations(message(*blocks)) == ["/blocks: 51 > 50 blocks"]
    home = {"type": "home", "blocks": [{"type": "divider"}] * 100}
    assert violations(home, surface="home") == []
    home["blocks"].append({"type": "divider"})
    assert violations(home, surface="home") == ["/blocks: 101 > 100 blocks"]
    title = {"type": "plain_text", "text": "Fix"}
    assert violations({"type": "modal", "title": title, "blocks": []}, surface="modal") == [
        "/blocks: a view needs at least one block"
    ]


def test_menus_and_modals() -> None:
    """The correction menus and modals (bot/slack/fix_menus.py) are checked like the rest."""
    option = {"text": {"type": "plain_text", "text": "Hide"}, "value": "hide hubs quote 1"}
    overflow = {"type": "overflow", "action_id": "fix_menu", "options": [option] * 6}
    assert violations(message(section("a", accessory=overflow))) == [
        "/blocks/0/accessory/options: 6 > 5 options"
    ]
    long = {**option, "value": "v" * 151}
    overflow = {"type": "overflow", "action_id": "fix_menu", "options": [long]}
    assert violations(message(section("a", accessory=overflow))) == [
        "/blocks/0/accessory/options/0/value: 151 > 150"
    ]
    field = {"type": "plain_text_input", "action_id": "value", "max_length": 200}
    label = {"type": "plain_text", "text": "Label"}
    ask = {"type": "input", "block_id": "value", "label": label, "element": field}
    assert violations(message(ask)) == ["/blocks/0: input blocks belong in modals"]
    title = {"type": "plain_text", "text": "A title of more than 24 characters"}
    modal = {"type": "modal", "title": title, "blocks": [ask], "private_metadata": "m" * 3001}
    assert violations(modal, surface="modal") == [
        "/title/text: 34 > 24",
        "/private_metadata: 3001 > 3000",
    ]


def test_fallback_text_and_total() -> None:
    assert violations({"blocks": [section("a")]}) == ["/text: missing"]
    assert violations(message(section("a"), text="  ")) == ["/text: empty"]
    assert violations(message(text="t" * 40001)) == ["/text: 40001 > 40000"]
    big = [section("x" * 2500) for _ in range(4)]
    assert violations(message(*big)) == ["/blocks: 10000 > 9500 summed text characters"]
    assert violations({"type": "home", "blocks": big}, surface="home") == []


def test_structure_problems() -> None:
    found = violations(
        message(
            {"type": "section"},
            {"type": "rich_text", "elements": []},
            section(""),
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "b" * 76},
                        "url": "ftp://x",
                        "value": "v" * 2001,
                        "action_id": "a",
                    },
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "b"},
                        "action_id": "a",
                    },
                    {"type": "static_select"},
                ],
            },
            {"type": "image", "image_url": "https://e.com/x.png"},
            section("a", feilds=[]),
        )
    )
    assert found == [
        "/blocks/0: section needs text or fields",
        "/blocks/1: unsupported block type 'rich_text'",
        "/blocks/2/text/text: empty",
        "/blocks/3/elements: 11 > 10 elements",
        "/blocks/4/elements/0/text/text: 76 > 75",
        "/blocks/4/elements/0/value: 2001 > 2000",
        "/blocks/4/elements/0/url: must be an http(s) URL",
        "/blocks/4/elements/1/action_id: duplicate 'a'",
        "/blocks/4/elements/2: unsupported element 'static_select' (allowed: button)",
        "/blocks/5/alt_text: missing",
        "/blocks/6/feilds: unexpected key",
    ]
    with pytest.raises(ValueError, match="/blocks/0: section needs text or fields"):
        assert_valid(message({"type": "section"}))


# --------------------------------------------------------------------------- split_blocks


def _sized(n: int) -> str:
    return ("lorem ipsum " * (n // 12 + 1))[:n].strip() or "x"


_text = st.integers(1, 3000).map(_sized)
_button = st.builds(
    lambda t, i: {
        "type": "button",
        "text": {"type": "plain_text", "text": t[:75]},
        "action_id": f"a{i}",
        "value": "v",
    },
    _text,
    st.integers(0, 10**6),
)
_block = st.one_of(
    _text.map(section),
    st.integers(1, HEADER_TEXT).map(
        lambda n: {"type": "header", "text": {"type": "plain_text", "text": _sized(n)}}
    ),
    st.just({"type": "divider"}),
    st.lists(st.integers(1, FIELD_TEXT).map(_sized), min_size=1, max_size=10).map(
        lambda fs: {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fs]}
    ),
    st.lists(_text.map(lambda t: {"type": "mrkdwn", "text": t}), min_size=1, max_size=10).map(
        lambda els: {"type": "context", "elements": els}
    ),
    st.lists(_button, min_size=1, max_size=25, unique_by=lambda b: b["action_id"]).map(
        lambda els: {"type": "actions", "elements": els}
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block, max_size=150), st.integers(1, 50), st.integers(3000, SAFE_TOTAL_TEXT))
def test_split_blocks_yields_valid_messages(
    blocks: list[dict[str, Any]], max_blocks: int, max_chars: int
) -> None:
    blocks = [dict(b, block_id=f"b{i}") for i, b in enumerate(blocks)]
    if any(block_text_length(b) > max_chars for b in blocks):
        with pytest.raises(ValueError):
            split_blocks(blocks, max_blocks=max_blocks, max_chars=max_chars)
        return
    messages = split_blocks(blocks, max_blocks=max_blocks, max_chars=max_chars)
    assert [b for m in messages for b in m] == blocks
    for msg in messages:
        assert 0 < len(msg) <= max_blocks
        assert violations({"text": "Briefing (continued)", "blocks": msg}) == []
    for msg, following in zip(messages, messages[1:], strict=False):
        if msg[-1]["type"] == "header" and following[0]["type"] != "header":
            # a heading parted from what it heads only when the two cannot share a message
            # (a heading right before another heading heads nothing)
            pair = [msg[-1], following[0]]
            assert len(pair) > max_blocks or sum(map(block_text_length, pair)) > max_chars


def test_split_blocks_examples() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "H"}}
    body = [section("s" * 3000) for _ in range(3)]
    messages = split_blocks([*body, header, section("t" * 500)])
    assert messages == [body, [header, section("t" * 500)]]
    assert split_blocks([]) == []
    assert [len(m) for m in split_blocks([{"type": "divider"}] * 120)] == [50, 50, 20]
    two_headers = split_blocks([header, header, section("t")], max_blocks=2)
    assert two_headers == [[header], [header, section("t")]]  # never ends on a heading
    with pytest.raises(ValueError):
        split_blocks([section("x" * 200)], max_chars=100)


# --------------------------------------------------------------------------- slack_sdk cross-check

_near = st.sampled_from([1, 2, 74, 75, 76, 149, 150, 151, 1999, 2000, 2001, 2999, 3000, 3001])
_maybe_block = st.one_of(
    _near.map(lambda n: section("m" * n)),
    _near.map(lambda n: {"type": "header", "text": {"type": "plain_text", "text": "h" * n}}),
    st.tuples(_near, st.integers(1, 12)).map(
        lambda t: {"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * t[0]}] * t[1]}
    ),
    st.integers(1, 12).map(
        lambda n: {"type": "context", "elements": [{"type": "plain_text", "text": "c"}] * n}
    ),
    st.tuples(_near, _near, st.integers(1, 27)).map(
        lambda t: {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "b" * t[0]},
                    "value": "v" * t[1],
                    "action_id": f"a{i}",
                }
                for i in range(t[2])
            ],
        }
    ),
    st.tuples(_near, st.booleans()).map(
        lambda t: {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "s"},
            "block_id": "i" * (t[0] // 10),
            "accessory": {
                "type": "button",
                "text": {"type": "plain_text", "text": "go"},
                "url": "https://e.com/" + "u" * t[0],
            }
            if t[1]
            else {"type": "image", "image_url": "https://e.com/i.png", "alt_text": "a" * t[0]},
        }
    ),
    st.just({"type": "divider"}),
)


def _sdk_accepts(blocks: list[dict[str, Any]], surface: str) -> bool:
    try:
        for block in blocks:
            Block.parse(block).to_dict()
        if surface != "message":
            View(
                type=surface, title="Briefbot" if surface == "modal" else None, blocks=blocks
            ).to_dict()
    except SlackObjectFormationError:
        return False
    return True


@settings(max_examples=80, deadline=None)
@given(st.lists(_maybe_block, min_size=1, max_size=8), st.sampled_from(["message", "home"]))
def test_accepted_payloads_pass_slack_sdk(blocks: list[dict[str, Any]], surface: str) -> None:
    payload: dict[str, Any] = {"blocks": blocks}
    if surface == "message":
        payload["text"] = "fallback"
    else:
        payload["type"] = surface
    ours_ok = violations(payload, surface=surface) == []  # type: ignore[arg-type]
    if ours_ok:
        assert _sdk_accepts(blocks, surface)
    if not _sdk_accepts(blocks, surface):
        assert not ours_ok  # we are at least as strict as slack_sdk


def test_constants() -> None:
    assert (limits.MAX_BLOCKS_MESSAGE, limits.MAX_BLOCKS_VIEW) == (50, 100)
    assert SECTION_TEXT == limits.TEXT_OBJECT == limits.BUTTON_URL == 3000
    assert limits.SAFE_TOTAL_TEXT < 11_300 and limits.MESSAGE_TEXT == 40_000
