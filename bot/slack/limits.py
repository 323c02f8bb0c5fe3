"""Block Kit limits: an in-repo validator and helpers to make content fit.

Slack publishes no JSON Schema for Block Kit and slack_sdk's models only check part of the
rules, so a bad payload would otherwise be found by ``invalid_blocks`` in production.  This
validator covers exactly the blocks Briefbot emits (section, header, context, divider,
actions with buttons, image; overflow menus; a modal's inputs) and rejects anything else,
so "no violations" means "we checked every part of it".  Lengths are counted in code
points as sent (after escaping).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from bot.slack.mrkdwn import safe_cut, word_spans

__all__ = [
    "MAX_BLOCKS_MESSAGE",
    "MAX_BLOCKS_VIEW",
    "SECTION_TEXT",
    "SECTION_FIELDS",
    "FIELD_TEXT",
    "HEADER_TEXT",
    "CONTEXT_ELEMENTS",
    "TEXT_OBJECT",
    "ACTIONS_ELEMENTS",
    "BLOCK_ID",
    "BUTTON_TEXT",
    "BUTTON_VALUE",
    "BUTTON_URL",
    "MESSAGE_TEXT",
    "SAFE_TOTAL_TEXT",
    "Surface",
    "violations",
    "assert_valid",
    "block_text_length",
    "split_blocks",
    "fit_section_text",
]

MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
SECTION_TEXT = 3000
SECTION_FIELDS = 10
FIELD_TEXT = 2000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
TEXT_OBJECT = 3000
ACTIONS_ELEMENTS = 25
BLOCK_ID = 255
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
BUTTON_URL = 3000
MESSAGE_TEXT = 40000
# chat.postMessage fails with the undocumented msg_blocks_too_long at roughly 11.3k summed
# text characters (block overhead seems to count too); stay well below it.
SAFE_TOTAL_TEXT = 9500

ACTION_ID = 255
OPTION_TEXT = 75
OPTION_VALUE = 150
OVERFLOW_OPTIONS = 5
SELECT_OPTIONS = 100
VIEW_TITLE = 24  # a modal's title, submit and close
PRIVATE_METADATA = 3000
IMAGE_URL = 3000
ALT_TEXT = 2000
IMAGE_TITLE = 2000

Surface = Literal["message", "home", "modal"]

_TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
_TEXT_KEYS = {"plain_text": {"type", "text", "emoji"}, "mrkdwn": {"type", "text", "verbatim"}}
_BLOCK_KEYS = {
    "section": {"type", "block_id", "text", "fields", "accessory", "expand"},
    "header": {"type", "block_id", "text"},
    "context": {"type", "block_id", "elements"},
    "divider": {"type", "block_id"},
    "actions": {"type", "block_id", "elements"},
    "image": {"type", "block_id", "image_url", "slack_file", "alt_text", "title"},
    "input": {"type", "block_id", "label", "element", "hint", "optional"},
}
_ELEMENT_KEYS = {
    "overflow": {"type", "action_id", "options"},
    "static_select": {"type", "action_id", "options", "initial_option", "placeholder"},
    "plain_text_input": {"type", "action_id", "initial_value", "placeholder", "max_length"},
}
_VIEW_KEYS = {"type", "callback_id", "title", "submit", "close", "blocks", "private_metadata"}
_PLAIN = frozenset({"plain_text"})
_BUTTON_KEYS = {"type", "text", "action_id", "url", "value", "style", "accessibility_label"}
_IMAGE_ELEMENT_KEYS = {"type", "image_url", "slack_file", "alt_text"}


# --------------------------------------------------------------------------- validation


class _Checker:
    """Collects violations as "<json pointer>: <problem>" strings."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, path: str, problem: str) -> None:
        self.found.append(f"{path}: {problem}")

    def keys(self, path: str, obj: dict[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(obj) - allowed, key=str):
            self.add(f"{path}/{key}", "unexpected key")

    def string(self, path: str, value: Any, limit: int, *, required: bool = False) -> None:
        if value is None and not required:
            return
        if not isinstance(value, str):
            self.add(path, "missing" if value is None else "must be a string")
        elif not value.strip():
            self.add(path, "empty")
        elif len(value) > limit:
            self.add(path, f"{len(value)} > {limit}")

    def url(self, path: str, value: Any, limit: int, *, required: bool = False) -> None:
        self.string(path, value, limit, required=required)
        if isinstance(value, str) and value.strip():
            if not value.lower().startswith(("http://", "https://")):
                self.add(path, "must be an http(s) URL")

    def text(
        self,
        path: str,
        obj: Any,
        limit: int = TEXT_OBJECT,
        types: frozenset[str] = _TEXT_TYPES,
    ) -> None:
        if not isinstance(obj, dict):
            self.add(path, "missing text object" if obj is None else "must be a text object")
            return
        kind = obj.get("type")
        if kind not in types:
            self.add(f"{path}/type", f"{kind!r} not one of {sorted(types)}")
        else:
            self.keys(path, obj, _TEXT_KEYS[kind])
        self.string(f"{path}/text", obj.get("text"), limit, required=True)

    def items(self, path: str, value: Any, limit: int, what: str) -> list[Any]:
        """Check a required, non-empty, bounded array; return what can be walked."""
        if not isinstance(value, list):
            self.add(path, "missing" if value is None else "must be an array")
            return []
        if not value:
            self.add(path, f"no {what}")
        elif len(value) > limit:
            self.add(path, f"{len(value)} > {limit} {what}")
        return value

    def button(self, path: str, el: dict[str, Any]) -> None:
        self.keys(path, el, _BUTTON_KEYS)
        self.text(f"{path}/text", el.get("text"), BUTTON_TEXT, frozenset({"plain_text"}))
        self.string(f"{path}/action_id", el.get("action_id"), ACTION_ID)
        self.string(f"{path}/value", el.get("value"), BUTTON_VALUE)
        self.url(f"{path}/url", el.get("url"), BUTTON_URL)
        self.string(f"{path}/accessibility_label", el.get("accessibility_label"), BUTTON_TEXT)
        if el.get("style") not in (None, "primary", "danger"):
            self.add(f"{path}/style", f"{el['style']!r} not 'primary' or 'danger'")

    def image(self, path: str, obj: dict[str, Any], allowed: set[str]) -> None:
        self.keys(path, obj, allowed)
        if "slack_file" in obj:
            if "image_url" in obj:
                self.add(path, "image_url and slack_file are exclusive")
            elif not isinstance(obj["slack_file"], dict):
                self.add(f"{path}/slack_file", "must be an object")
        else:
            self.url(f"{path}/image_url", obj.get("image_url"), IMAGE_URL, required=True)
        self.string(f"{path}/alt_text", obj.get("alt_text"), ALT_TEXT, required=True)

    def options(self, path: str, value: Any, limit: int) -> None:
        for i, option in enumerate(self.items(path, value, limit, "options")):
            self.keys(f"{path}/{i}", option, {"text", "value"})
            self.text(f"{path}/{i}/text", option.get("text"), OPTION_TEXT, _PLAIN)
            self.string(f"{path}/{i}/value", option.get("value"), OPTION_VALUE, required=True)

    def element(self, path: str, el: Any, allowed: tuple[str, ...]) -> None:
        kind = el.get("type") if isinstance(el, dict) else None
        if not isinstance(el, dict) or kind not in allowed:
            self.add(path, f"unsupported element {kind!r} (allowed: {', '.join(allowed)})")
        elif kind in _ELEMENT_KEYS:  # an overflow menu, a select or a text input
            self.keys(path, el, _ELEMENT_KEYS[kind])
            self.string(f"{path}/action_id", el.get("action_id"), ACTION_ID, required=True)
            if kind != "plain_text_input":
                limit = OVERFLOW_OPTIONS if kind == "overflow" else SELECT_OPTIONS
                self.options(f"{path}/options", el.get("options"), limit)
            if "placeholder" in el:
                self.text(f"{path}/placeholder", el["placeholder"], OPTION_VALUE, _PLAIN)
            self.string(f"{path}/initial_value", el.get("initial_value"), TEXT_OBJECT)
        elif kind == "button":
            self.button(path, el)
        elif kind == "image":
            self.image(path, el, _IMAGE_ELEMENT_KEYS)
        else:
            self.text(path, el)

    def block(self, path: str, block: dict[str, Any]) -> None:
        kind = block["type"]  # the caller checked it is one of _BLOCK_KEYS
        self.keys(path, block, _BLOCK_KEYS[kind])
        if kind == "section":
            if "text" not in block and "fields" not in block:
                self.add(path, "section needs text or fields")
            if "text" in block:
                self.text(f"{path}/text", block["text"], SECTION_TEXT)
            if "fields" in block:
                fields = self.items(f"{path}/fields", block["fields"], SECTION_FIELDS, "fields")
                for i, field in enumerate(fields):
                    self.text(f"{path}/fields/{i}", field, FIELD_TEXT)
            if "accessory" in block:
                accessories = ("button", "image", "overflow")
                self.element(f"{path}/accessory", block["accessory"], accessories)
        elif kind == "input":
            self.text(f"{path}/label", block.get("label"), FIELD_TEXT, _PLAIN)
            if "hint" in block:
                self.text(f"{path}/hint", block["hint"], FIELD_TEXT, _PLAIN)
            inputs = ("plain_text_input", "static_select")
            self.element(f"{path}/element", block.get("element"), inputs)
        elif kind == "header":
            self.text(f"{path}/text", block.get("text"), HEADER_TEXT, frozenset({"plain_text"}))
        elif kind == "context":
            elements = self.items(
                f"{path}/elements", block.get("elements"), CONTEXT_ELEMENTS, "elements"
            )
            for i, el in enumerate(elements):
                self.element(f"{path}/elements/{i}", el, ("mrkdwn", "plain_text", "image"))
        elif kind == "actions":
            elements = self.items(
                f"{path}/elements", block.get("elements"), ACTIONS_ELEMENTS, "elements"
            )
            seen: set[str] = set()
            for i, el in enumerate(elements):
                self.element(f"{path}/elements/{i}", el, ("button",))
                action_id = el.get("action_id") if isinstance(el, dict) else None
                if isinstance(action_id, str):
                    if action_id in seen:
                        self.add(f"{path}/elements/{i}/action_id", f"duplicate {action_id!r}")
                    seen.add(action_id)
        elif kind == "image":
            self.image(path, block, _BLOCK_KEYS["image"])
            if "title" in block:
                self.text(f"{path}/title", block["title"], IMAGE_TITLE, frozenset({"plain_text"}))


def _text_objects(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") in _TEXT_TYPES and isinstance(node.get("text"), str):
            yield node["text"]
            return
        for value in node.values():
            yield from _text_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _text_objects(value)


def block_text_length(block: dict[str, Any]) -> int:
    """Summed length of every text object in ``block`` (what msg_blocks_too_long counts)."""
    return sum(len(text) for text in _text_objects(block))


def violations(payload: dict[str, Any], *, surface: Surface = "message") -> list[str]:
    """Everything in a chat payload or view dict that Slack would (or might) reject.

    Checks ``blocks`` and, for messages, the fallback ``text``, which Slack uses for
    notifications and screen readers, so we insist on it.  The summed-text budget
    (:data:`SAFE_TOTAL_TEXT`) is only applied to messages: msg_blocks_too_long is a
    chat.* error and views have 100 blocks to fill.
    """
    check = _Checker()
    is_message = surface == "message"
    max_blocks = MAX_BLOCKS_MESSAGE if is_message else MAX_BLOCKS_VIEW

    if not is_message and payload.get("type", surface) != surface:
        check.add("/type", f"{payload.get('type')!r} but surface is {surface!r}")
    if surface == "modal":
        check.keys("", payload, _VIEW_KEYS)
        check.text("/title", payload.get("title"), VIEW_TITLE, _PLAIN)
        for name in ("submit", "close"):
            if name in payload:
                check.text(f"/{name}", payload[name], VIEW_TITLE, _PLAIN)
        check.string("/callback_id", payload.get("callback_id"), BLOCK_ID)
        check.string("/private_metadata", payload.get("private_metadata"), PRIVATE_METADATA)
    if is_message:
        check.string("/text", payload.get("text"), MESSAGE_TEXT, required=True)

    blocks = payload.get("blocks")
    if blocks is None and is_message:
        blocks = []
    if not isinstance(blocks, list):
        check.add("/blocks", "missing" if blocks is None else "must be an array")
        return check.found
    if not blocks and not is_message:
        check.add("/blocks", "a view needs at least one block")
    if len(blocks) > max_blocks:
        check.add("/blocks", f"{len(blocks)} > {max_blocks} blocks")

    first_seen: dict[str, int] = {}
    for i, block in enumerate(blocks):
        path = f"/blocks/{i}"
        kind = block.get("type") if isinstance(block, dict) else None
        if not isinstance(block, dict) or kind not in _BLOCK_KEYS:
            check.add(path, f"unsupported block type {kind!r}")
            continue
        if kind == "input" and surface != "modal":
            check.add(path, "input blocks belong in modals")
        if "block_id" in block:
            block_id = block["block_id"]
            check.string(f"{path}/block_id", block_id, BLOCK_ID, required=True)
            if isinstance(block_id, str):
                if block_id in first_seen:
                    check.add(
                        f"{path}/block_id",
                        f"duplicate {block_id!r} (first at /blocks/{first_seen[block_id]})",
                    )
                first_seen.setdefault(block_id, i)
        check.block(path, block)

    total = sum(block_text_length(b) for b in blocks if isinstance(b, dict))
    if is_message and total > SAFE_TOTAL_TEXT:
        check.add("/blocks", f"{total} > {SAFE_TOTAL_TEXT} summed text characters")
    return check.found


def assert_valid(payload: dict[str, Any], surface: Surface = "message") -> None:
    """Raise ValueError listing every violation, so a bad payload fails before the API call."""
    found = violations(payload, surface=surface)
    if found:
        raise ValueError(f"invalid Block Kit {surface} payload:\n  " + "\n  ".join(found))


# --------------------------------------------------------------------------- fitting


def split_blocks(
    blocks: list[dict[str, Any]],
    *,
    max_blocks: int = MAX_BLOCKS_MESSAGE,
    max_chars: int = SAFE_TOTAL_TEXT,
) -> list[list[dict[str, Any]]]:
    """Pack blocks, in order, into as few messages as the limits allow.

    Blocks are never split (use :func:`fit_section_text` first); a header stays with the
    block after it so no message ends on a dangling heading, unless the pair alone is
    over a limit.  Raises ValueError for a single block whose text exceeds ``max_chars``.
    """
    if max_blocks < 1 or max_chars < 1:
        raise ValueError("max_blocks and max_chars must be positive")
    units: list[list[dict[str, Any]]] = []
    pending: list[dict[str, Any]] = []
    for i, block in enumerate(blocks):
        if block_text_length(block) > max_chars:
            raise ValueError(f"block {i} has more than {max_chars} text characters")
        pending.append(block)
        if block.get("type") != "header":
            units.append(pending)
            pending = []
    if pending:
        units.append(pending)

    messages: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    chars = 0
    for unit in units:
        unit_chars = sum(block_text_length(b) for b in unit)
        if len(unit) <= max_blocks and unit_chars <= max_chars:
            parts = [unit]
        else:  # headers in a row: the last still goes with the block after it, if they fit
            tail = unit[-2:]
            fits = len(tail) <= max_blocks and sum(map(block_text_length, tail)) <= max_chars
            parts = [[b] for b in unit[:-2]] + ([tail] if fits else [[b] for b in tail])
        for part in parts:
            part_chars = sum(block_text_length(b) for b in part)
            if current and (
                len(current) + len(part) > max_blocks or chars + part_chars > max_chars
            ):
                messages.append(current)
                current, chars = [], 0
            current.extend(part)
            chars += part_chars
    if current:
        messages.append(current)
    return messages


def fit_section_text(text: str, limit: int = SECTION_TEXT) -> list[str]:
    """Split mrkdwn into chunks of at most ``limit`` characters, one per section block.

    Breaks at a paragraph, else a line, else a word boundary, preferring the larger
    boundary when it still fills at least half a chunk; chunks are trimmed of the
    whitespace at the break.  Entities and ``<…>`` links are never split (only a word or
    link longer than ``limit`` is hard-cut).  Blank text gives ``[]``.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    spans = word_spans(text)
    chunks: list[str] = []
    k, start = 0, (spans[0][0] if spans else 0)
    while k < len(spans):
        if spans[-1][1] - start <= limit:
            chunks.append(text[start : spans[-1][1]])
            break
        last = k  # last word that still fits; the final word does not, so this stops
        while spans[last][1] - start <= limit:
            last += 1
        last -= 1
        if last < k:  # the current word alone is longer than limit
            cut = safe_cut(text, start, start + limit)
            chunks.append(text[start:cut])
            start = cut
            continue
        end = _best_break(text, spans, k, last, start + limit // 2)
        chunks.append(text[start : spans[end][1]])
        k = end + 1
        start = spans[k][0]
    return chunks


def _best_break(text: str, spans: list[tuple[int, int]], first: int, last: int, half: int) -> int:
    """Index of the word to end the chunk on: prefer paragraph, then line breaks."""
    line = None
    for j in range(last, first - 1, -1):
        if spans[j][1] < half:
            break
        newlines = text.count("\n", spans[j][1], spans[j + 1][0])
        if newlines >= 2:
            return j
        if newlines and line is None:
            line = j
    return last if line is None else line
