"""Check Adaptive Cards the way Teams will: the 1.5 schema plus the limits it does not state.

Why: Teams renders cards up to schema 1.5 and drops messages over ~28 KB without a useful
error (a Workflows webhook still answers 202), so every card Briefbot builds is checked in
tests before it can reach a channel.

The schema is vendored, unmodified, as ``adaptive-card-1.5.json``: microsoft/AdaptiveCards
``schemas/1.5.0/adaptive-card.json`` (commit 0353e1bd503ae180c814f4ff27f7d5b2134e0e21, 93,961
characters), MIT licence, (c) Microsoft Corporation. It is draft-06 with internal ``$ref``s
only, so ``Draft6Validator`` works offline. It does not require ``version``, checks no
sizes, and has a quirk: ``Container`` and ``TableCell`` declare ``"rtl?"`` (sic), so a valid
``rtl`` on those two fails here. Do not use ``rtl`` there (``Column`` and the card are fine).
The top-level ``msteams`` object (``{"width": "Full"}``, mention ``entities``) is a Teams
extension the schema does not know, so it is checked apart.

>>> card_errors({"type": "AdaptiveCard", "version": "1.5", "body": []})
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator, ValidationError

MAX_CARD_BYTES = 28_000  # Workflows webhook: whole message; Teams reports 28,672 as its cap
MAX_VERSION = (1, 5)
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA_PATH = Path(__file__).with_name("adaptive-card-1.5.json")
_RTL_HINT = " (the 1.5 schema declares 'rtl?' on Container and TableCell: leave rtl out)"


@cache
def _validator() -> Draft6Validator:
    return Draft6Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def as_message(card: dict[str, Any]) -> dict[str, Any]:
    """The Teams message that carries ``card``: what a Workflows webhook receives."""
    return {"type": "message", "attachments": [{"contentType": CARD_CONTENT_TYPE,
                                                "content": card}]}  # fmt: skip


def message_bytes(card: dict[str, Any]) -> int:
    """Size of the message as the largest common encoding (``json.dumps`` defaults) sends it."""
    return len(json.dumps(as_message(card)).encode("utf-8"))


def card_errors(card: dict[str, Any]) -> list[str]:
    """Every reason Teams would reject or mis-render ``card``; ``[]`` when it is fine."""
    if not isinstance(card, dict):
        return [f"$: a card is a JSON object, not {type(card).__name__}"]
    core = {k: v for k, v in card.items() if k != "msteams"}
    errors = [msg for err in _validator().iter_errors(core) for msg in _explain(err)]
    if not isinstance(card.get("msteams", {}), dict):
        errors.append('$.msteams: must be an object such as {"width": "Full"}')
    if "type" not in card:  # the schema checks its value but does not require it
        errors.append("$.type: required, must be 'AdaptiveCard'")
    errors.extend(_version_errors(card.get("version")))
    size = message_bytes(card)
    if size > MAX_CARD_BYTES:
        errors.append(f"$: message is {size} bytes, over the {MAX_CARD_BYTES}-byte Teams limit")
    return errors


def _version_errors(version: Any) -> list[str]:
    if version is None:
        return ["$.version: required on the top-level card"]
    try:
        parsed = tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return [f"$.version: {version!r} is not a version like '1.5'"]
    if parsed > MAX_VERSION:
        return [f"$.version: {version!r} is above 1.5, the highest Teams renders"]
    return []


def _explain(error: ValidationError) -> Iterator[str]:
    """Turn anyOf's 'not valid under any of the given schemas' into the errors that matter.

    Elements and actions are an anyOf over every type; the branch whose ``type`` enum
    matched is the one the author meant, so only its errors are reported.
    """
    if not error.context:
        hint = _RTL_HINT if "'rtl' was unexpected" in error.message else ""
        yield f"{error.json_path}: {error.message}{hint}"
        return
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = [errs for errs in branches.values() if not any(_wrong_type(e) for e in errs)]
    if not meant:
        kind = error.instance.get("type") if isinstance(error.instance, dict) else None
        yield f"{error.json_path}: unknown or missing type {kind!r}"
        return
    for sub in min(meant, key=len):
        yield from _explain(sub)


def _wrong_type(error: ValidationError) -> bool:
    """The discriminator failed: this branch describes another element type."""
    if list(error.relative_path) == ["type"] and error.validator == "enum":
        return True
    return error.validator == "required" and "'type'" in error.message
