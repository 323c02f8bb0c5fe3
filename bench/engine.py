"""Engine throughput: articles/s, words/s and peak memory, on the seeds and on synthetic
corpora of 1,000 and 10,000 articles recombined from the seeds' sentences, and on a
folder of real articles briefed as one story (a quarter, half and all of it, to show
how cost grows), with the briefing's size beside time and memory.

    python bench/engine.py [--sizes 1000 10000] [--workers 2]
    python bench/engine.py --sizes --corpus corpora/polnear/data/train/text

The synthetic text flatters us (short, repetitive sentences); real articles are the
honest measure (see bench/corpora.md for the development corpus).

Each corpus runs in its own process so peak memory is its own. Target: 10,000 articles in
under 60 s on a 2-core machine, cost growing linearly. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefings import EngineConfig, RawArticle, build_briefing, load_articles  # noqa: E402
from briefings.clean import clean_article  # noqa: E402


def synthetic(count: int, seed: int = 7) -> list[RawArticle]:
    """Articles of 20-40 sentences drawn at random from the seeds' sentences."""
    raws, _ = load_articles([ROOT / "seeds"])
    sentences = [s.text for raw in raws for s in clean_article(raw).sentences]
    rng = random.Random(seed)
    out = []
    for n in range(count):
        body = rng.sample(sentences, rng.randint(20, min(40, len(sentences))))
        out.append(
            RawArticle(
                text="\n\n".join(body),
                title=f"Synthetic {n}",
                path=f"synthetic/{n}.txt",
                meta={"outlet": f"Outlet {n % 37}"},
            )
        )
    return out


def run(size: int, workers: int, corpus: str | None = None) -> dict[str, float]:
    if corpus:
        raws = load_articles([corpus])[0][:size]
    else:
        raws = load_articles([ROOT / "seeds"])[0] if size == 0 else synthetic(size)
    words = sum(len(r.text.split()) for r in raws)
    start = time.perf_counter()
    briefing = build_briefing(raws, config=EngineConfig(workers=workers))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(raws),
        "words": words,
        "seconds": seconds,
        "articles_per_s": len(raws) / seconds,
        "words_per_s": words / seconds,
        "peak_mb": peak_mb,
        "speakers": len(briefing.reactions),
        "quotes": sum(len(r.quotes) for r in briefing.reactions),
        "figures": len(briefing.figures),
        "figure_citations": sum(len(f.evidence) for f in briefing.figures),
        "conflicts": len(briefing.conflicts),
        "questions": len(briefing.open_questions),
        "audit": briefing.audit.summary(),
    }


def in_own_process(script: str, size: int, *args: str) -> dict[str, Any]:
    """`script --child SIZE ARGS`, its printed JSON read back: each corpus runs in a
    process of its own, so the peak memory reported is its own."""
    out = subprocess.run(
        [sys.executable, script, "--child", str(size), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[0, 1000, 10000],
        help="corpus sizes (0 = the seeds)",
    )
    parser.add_argument("--workers", type=int, default=0, help="0: one process per CPU")
    parser.add_argument("--corpus", help="a folder of real articles, briefed as one story")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run(args.child, args.workers, args.corpus)))
        return
    print(
        f"{'corpus':>10} {'articles':>9} {'seconds':>8} {'art/s':>8} {'words/s':>10} "
        f"{'peak MB':>8}  per-article ms"
    )
    for size in args.sizes:
        r = in_own_process(__file__, size, "--workers", str(args.workers))
        name = "seeds" if size == 0 else f"{size:,}"
        print(
            f"{name:>10} {r['articles']:>9,} {r['seconds']:>8.2f} {r['articles_per_s']:>8.0f} "
            f"{r['words_per_s']:>10,.0f} {r['peak_mb']:>8.0f}  "
            f"{1000 * r['seconds'] / r['articles']:.2f}"
        )
    if args.corpus:
        print_corpus(args.corpus, args.workers)


def print_corpus(corpus: str, workers: int) -> None:
    """A real corpus at a quarter, half and all of its size: time, memory, and what the
    briefing holds (which should grow no faster than the corpus)."""
    total = len(load_articles([corpus])[0])
    print(f"\n{corpus} as one story")
    print(
        f"{'articles':>9} {'seconds':>8} {'words/s':>9} {'peak MB':>8} {'speakers':>9} "
        f"{'quotes':>7} {'figures':>8} {'citations':>10} {'conflicts':>10} {'questions':>10}"
    )
    for size in (total // 4, total // 2, total):
        extra = ("--workers", str(workers), "--corpus", corpus)
        r = in_own_process(__file__, size, *extra)
        print(
            f"{r['articles']:>9,} {r['seconds']:>8.1f} {r['words_per_s']:>9,.0f} "
            f"{r['peak_mb']:>8.0f} {r['speakers']:>9,} {r['quotes']:>7,} {r['figures']:>8,} "
            f"{r['figure_citations']:>10,} {r['conflicts']:>10,} {r['questions']:>10,}"
        )
        print(f"{'':>9} {r['audit']}")


if __name__ == "__main__":
    main()
