"""Who said what, measured against hand-annotated news: PolNeAR's attributions.

    python bench/attribution.py corpora/polnear/data/train [--errors 10] [--limit 200]

Data: PolNeAR (github.com/networkdynamics/PolNeAR), US political news with brat standoff
annotations of every attribution's source, cue and content. Clone or download it and put
the unpacked `data/train` folder under `corpora/` at the repository root (an ignored
folder: corpus text never goes into the repository), e.g. `corpora/polnear/data/train`,
which holds `text/*.txt` and `attributions/*.ann` (`python bench/corpora.py polnear CLONE`
copies exactly that from a clone). Any PATH with those two folders works.
Develop on the train split only; dev and test are held out (do not unpack them).

Each article is briefed alone through the real engine (`build_briefing`) and every quote
of its reactions (direct quotes, and indirect statements whose text is the reported
content), in each wording the briefing holds (the one shown and its variants: a quote
printed twice, as an excerpt and in full, is one quote with two wordings, each citing
where it was printed), is located in the article and scored:

- precision: a quote is right when at least half its characters fall inside one gold
  content span;
- quoted recall: gold contents that open with a quote mark, found when predicted quotes
  cover at least half of them;
- all-content recall: every gold content, the same way (a content's quote marks, commas
  and spaces at its ends left out of the half: '“No,”' is found by the quote 'No');
- speaker: on right quotes whose gold source contains a capitalised name, the share
  whose speaker (or an alias) shares a name word with that source.

Targets on train: precision >= .95, quoted recall >= .90, all-content recall >= .55,
speaker >= .95. Prints figures (and with --errors N, samples of each kind of error);
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefings import NoArticlesError, build_briefing, read_article  # noqa: E402
from briefings.text import strip_controls  # noqa: E402

_T_LINE = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")
_QUOTE_OPENERS = ("“", '"', "‘", "'", "``", "''")
_FOLD = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "―": "-", "\u00a0": " "}
_NOT_NAMES = frozenset(
    """
    the a an he she they it we i you his her their this that these those mr mrs ms dr sen
    rep gov gen president senator representative governor former presidential candidate
    democratic republican democrats republicans democrat republican but and in on at of
    for according as when while after if us u.s american
    """.split()
)
"""Capitalised words of a source span that are not name words ('The', 'Sen.', 'Democratic')."""

_INVISIBLE = frozenset(c for c in map(chr, range(0x10000)) if not strip_controls(c))
"""What the engine drops as it cleans a text (direction marks, control characters): one
definition, `briefings.text`'s."""
Span = tuple[int, int]


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: its content span(s) and its source's text."""

    content: tuple[Span, ...]
    source: str

    @property
    def size(self) -> int:
        return sum(b - a for a, b in self.content)


@dataclass
class Result:
    """Counts for one article, plus the examples the error report samples from."""

    name: str
    predicted: int = 0
    right: int = 0
    unlocated: int = 0
    direct_predicted: int = 0
    direct_right: int = 0
    quoted_gold: int = 0
    quoted_found: int = 0
    gold: int = 0
    found: int = 0
    named: int = 0
    agreed: int = 0
    seconds: float = 0.0
    wrong: list[str] = field(default_factory=list)
    missed_quoted: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    speaker: list[str] = field(default_factory=list)


def pairs(path: Path) -> list[tuple[Path, Path]]:
    """Each text with its annotation; where several annotators did one text, the first."""
    anns: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        anns.setdefault(stem, ann)
    out = []
    for text in sorted((path / "text").glob("*.txt")):
        if text.stem in anns:
            out.append((text, anns[text.stem]))
    return out


def read_gold(ann: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[str] = []
    for line in ann.read_text("utf-8").splitlines():
        if match := _T_LINE.match(line):
            frags = tuple(
                (int(a), int(b)) for a, b in (f.split() for f in match.group(3).split(";"))
            )
            spans[match.group(1)] = (match.group(2), frags)
        elif match := _E_LINE.match(line):
            events.append(match.group(1))
    golds = []
    for event in events:
        roles = dict(part.split(":", 1) for part in event.split() if ":" in part)
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        source_text = " ".join(text[a:b] for a, b in source[1]) if source else ""
        golds.append(Gold(content[1], source_text))
    return golds


def fold(text: str) -> tuple[str, list[int]]:
    """Quotes and dashes made straight, whitespace runs one space; with each character's
    offset in the original, so a match in the folded text maps back."""
    out: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue  # the engine drops direction marks as it cleans the text
        ch = _FOLD.get(ch, ch)
        if ch.isspace():
            if space:
                continue
            ch, space = " ", True
        else:
            space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def _readable(text: str) -> tuple[str, list[int]]:
    """The article folded as the engine reads it, each character's offset in the original:
    the engine repairs text double-encoded on its way ('JesÃºs' is 'Jesús'), so quotes are
    looked for in the repaired text and mapped back to the annotated offsets."""
    repaired = ftfy.fix_encoding(text)
    folded, index = fold(repaired)
    if repaired == text:
        return folded, index
    back = list(range(len(repaired)))
    for _tag, i1, i2, j1, j2 in SequenceMatcher(None, text, repaired, autojunk=False).get_opcodes():
        for j in range(j1, j2):
            back[j] = min(i1 + (j - j1), max(i1, i2 - 1))
    return folded, [back[i] for i in index]


def locate(quote: str, sentences: list[str], folded: str, index: list[int]) -> Span | None:
    """Where a predicted quote sits in the article: inside its cited sentence if it can."""
    needle = fold(quote.strip())[0].strip()
    if not needle:
        return None
    starts = []
    for sentence in sentences:
        at = folded.find(fold(sentence.strip())[0].strip())
        if at >= 0:
            starts.append(at)
    for start in [*sorted(starts), 0]:
        at = folded.find(needle, start)
        if at >= 0:
            return index[at], index[at + len(needle) - 1] + 1
    return None


def overlap(a: Span, spans: tuple[Span, ...]) -> int:
    return sum(max(0, min(a[1], b) - max(a[0], s)) for s, b in spans)


def name_words(text: str) -> set[str]:
    words = re.findall(r"[A-Z][\w.'’-]*", text.replace("’", "'"))
    out = set()
    for word in words:
        bare = re.sub(r"['’]s?$", "", word).rstrip(".").lower()
        if bare and bare not in _NOT_NAMES:
            out.add(bare)
    return out


def excerpt(text: str, span: Span, pad: int = 80) -> str:
    a, b = span
    left = text[max(0, a - pad) : a].replace("\n", " ")
    right = text[b : b + pad].replace("\n", " ")
    return f"…{left}[[{text[a:b].replace(chr(10), ' ')}]]{right}…"


def score(pair: tuple[Path, Path]) -> Result:
    """Brief one article and score its quotes against its annotation."""
    text_path, ann_path = pair
    text = text_path.read_text("utf-8")
    result = Result(text_path.stem)
    golds = read_gold(ann_path, text)
    started = time.perf_counter()
    try:
        briefing = build_briefing([read_article(text_path)])
        reactions = briefing.reactions
    except NoArticlesError:
        reactions = ()
    result.seconds = time.perf_counter() - started
    folded, index = _readable(text)
    predicted: list[Span] = []
    for reaction in reactions:
        ours = name_words(" ".join([reaction.speaker, *reaction.aliases]))
        # Each wording the briefing holds: the one shown and its variants (the same quote
        # printed twice, an excerpt and in full, each citing where it was printed).
        wordings = [
            (w.text, w.evidence, quote.direct)
            for quote in reaction.quotes
            for w in (quote, *quote.variants)
        ]
        for said, evidence, direct in wordings:
            result.predicted += 1
            result.direct_predicted += direct
            span = locate(said, [e.sentence for e in evidence], folded, index)
            if span is None:
                result.unlocated += 1
                result.wrong.append(f"(not found in text) {reaction.speaker}: {said!r}")
                continue
            predicted.append(span)
            size = span[1] - span[0]
            inside = [g for g in golds if overlap(span, g.content) * 2 >= size]
            if not inside:
                result.wrong.append(f"{reaction.speaker}: {excerpt(text, span)}")
                continue
            result.right += 1
            result.direct_right += direct
            gold = min(inside, key=lambda g: g.size)
            theirs = name_words(gold.source)
            if theirs:
                result.named += 1
                if ours & theirs:
                    result.agreed += 1
                else:
                    result.speaker.append(
                        f"ours {reaction.speaker!r} gold {gold.source!r}: {excerpt(text, span, 40)}"
                    )
    for gold in golds:
        words = _words_only(text, gold.content)
        covered = sum(overlap(p, words) for p in _union(predicted))
        found = covered * 2 >= sum(b - a for a, b in words)
        quoted = text[gold.content[0][0] :].lstrip().startswith(_QUOTE_OPENERS)
        result.gold += 1
        result.found += found
        result.quoted_gold += quoted
        result.quoted_found += quoted and found
        if not found:
            span = (gold.content[0][0], gold.content[-1][1])
            line = f"{gold.source!r}: {excerpt(text, span, 60)}"
            (result.missed_quoted if quoted else result.missed).append(line)
    return result


def _words_only(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """A gold content without the quote marks, commas and spaces at its ends: '“No,”' is
    found by a quote 'No' (the marks were half of so short a span)."""
    out = []
    for a, b in spans:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        out.append((a, b) if b > a else (a, a + 1))
    return tuple(out)


_TRIM = frozenset("“”‘’\"'`, \n\t")


def _union(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def run(path: Path, workers: int, limit: int | None) -> Iterator[Result]:
    todo = pairs(path)[:limit]
    if workers <= 1:
        yield from map(score, todo)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(score, todo, chunksize=8)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="folder holding text/ and attributions/")
    parser.add_argument("--errors", type=int, default=0, help="sample N errors of each kind")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not (args.path / "text").is_dir() or not (args.path / "attributions").is_dir():
        parser.error(f"{args.path} has no text/ and attributions/ folders (see the docstring)")
    started = time.perf_counter()
    results = list(run(args.path, args.workers, args.limit))
    seconds = time.perf_counter() - started

    def total(name: str) -> int:
        return sum(getattr(r, name) for r in results)

    print(f"articles {len(results)}  in {seconds:.1f} s ({args.workers} workers)")
    print(
        f"precision        {ratio(total('right'), total('predicted'))}"
        f"  ({total('right')}/{total('predicted')}; {total('unlocated')} not found in the text)"
    )
    print(
        f"  direct only    {ratio(total('direct_right'), total('direct_predicted'))}"
        f"  ({total('direct_right')}/{total('direct_predicted')})"
    )
    print(
        f"quoted recall    {ratio(total('quoted_found'), total('quoted_gold'))}"
        f"  ({total('quoted_found')}/{total('quoted_gold')})"
    )
    print(
        f"all recall       {ratio(total('found'), total('gold'))}"
        f"  ({total('found')}/{total('gold')})"
    )
    print(
        f"speaker          {ratio(total('agreed'), total('named'))}"
        f"  ({total('agreed')}/{total('named')})"
    )
    if args.errors:
        rng = random.Random(args.seed)
        for kind in ("wrong", "missed_quoted", "missed", "speaker"):
            pool = [(r.name, e) for r in results for e in getattr(r, kind)]
            print(f"\n== {kind} ({len(pool)}) ==")
            for name, error in rng.sample(pool, min(args.errors, len(pool))):
                print(f"- [{name[:40]}] {error}")


if __name__ == "__main__":
    main()
