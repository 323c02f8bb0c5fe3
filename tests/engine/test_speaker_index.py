"""The story's speaker registry kept current article by article gives the speakers of a
full rebuild, also when a later article changes whom a surname or an acronym means."""

from __future__ import annotations

from datetime import UTC, datetime

from briefings import RawArticle, analyze, assemble, to_dict
from briefings.corpus import Corpus

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

JANE = (
    "Senator Jane Roe said the water bill was long overdue and she would vote for it.\n\n"
    "“Families in the valley have waited {n} years for clean water,” Roe said."
)
ARTICLES = [
    # Only a surname and an acronym: nobody to join them to yet.
    "Roe said on Tuesday that the vote would pass easily.\n\n"
    "“We will ballot our members if the offer is not improved,” the NEU said.",
    # A second Roe: the surname alone is now ambiguous across the story.
    "Tom Roe, a farmer from the valley, said he would campaign against the bill.",
    # The acronym spelled out, in a later article.
    "The National Education Union (NEU) said teachers would strike in March.",
    # Jane Roe named again and again: the story's dominant Roe.
    *(JANE.format(n=n) for n in range(10, 16)),
]


def reactions(briefing: object) -> list[tuple[str, tuple[str, ...]]]:
    out = to_dict(briefing)["reactions"]  # type: ignore[arg-type]
    return [(r["speaker"], tuple(sorted(q["text"] for q in r["quotes"]))) for r in out]


def test_each_addition_gives_the_speakers_of_a_full_rebuild() -> None:
    analyses = [
        analyze(RawArticle(text=t, title="", path=f"a{n}.txt")) for n, t in enumerate(ARTICLES)
    ]
    corpus = Corpus()
    for count, analysis in enumerate(analyses, 1):
        corpus.add(analysis)
        assert reactions(corpus.briefing(NOW)) == reactions(assemble(analyses[:count], now=NOW))
    speakers = dict(reactions(corpus.briefing(NOW)))
    assert "Roe" not in speakers  # joined the story's far most named Roe
    assert any("vote would pass" in q for q in speakers["Jane Roe"])
    assert "NEU" not in speakers
    assert any("ballot our members" in q for q in speakers["National Education Union"])


def test_removing_the_spelled_out_acronym_parts_them_again() -> None:
    analyses = [
        analyze(RawArticle(text=t, title="", path=f"a{n}.txt")) for n, t in enumerate(ARTICLES)
    ]
    corpus = Corpus()
    for analysis in analyses:
        corpus.add(analysis)
    corpus.briefing(NOW)
    corpus.remove(analyses[2].doc.source.id)
    kept = [a for n, a in enumerate(analyses) if n != 2]
    assert reactions(corpus.briefing(NOW)) == reactions(assemble(kept, now=NOW))
