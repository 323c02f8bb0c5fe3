"""Correcting from Slack, as data: the ⋯ menu on a quote or figure, the modal it opens,
and the correction a submitted modal asks for. Pure functions, tested as payloads.

    <menu>quote hubs TOKEN     (a reply template's directive)  → an overflow accessory
    option "move hubs quote TOKEN" chosen → block_actions → `modal()` → views.open
    the modal submitted → view_submission → `change()` → `commands.record_fix`

The menu carries a short token of the item (`briefings.token`), never its text; the item is
found again in the briefing when the menu is used, so a menu on an old reply finds the item
wherever it is now, or says it is gone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from briefings import STANCES, Briefing, Figure, Quote, Reaction, Target, target_of, token

from ..fixes import MAX_VALUE, Change
from . import mrkdwn

FIX_MENU = "fix_menu"
FIX_UNDO = "fix_undo"
FIX_MODAL = "fix_modal"
VALUE = "value"  # the action_id of every modal input; the block_id says which

QUOTE_OPTIONS = {
    "move": "Move to another speaker…",
    "hide": "Hide this quote",
    "stance": "Set the speaker's stance…",
    "role": "Set or clear the speaker's role…",
    "merge": "Merge the speaker into another…",
}
FIGURE_OPTIONS = {
    "label": "Correct the label…",
    "hide": "Hide this figure",
    "same": "Same measure as…",
    "apart": "Not in conflict with…",
}
TITLES = {"move": "Move a quote", "hide": "Hide it", "stance": "Set a stance",
          "role": "Set a role", "merge": "Merge speakers", "label": "Correct a label",
          "same": "One measure", "apart": "Not in conflict"}  # fmt: skip


class SubmitError(Exception):
    """What to show beside an input of the modal (Slack's response_action "errors")."""

    def __init__(self, block: str, message: str) -> None:
        super().__init__(message)
        self.block = block


@dataclass(frozen=True)
class Found:
    """The item a menu names, as it is now: a quote (with its speaker) or a figure."""

    quote: Quote | None = None
    speaker: Reaction | None = None
    figure: Figure | None = None


def accessory(menu: str) -> dict[str, Any] | None:
    """The accessory for a `<menu>` part: an overflow menu for a quote or figure, an Undo
    button for a correction; None for anything else."""
    kind, slug, ref, *flags = [*menu.split(), "", "", ""][:4]
    if kind == "undo" and ref.isdigit():
        return _button("Undo", FIX_UNDO, f"{slug} {ref}")
    options = {"quote": QUOTE_OPTIONS, "figure": FIGURE_OPTIONS}.get(kind)
    if options is None or not slug or not ref:
        return None
    if kind == "figure" and "conflict" not in flags:
        options = {op: label for op, label in options.items() if op != "apart"}
    choices = [_option(label, f"{op} {slug} {kind} {ref}") for op, label in options.items()]
    return {"type": "overflow", "action_id": FIX_MENU, "options": choices}


def find(briefing: Briefing, kind: str, ref: str) -> Found | None:
    """The quote or figure whose token is `ref`, where it is in the briefing now."""
    if kind == "quote":
        for r in briefing.reactions:
            for q in r.quotes:
                if token(target_of(q)) == ref:
                    return Found(quote=q, speaker=r)
    if kind == "figure":
        for f in briefing.figures:
            if token(target_of(f)) == ref:
                return Found(figure=f)
    return None


def modal(op: str, story: str, kind: str, ref: str, briefing: Briefing) -> dict[str, Any] | None:
    """The modal that asks what the correction `op` needs; None when the item is gone."""
    found = find(briefing, kind, ref)
    if found is None or op not in (QUOTE_OPTIONS if kind == "quote" else FIGURE_OPTIONS):
        return None
    blocks = [_section(_shown(found))]
    speaker = found.speaker
    if op == "move":
        blocks.append(_text_input("Who said it?", "", "A name, or “unknown”. A speaker "
                                  "already in the briefing gets the quote added."))  # fmt: skip
    elif op == "stance" and speaker:
        blocks.append(_select("Stance of " + speaker.speaker, STANCES, speaker.stance))
    elif op == "role" and speaker:
        blocks.append(_text_input(f"Role of {speaker.speaker}", speaker.role or "",
                                  "Leave it empty to clear the role.", optional=True))  # fmt: skip
    elif op == "merge" and speaker:
        names = [r.speaker for r in briefing.reactions if r.speaker != speaker.speaker]
        blocks.append(_select(f"{speaker.speaker} is the same as", names[:100]))
    elif op == "label" and found.figure:
        blocks.append(_text_input("Label", found.figure.label, "What the number counts."))
    elif op in ("same", "apart") and found.figure:
        f = found.figure
        rivals = {c.figure for c in f.conflicts}
        figures = [o for o in briefing.figures if o.id != f.id and (op == "same" or o.id in rivals)]
        choices = {token(target_of(o)): f"{o.display} {o.label}" for o in figures[:100]}
        blocks.append(_select("Which figure?", list(choices), labels=choices))
    else:
        blocks.append(_context("Hidden items are listed in the corrections and can be undone."))
    meta = {"story": story, "op": op, "kind": kind, "ref": ref}
    return {
        "type": "modal",
        "callback_id": FIX_MODAL,
        "title": _plain(TITLES[op], 24),
        "submit": _plain("Hide" if op == "hide" else "Save", 24),
        "close": _plain("Cancel", 24),
        "private_metadata": json.dumps(meta),
        "blocks": blocks,
    }


def change(meta: dict[str, Any], values: dict[str, Any], briefing: Briefing) -> Change:
    """The correction a submitted modal asks for (raises SubmitError saying what is wrong)."""
    op, kind, ref = str(meta.get("op")), str(meta.get("kind")), str(meta.get("ref"))
    found = find(briefing, kind, ref)
    if found is None:
        raise SubmitError("", "That item is no longer in the briefing.")
    if found.quote and found.speaker:
        item, speaker = target_of(found.quote, found.speaker.speaker), target_of(found.speaker)
    else:
        assert found.figure is not None
        item, speaker = target_of(found.figure), None
    typed = _value(values)
    if op == "hide":
        return Change("hide", (item,))
    if op == "move":
        return Change("move_quote", (item,), _required(typed))
    if op == "stance" and speaker and typed in STANCES:
        return Change("set_stance", (speaker,), typed)
    if op == "role" and speaker:
        return Change("set_role", (speaker,), _limited(typed))
    if op == "merge" and speaker:
        return Change("merge_speakers", (speaker, Target("speaker", _required(typed))))
    if op == "label":
        return Change("relabel", (item,), _required(typed))
    if op in ("same", "apart"):
        other = find(briefing, "figure", typed)
        if other is None or other.figure is None:
            raise SubmitError(VALUE, "Choose one of the figures.")
        kind_of = "same_measure" if op == "same" else "not_conflict"
        return Change(kind_of, (item, target_of(other.figure)))
    raise SubmitError(VALUE, "Choose one of the options.")


def result_view(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """What the modal shows once the correction is recorded (or refused)."""
    return {"type": "modal", "title": _plain("Briefing corrected", 24),
            "close": _plain("Done", 24), "blocks": blocks[:100]}  # fmt: skip


def notice(text: str) -> dict[str, Any]:
    """The modal answering with a sentence: refused, or the item is gone."""
    return result_view([_section(mrkdwn.escape(text))])


# -- pieces --------------------------------------------------------------------------------
def _shown(found: Found) -> str:
    if found.quote and found.speaker:
        said = mrkdwn.escape(found.quote.shown)
        return f"> {said}\n— *{mrkdwn.escape(found.speaker.speaker)}*"
    f = found.figure
    assert f is not None
    return f"*{mrkdwn.escape(f.display)}* {mrkdwn.escape(f.label)}"


def _value(values: dict[str, Any]) -> str:
    entry = (values.get(VALUE) or {}).get(VALUE) or {}
    chosen = entry.get("selected_option") or {}
    return " ".join(str(chosen.get("value") or entry.get("value") or "").split())


def _required(text: str) -> str:
    if not text:
        raise SubmitError(VALUE, "This cannot be empty.")
    return _limited(text)


def _limited(text: str) -> str:
    if len(text) > MAX_VALUE:
        raise SubmitError(VALUE, f"Keep it under {MAX_VALUE} characters.")
    return text


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    text = " ".join(text.split())
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": _plain(label), "value": value[:150]}


def _button(label: str, action: str, value: str) -> dict[str, Any]:
    return {"type": "button", "text": _plain(label), "action_id": action, "value": value[:2000]}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn.truncate(text, 3000),
                                        "verbatim": True}}  # fmt: skip


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn.escape(text)}]}


def _text_input(label: str, initial: str, hint: str, *, optional: bool = False) -> dict[str, Any]:
    element = {"type": "plain_text_input", "action_id": VALUE, "max_length": MAX_VALUE}
    if initial:
        element["initial_value"] = initial[:MAX_VALUE]
    return {"type": "input", "block_id": VALUE, "label": _plain(label, 2000),
            "element": element, "hint": _plain(hint, 2000), "optional": optional}  # fmt: skip


def _select(
    label: str,
    values: list[str] | tuple[str, ...],
    initial: str = "",
    labels: dict[str, str] | None = None,
) -> dict[str, Any]:
    options = [_option((labels or {}).get(v, v), v) for v in values if len(v) <= 150]
    element: dict[str, Any] = {"type": "static_select", "action_id": VALUE, "options": options,
                               "placeholder": _plain("Choose…")}  # fmt: skip
    chosen = next((o for o in options if o["value"] == initial), None)
    if chosen:
        element["initial_option"] = chosen
    if not options:
        return _context("There is nothing to choose from.")
    return {"type": "input", "block_id": VALUE, "label": _plain(label, 2000), "element": element}
