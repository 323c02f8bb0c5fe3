"""The card checker: the vendored 1.5 schema plus the version and size rules it lacks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .cards import MAX_CARD_BYTES, SCHEMA_PATH, card_errors, message_bytes


def card(*body: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"type": "AdaptiveCard", "version": "1.5", "body": list(body), **top}


def text(value: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": value, "wrap": True, **extra}


def test_vendored_schema_is_the_upstream_file() -> None:
    raw = SCHEMA_PATH.read_text(encoding="utf-8")
    assert len(raw) == 93_961  # characters, as served by microsoft/AdaptiveCards
    schema = json.loads(raw)
    assert schema["$schema"] == "http://json-schema.org/draft-06/schema#"
    assert "rtl?" in schema["definitions"]["Container"]["properties"]


def test_a_briefing_shaped_card_passes() -> None:
    briefing = card(
        text("Morning brief", style="heading", size="Large", weight="Bolder"),
        {"type": "FactSet", "facts": [{"title": "Sources", "value": "5"}]},
        {"type": "Container", "style": "emphasis", "items": [text("A quote")]},
        {"type": "Table", "columns": [{"width": 1}, {"width": 2}], "rows": [
            {"type": "TableRow", "cells": [
                {"type": "TableCell", "items": [text("Figure")]},
                {"type": "TableCell", "items": [text("12%")]},
            ]},
        ]},
        {"type": "ColumnSet", "columns": [{"type": "Column", "rtl": False, "items": [text("c")]}]},
        actions=[
            {"type": "Action.OpenUrl", "title": "Source", "url": "https://example.com/a"},
            {"type": "Action.Execute", "title": "Refresh", "verb": "refresh"},
        ],
        msteams={"width": "Full"},
    )  # fmt: skip
    assert card_errors(briefing) == []


def test_msteams_extension_must_be_an_object() -> None:
    assert card_errors(card(text("x"), msteams="Full")) == [
        '$.msteams: must be an object such as {"width": "Full"}'
    ]


def test_unknown_element_type_is_named() -> None:
    assert card_errors(card({"type": "Carousel", "pages": []})) == [
        "$.body[0]: unknown or missing type 'Carousel'"
    ]


def test_wrong_property_is_reported_on_its_element() -> None:
    errors = card_errors(card(text("ok"), text("bad", colour="Good")))
    assert errors == ["$.body[1]: Additional properties are not allowed ('colour' was unexpected)"]


def test_missing_required_property_inside_a_container() -> None:
    errors = card_errors(card({"type": "Container", "items": [{"type": "TextBlock"}]}))
    assert errors == ["$.body[0].items[0]: 'text' is a required property"]


def test_rtl_on_container_trips_the_schema_quirk() -> None:
    (error,) = card_errors(card({"type": "Container", "rtl": True, "items": [text("x")]}))
    assert "'rtl' was unexpected" in error and "rtl?" in error


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("1.6", "$.version: '1.6' is above 1.5, the highest Teams renders"),
        ("2.0", "$.version: '2.0' is above 1.5, the highest Teams renders"),
        ("latest", "$.version: 'latest' is not a version like '1.5'"),
        (None, "$.version: required on the top-level card"),
    ],
)
def test_version_must_be_present_and_at_most_1_5(version: str | None, expected: str) -> None:
    bad = card(text("x"), version=version)
    if version is None:
        del bad["version"]
    assert card_errors(bad) == [expected]


@pytest.mark.parametrize("version", ["1.0", "1.2", "1.4", "1.5"])
def test_older_versions_pass(version: str) -> None:
    assert card_errors(card(text("x"), version=version)) == []


def test_type_must_be_adaptive_card() -> None:
    assert card_errors({"version": "1.5", "body": []}) == [
        "$.type: required, must be 'AdaptiveCard'"
    ]
    assert card_errors({"type": "MessageCard", "version": "1.5"}) == [
        "$: unknown or missing type 'MessageCard'"
    ]


def test_oversize_card_fails_and_the_limit_is_exact() -> None:
    empty = card(text(""))
    room = MAX_CARD_BYTES - message_bytes(empty)
    assert card_errors(card(text("x" * room))) == []
    (error,) = card_errors(card(text("x" * (room + 1))))
    assert error == f"$: message is {MAX_CARD_BYTES + 1} bytes, over the 28000-byte Teams limit"


def test_size_counts_escaped_non_ascii() -> None:
    """json.dumps escapes é as \\u00e9: six bytes each, the worst case a client may send."""
    assert message_bytes(card(text("é" * 100))) - message_bytes(card(text(""))) == 600


def test_not_a_dict() -> None:
    assert card_errors([]) == ["$: a card is a JSON object, not list"]  # type: ignore[arg-type]
