"""Value-level precision, recall and F1 of the number grammar on public number-with-unit data.

    python bench/figures.py corpora/recognizers/Specs/NumberWithUnit/English [--briefing]

Data: Microsoft Recognizers-Text (github.com/microsoft/Recognizers-Text, MIT licence),
`Specs/NumberWithUnit/English/{CurrencyModel,DimensionModel,TemperatureModel,AgeModel}.json`.
Clone or unpack it under the repository's `corpora/` folder (git-ignored); it never goes
into the repository. Each spec item is an `Input` sentence and its gold `Results`.

What is scored: every value of the spec's kind (money for the currency spec; lengths,
areas, weights… for the dimension spec; temperatures; ages) read from each input, as each
Recognizers model extracts one kind. Every spec item is scored, those marked NotSupported
for some platform included.

Two readings. By default the number grammar (`briefings.extract.numbers.read_quantities`),
which reads every quantity of a sentence before the briefing's news filters: the bench
measures value extraction, and the specs print ages ("29 years old") and bare amounts
that a briefing rightly leaves out. `--briefing` runs the whole figure extractor
(`find_figures`) on each input as a one-sentence document, news filters applied: a
person's age, a time reference ("15 years ago"), a small spelled-out number inside a
description, a bracketed conversion, and any number no label can be read for are dropped
there, so its age score is zero by design and its other scores show what the filters cost.

Matching: a predicted value matches a gold value within a relative 1e-5; a gold range
matches either end. Gold results without a value (a bare unit name such as "dollar") are
not scored. Minor currency units (cents, pence) are gold in the minor unit, while the
engine states them in the major one (30p = 0.30 GBP), so for those golds the predicted
value is also compared times 100. Each gold and each prediction is matched once.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefings import units  # noqa: E402
from briefings.extract.figures import find_figures  # noqa: E402
from briefings.extract.numbers import read_quantities  # noqa: E402
from briefings.model import Document, Sentence, Source  # noqa: E402

MEASURES = {
    "CurrencyModel": frozenset({"currency"}),
    "DimensionModel": frozenset(
        "length speed area volume mass energy power data bandwidth angle".split()
    ),
    "TemperatureModel": frozenset({"temperature"}),
    "AgeModel": frozenset({"age"}),
}
"""Each spec labels one kind of quantity, as each Recognizers model extracts one kind: the
currency spec does not label '27%' or '23 computers', so only the spec's kind is scored."""
MINOR_UNITS = frozenset({"Cent", "Pence", "Penny"})


def document(text: str) -> Document:
    """One input as a one-sentence document, as the engine's cleaner would give it."""
    source = Source(id="spec", title="")
    return Document(source, (text,), (Sentence("spec:0", 0, 0, text),))


def predicted(text: str, spec: str, briefing: bool) -> list[float]:
    """The values read from one input that are of the spec's kind. A figure mention keeps
    no age mark (a briefing drops ages), so there a duration counts as an age."""
    wanted = MEASURES[spec]
    if briefing:
        mentions = find_figures(document(text))
        aged = wanted | ({"duration"} if "age" in wanted else set())
        return [m.value for m in mentions if units.kind(m.unit) in aged]
    quantities = read_quantities(text)
    return [q.value for q in quantities if ("age" if q.kind == "age" else q.measure) in wanted]


def gold(item: dict[str, Any]) -> list[tuple[list[float], bool]]:
    """Each gold result: the values that count as a match, and whether it is in a minor unit."""
    out = []
    for result in item.get("Results", []):
        resolution = result.get("Resolution") or {}
        value = resolution.get("value")
        if value is None:
            continue
        ends = [float(v) for v in str(value).replace(" - ", "-").split("-") if v.strip()] or [0.0]
        if str(value).startswith("-"):
            ends = [float(value)]
        out.append((ends, resolution.get("unit") in MINOR_UNITS))
    return out


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-5 * max(abs(a), abs(b)) or a == b


def score(
    items: list[dict[str, Any]], spec: str, briefing: bool
) -> tuple[int, int, int, list[str]]:
    """True positives, predictions, golds, and a line per miss or false value."""
    hits = n_pred = n_gold = 0
    errors = []
    for item in items:
        values = predicted(item["Input"], spec, briefing)
        golds = gold(item)
        n_pred, n_gold = n_pred + len(values), n_gold + len(golds)
        unused = list(values)
        missed = []
        for ends, minor in golds:
            match = next(
                (
                    v
                    for v in unused
                    if any(close(v, e) or (minor and close(v * 100, e)) for e in ends)
                ),
                None,
            )
            if match is None:
                missed.append(ends)
            else:
                unused.remove(match)
                hits += 1
        if missed or unused:
            errors.append(f"  miss {missed} extra {unused}: {item['Input'][:110]!r}")
    return hits, n_pred, n_gold, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="the Specs/NumberWithUnit/English folder")
    parser.add_argument("--briefing", action="store_true", help="score find_figures instead")
    parser.add_argument("--errors", action="store_true", help="list each input scored wrong")
    args = parser.parse_args()
    mode = "find_figures, news filters applied" if args.briefing else "number grammar"
    print(f"{'spec':<18} {'P':>6} {'R':>6} {'F1':>6}  gold  pred  ({mode})")
    for name in MEASURES:
        items = json.loads((args.path / f"{name}.json").read_text("utf-8-sig"))
        hits, n_pred, n_gold, errors = score(items, name, args.briefing)
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<18} {p:6.3f} {r:6.3f} {f1:6.3f}  {n_gold:4d}  {n_pred:4d}")
        if args.errors:
            print("\n".join(errors))


if __name__ == "__main__":
    main()
