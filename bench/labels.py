"""How figure labels read on real news: the share of labels failing mechanical checks, and
a random sample to read.

    python bench/labels.py corpora/polnear/data/train/text [--articles 300] [--sample 40]

Each article is briefed alone (`build_briefing([read_article(path)])`), as a user briefing
one story would, and every figure label of every briefing is checked. A label should be the
noun phrase the number counts plus its defining words, in the source's own words (issue 17
item 2); these checks catch the fragments a reader sees at once:

- ends on a function word: a preposition, determiner, conjunction or pronoun ('rise in',
  'close of its', 'homes and', 'spend it');
- starts mid-phrase: on a lower-case preposition (not 'of': '40 percent of voters'), a
  conjunction, 'to', or a wh-word or relative pronoun ('where it costs new members to sign
  up'), or on an auxiliary whose subject is not the number ('is why I support', but
  '2 million | have already voted' reads on from the value);
- spans a sentence boundary ('communities. This bridge');
- has a hole where the number was cut out: an article, possessive or 'of' right before a
  preposition ('down from the in 2008'), or half a compound ('by a -to-3 vote');
- has no noun: every word a function word, a verb form or an adverb (a heuristic without a
  tagger: '-ed', '-ing' and '-ly' words and auxiliaries count as no noun).

Development data only (PolNeAR train split, bench/corpora.md). Prints figures; asserts
nothing. The sample is seeded, so a before/after pair reads the same articles.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefings import build_briefing, lexicon, read_article  # noqa: E402
from briefings.errors import BriefingError  # noqa: E402
from briefings.text import ABBREVIATIONS  # noqa: E402

CONJUNCTIONS = frozenset("and or but nor so yet because while although though if".split())
PRONOUNS = frozenset("i we you he she it they me us him them".split())
AUXILIARIES = lexicon.AUXILIARIES | frozenset("be been being am".split())
OPENERS = (
    (lexicon.PREPOSITIONS - {"of"})
    | CONJUNCTIONS
    | lexicon.WH_WORDS
    | lexicon.RELATIVE_PRONOUNS
    | frozenset({"to", "than", "not"})
)
ENDERS = lexicon.PREPOSITIONS | lexicon.DETERMINERS | CONJUNCTIONS | PRONOUNS | {"to", "than"}
CUT_BEFORE = lexicon.ARTICLES | frozenset("its their our my your of".split())
"""A word that must be followed by a noun: before a preposition, a number was cut out
('down from the in 2008', 'the request of of members'); so is half a compound ('-to-4')."""
FUNCTION = (
    OPENERS | lexicon.DETERMINERS | ENDERS | AUXILIARIES | frozenset("said says say told".split())
)


def faults(label: str, display: str = "", sentence: str = "") -> list[str]:
    """The mechanical faults of one label (names of the checks it fails); the number as
    printed and its sentence tell a label reading on from its subject ('are Republican')."""
    words = re.findall(r"[\w'’&£$€%.-]+", label)
    if not words:
        return ["empty"]
    found = []
    first, last = words[0], words[-1].lower().strip(".")
    if last in ENDERS:
        found.append("ends on a function word")
    if first.lower() in lexicon.WH_WORDS | lexicon.RELATIVE_PRONOUNS and first[:1].islower():
        found.append("starts on a wh-word or relative")
    elif first.lower() in OPENERS and first[:1].islower():
        found.append("starts mid-phrase")
    elif first.lower() in AUXILIARIES and first[:1].islower():
        subject = re.search(rf"{re.escape(display)}\W+(?:\w+\W+)?{re.escape(first)}\b", sentence)
        if not subject:
            found.append("starts mid-phrase")
    for stop in re.finditer(r"(\S*)[.!?][\"'”’]*\s+[\"'“‘]*[A-Z]", label):
        if stop.group(1).lower().strip("\"'“‘") not in ABBREVIATIONS and len(stop.group(1)) > 1:
            found.append("spans a sentence")
            break
    if not any(_nounish(w) for w in words):
        found.append("has no noun")
    lowered = label.lower().split()
    pairs = zip(lowered, lowered[1:], strict=False)
    if any(a in CUT_BEFORE and b in lexicon.PREPOSITIONS for a, b in pairs) or re.search(
        r"(?:^|\s)-\w|\w-(?:\s|$)", label
    ):
        found.append("has a hole")
    return found


def _nounish(word: str) -> bool:
    lower = word.lower()
    if lower in FUNCTION or not re.search(r"[a-z]", lower):
        return False
    return not (lower.endswith(("ed", "ly")) or (lower.endswith("ing") and len(lower) > 5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=300, help="articles briefed (seeded)")
    parser.add_argument("--sample", type=int, default=40, help="labels printed to read")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    paths = sorted(Path(args.folder).glob("*.txt"))
    paths = sorted(random.Random(args.seed).sample(paths, min(args.articles, len(paths))))
    rows: list[tuple[str, str, str, list[str]]] = []
    for path in paths:
        try:
            briefing = build_briefing([read_article(path)])
        except BriefingError:
            continue
        for figure in briefing.figures:
            sentence = figure.evidence[0].sentence if figure.evidence else ""
            found = faults(figure.label, figure.display, sentence)
            rows.append((figure.display, figure.label, sentence, found))
    failing = [r for r in rows if r[3]]
    by_check = Counter(f for r in rows for f in r[3])
    print(f"{len(paths)} articles, {len(rows)} figures, {len(failing)} labels failing a check")
    print(f"share failing: {len(failing) / max(1, len(rows)):.3f}")
    for check, count in by_check.most_common():
        print(f"  {check:<34} {count:>5}  {count / max(1, len(rows)):.3f}")
    print(f"\nrandom sample of {args.sample} labels (display | label | faults | sentence)")
    for display, label, sentence, found in random.Random(args.seed).sample(
        rows, min(args.sample, len(rows))
    ):
        print(f"- {display} | {label} | {', '.join(found) or 'ok'}\n    {sentence[:220]}")


if __name__ == "__main__":
    main()
