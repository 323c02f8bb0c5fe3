"""Adding one article to a story: how soon its updated briefing is ready, for stories of
100, 1,000 and 10,000 synthetic articles (bench/engine.py's recombined seed sentences).

    python bench/incremental.py [--sizes 100 1000 10000] [--additions 20]

Per size, in its own process (so peak memory is its own): the story's analyses are made
once, in worker processes, and cached in the temp directory (keyed by the engine's source,
so a changed engine makes new ones); they are loaded into a `Corpus`, as the bot loads a
stored story; then `--additions` new articles (half from outlets the story has) arrive one
by one: analyze, check, then add and brief (whatever the check says, so every size adds
the same articles). Prints the median and 95th percentile of each step and of the whole,
beside the target: under 100 ms per article at 10,000 articles, flat as the story grows.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine import in_own_process, synthetic  # noqa: E402
from briefings import Analysis, RawArticle, analyze  # noqa: E402
from briefings.build import collector_paused  # noqa: E402
from briefings.corpus import Corpus  # noqa: E402

TARGET_MS = 100.0
CACHE = Path(tempfile.gettempdir()) / "briefbot-bench"


def analyses(size: int) -> list[Analysis]:
    """The story's analyses, from the cache when the engine has not changed since."""
    engine = hashlib.sha256()
    for path in sorted((ROOT / "briefings").rglob("*.py")):
        engine.update(path.read_bytes())
    cached = CACHE / f"analyses-{size}-{engine.hexdigest()[:12]}.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    raws = synthetic(size)
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        made = list(pool.map(analyze, raws, chunksize=64))
    CACHE.mkdir(exist_ok=True)
    cached.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
    return made


def arrivals(count: int) -> list[RawArticle]:
    """New articles recombined from the same sentences: every other one from an outlet the
    story has (so `check` compares it with that outlet's articles), the rest from new ones."""
    return [
        RawArticle(
            text=raw.text,
            title=f"Arrival {n}",
            path=f"arrivals/{n}.txt",
            meta={"outlet": raw.meta["outlet"] if n % 2 else f"Newcomer {n}"},
        )
        for n, raw in enumerate(synthetic(count, seed=99))
    ]


def run(size: int, additions: int) -> dict[str, object]:
    start = time.perf_counter()
    corpus = Corpus()
    with collector_paused():  # as the bot loads a stored story
        for analysis in analyses(size):
            corpus.add(analysis)
        corpus.briefing()
    gc.collect()  # as a running bot's would have, its story is in the oldest generation
    setup = time.perf_counter() - start
    steps: dict[str, list[float]] = {"analyze": [], "check": [], "update": [], "total": []}
    verdicts = []
    for raw in arrivals(additions):
        t0 = time.perf_counter()
        analysis = analyze(raw)
        t1 = time.perf_counter()
        verdict = corpus.check(raw, analysis)
        t2 = time.perf_counter()
        corpus.add(analysis)
        corpus.briefing()
        t3 = time.perf_counter()
        verdicts.append(verdict.status)
        for name, seconds in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            steps[name].append(1000 * seconds)
    return {
        "articles": size,
        "setup_s": setup,
        "steps": {name: _summary(ms) for name, ms in steps.items()},
        "new": verdicts.count("new"),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _summary(ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--additions", type=int, default=20)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run(args.child, args.additions)))
        return
    print("Time to add one article (ms, median / p95), target under 100 ms at every size")
    print(
        f"{'articles':>9} {'analyze':>13} {'check':>13} {'add+brief':>13} {'total':>13} "
        f"{'target':>7} {'peak MB':>8} {'setup s':>8}"
    )
    for size in args.sizes:
        r = in_own_process(__file__, size, "--additions", str(args.additions))
        cells = " ".join(f"{m:6.1f} /{p:5.1f}" for m, p in r["steps"].values())
        verdict = (
            "" if r["new"] == args.additions else f"  ({r['new']} of {args.additions} judged new)"
        )
        ok = "met" if r["steps"]["total"][1] < TARGET_MS else "MISSED"
        print(
            f"{r['articles']:>9,} {cells} {ok:>7} {r['peak_mb']:>8.0f} {r['setup_s']:>8.1f}"
            + verdict
        )


if __name__ == "__main__":
    main()
