"""What the announcement keeps between briefings never changes what it chooses."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from briefings import RawArticle, analyze, assemble, to_dict
from briefings.corpus import Corpus
from briefings.extract import announcement_index
from briefings.extract.announcement import EPSILON

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_a_ranking_reads_every_sentence_that_can_reach_its_top(monkeypatch) -> None:
    """A pool keeps its best sentences from an earlier pass; as agreement and weights move
    (up as well as down) and sentences arrive, its shortlist must stay the one a pass over
    every sentence gives."""
    monkeypatch.setattr(announcement_index, "TOP", 8)
    rng = np.random.default_rng(3)
    classes, docs = 30, 60
    pool = announcement_index.Pool()

    def arrive(count: int) -> None:
        for _ in range(count):
            slot = len(pool)
            pool.add(slot, int(rng.integers(classes)), int(rng.integers(docs)), rng.uniform(0.6, 1))

    arrive(300)
    agreement, weight = rng.uniform(0, 1, classes), np.ones(docs)
    for step in range(300):
        agreement = agreement * rng.uniform(0.9, 1.12, classes)
        if step % 5 == 0:
            weight[rng.integers(docs)] *= rng.choice([0.5, 2.0])
        arrive(int(rng.integers(0, 3)))
        k = int(rng.choice([1, 2, 4, 16]))
        every = np.arange(len(pool))
        approx = pool._scores(every, agreement, weight)
        theta = np.sort(approx)[-k]
        expected = pool.slot.view()[approx >= theta * (1 - 2 * EPSILON)]
        assert sorted(pool.shortlist(k, agreement, weight).tolist()) == sorted(expected.tolist())


LINE = "The city council approved a new flood barrier along the river on Tuesday evening."
DETAIL = [
    "Residents had campaigned for the barrier for a decade after the worst floods on record.",
    "Shops on the quay were closed for months while the water was pumped out of cellars.",
    "Engineers expect the first sections to be finished before the autumn storms arrive.",
    "Work on the foundations starts in spring, according to a timetable seen by reporters.",
    "Opposition members said the plan had been rushed through without a proper public vote.",
    "The barrier will cost the city considerably more than the budget set aside last year.",
    "Insurers have warned that premiums in the flood zone could double without new defences.",
]
OWN = [
    "A ferry service across the estuary was suspended for the second time this winter.",
    "Volunteers handed out sandbags from the library car park throughout the weekend.",
    "The regional water company said it would publish its own review within a month.",
]


def article(n: int, *lines: str) -> RawArticle:
    return RawArticle(
        text="\n\n".join(lines),
        title=f"Report {n}",
        path=f"reports/{n}.txt",
        meta={"outlet": f"Outlet {n}"},
    )


def test_a_points_support_follows_its_sources_in_and_out() -> None:
    """A point's support is caught up between briefings: a source saying much the same in
    its own words joins it, leaves with its article, and comes back with it."""
    story = [
        analyze(article(1, LINE, *DETAIL[:3])),
        analyze(article(2, DETAIL[3], LINE, DETAIL[4])),
        analyze(article(3, LINE, *DETAIL[5:])),
    ]
    reworded = analyze(article(4, *OWN, "Officials confirmed it: " + LINE.lower()))
    corpus = Corpus()
    for analysis in story:
        corpus.add(analysis)
        corpus.briefing(NOW)
    for step in ("add", "remove", "add"):
        if step == "add":
            corpus.add(reworded)
        else:
            corpus.remove(reworded.doc.source.id)
        made = corpus.briefing(NOW)
        headline = made.announcement.headline
        assert headline is not None and headline.text == LINE
        assert (reworded.doc.source.id in headline.sources) == (step == "add")
        assert to_dict(made) == to_dict(
            assemble(list(map(corpus.analysis, corpus.source_ids)), now=NOW)
        )
