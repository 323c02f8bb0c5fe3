"""A story kept current one article at a time gives exactly the briefing of a full rebuild,
and a new article is told apart from one the story already has."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefings import RawArticle, analyze, assemble, dedupe, load_articles, to_dict
from briefings.build import Assembly
from briefings.clean import clean_article
from briefings.corpus import Corpus, canonical_url, relevant
from briefings.extract import announcement_index

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def wire_copy(raw: RawArticle, outlet: str, url: str | None = None) -> RawArticle:
    """The same agency story run by another outlet: a new last paragraph, another name."""
    return RawArticle(
        text=raw.text + "\n\nThe agency's copy was edited for length by our newsdesk.",
        title=raw.title,
        path=f"copies/{outlet}.txt",
        url=url,
        meta={**raw.meta, "outlet": outlet},
    )


@pytest.fixture(scope="module")
def articles(seeds_dir: Path) -> list[RawArticle]:
    raws, errors = load_articles([seeds_dir])
    assert not errors and len(raws) >= 3
    return [*raws, wire_copy(raws[0], "Evening Courier"), wire_copy(raws[1], "Morning Post")]


@pytest.fixture(scope="module")
def analyses(articles):
    return [analyze(raw) for raw in articles]


def full(analyses) -> dict:
    return to_dict(assemble(analyses, now=NOW))


def test_each_addition_gives_the_briefing_of_a_full_rebuild(analyses) -> None:
    corpus = Corpus()
    for count, analysis in enumerate(analyses, 1):
        corpus.add(analysis)
        assert to_dict(corpus.briefing(NOW)) == full(analyses[:count])


def test_any_order_of_additions_and_removals_matches_a_full_rebuild(analyses) -> None:
    shuffled = random.Random(7)
    for _ in range(3):
        order = shuffled.sample(analyses, len(analyses))
        corpus = Corpus()
        for analysis in order:
            corpus.add(analysis)
        corpus.briefing(NOW)  # an answer in between must not leave stale state behind
        gone = shuffled.sample(order, 2)
        for analysis in gone:
            corpus.remove(analysis.doc.source.id)
        kept = [a for a in order if a not in gone]
        assert to_dict(corpus.briefing(NOW)) == full(kept)
        assert corpus.source_ids == tuple(a.doc.source.id for a in kept)


def test_settling_between_additions_changes_nothing(analyses, monkeypatch) -> None:
    """`assemble` settles its indexes while workers read; that must not change the briefing,
    also when the duplicate index switches to LSH in between (here after four articles)."""
    monkeypatch.setattr(dedupe, "EXACT_BELOW", 4)
    settled = Assembly()
    for analysis in analyses:
        settled.add(analysis)
        settled.settle()
    assert to_dict(settled.briefing(now=NOW)) == full(analyses)


def recombined(articles: list[RawArticle], count: int) -> list[RawArticle]:
    """Articles drawn from the seeds' sentences: a long story, in which the same lines,
    quotes and figures recur across many sources."""
    sentences = [s.text for raw in articles for s in clean_article(raw).sentences]
    rng = random.Random(11)
    return [
        RawArticle(
            text=f"Update {n}: " + "\n\n".join(rng.sample(sentences, rng.randint(8, 16))),
            title=f"Update {n}",
            path=f"updates/{n}.txt",
            meta={"outlet": f"Outlet {n % 6}"},
        )
        for n in range(count)
    ]


def test_a_long_story_matches_a_full_rebuild_after_every_change(articles, monkeypatch) -> None:
    """Between briefings the announcement keeps each pool's best sentences and each point's
    support, and catches them up with what was added; here it reads and keeps only a few
    sentences, so the ones it keeps run out, and removals come in between."""
    monkeypatch.setattr(announcement_index, "FIRST_READ", 2)
    monkeypatch.setattr(announcement_index, "TOP", 8)
    story = [analyze(raw) for raw in recombined(articles, 36)]
    corpus, kept = Corpus(), []
    for n, analysis in enumerate(story, 1):
        corpus.add(analysis)
        kept.append(analysis)
        if n % 9 == 0:  # a removal, then the same article back later
            gone = kept.pop(-4)
            corpus.remove(gone.doc.source.id)
            assert to_dict(corpus.briefing(NOW)) == full(kept)
            corpus.add(gone)
            kept.append(gone)
        assert to_dict(corpus.briefing(NOW)) == full(kept)


CROSSINGS = [
    "Some 12,700 people crossed the Channel in small boats this year, the Home Office said.",
    "More than 12,000 people crossed the Channel in small boats this year, officials said.",
    # The loose value first: this source and sentence move up to the exact value's run.
    "More than 12,000 people crossed the Channel in small boats this year.\n\n"
    "In all, 12,700 people crossed the Channel in small boats this year, the agency said.",
    "Only 9,400 people crossed the Channel in small boats this year, a charity said.",
    # One sentence that is evidence for both conflicting figures.
    "Some 12,700 people crossed the Channel in small boats this year, not 9,400 as reported.",
]
ASIDE = "The Home Office declined to say when the full figures would be published. "
"""An open question of the first ten articles, which the conflict outweighs only later."""


def test_conflicting_figures_kept_current_match_a_full_rebuild() -> None:
    """A figure conflict with many sources, kept current one article at a time: sources
    that move up within a figure, a sentence shared by both figures, outlets named in the
    conflict question, its weight overtaking another question's, and removals afterwards."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    analyses = [
        analyze(
            RawArticle(
                text=f"{CROSSINGS[n % 5]}\n\n{ASIDE * (n < 10)}"
                f"Filed by desk {letters[n % 26]}{letters[n // 26]}.",
                title="",
                path=f"crossings-{n}.txt",
                meta={"outlet": f"Outlet {letters[n % 7]}"},
            )
        )
        for n in range(40)
    ]
    corpus = Corpus()
    for count, analysis in enumerate(analyses, 1):
        corpus.add(analysis)
        assert to_dict(corpus.briefing(NOW)) == full(analyses[:count])
    figures = corpus.briefing(NOW).figures
    assert any(f.conflicts for f in figures)
    shared = {e.sentence_id for e in figures[0].evidence} & {
        e.sentence_id for e in figures[1].evidence
    }
    assert shared, "no sentence is evidence for both figures"
    for analysis in analyses[3::9]:
        corpus.remove(analysis.doc.source.id)
    kept = [a for a in analyses if a.doc.source.id in corpus.source_ids]
    assert to_dict(corpus.briefing(NOW)) == full(kept)


def test_a_briefing_stays_as_it_was_when_the_story_moves_on(articles) -> None:
    """Briefings share their big items' evidence and their sentences with the next one
    (`Prefix`); what an earlier briefing says must not change with later additions and
    removals, down to the sentences it can look up."""
    story = [analyze(raw) for raw in recombined(articles, 24)]
    corpus = Corpus()
    for analysis in story[:12]:
        corpus.add(analysis)
    earlier = corpus.briefing(NOW)
    said = to_dict(earlier)
    for analysis in story[12:]:
        corpus.add(analysis)
        corpus.briefing(NOW)
    corpus.remove(story[0].doc.source.id)
    corpus.briefing(NOW)
    assert to_dict(earlier) == said
    sentences = {s.id: s for analysis in story[:12] for s in analysis.doc.sentences}
    assert dict(earlier.sentences) == sentences


def test_wire_copies_share_a_duplicate_group_and_are_listed_once_each(analyses) -> None:
    corpus = Corpus()
    for analysis in analyses:
        corpus.add(analysis)
    sources = {s.id: s for s in corpus.briefing(NOW).sources}
    original, copy = analyses[0].doc.source.id, analyses[-2].doc.source.id
    assert sources[original].duplicate_group == sources[copy].duplicate_group
    assert len(sources) == len(analyses)


def test_a_wire_copy_from_another_outlet_is_new(articles) -> None:
    corpus = Corpus()
    corpus.add(analyze(articles[0]))
    verdict = corpus.check(wire_copy(articles[0], "Another Paper"))
    assert verdict.status == "new"


def test_what_the_story_already_has_is_a_duplicate_naming_the_original(articles) -> None:
    first = RawArticle(
        text=articles[0].text,
        title=articles[0].title,
        url="https://news.example.com/politics/story-1",
        meta={"outlet": "Example News"},
    )
    corpus = Corpus()
    corpus.add(analyze(first))
    original = corpus.source_ids[0]

    same_link = RawArticle(
        text=articles[1].text,
        title="Another headline",
        url="HTTPS://News.Example.com/politics/story-1/?utm_source=feed&fbclid=x#comments",
    )
    same_text = RawArticle(text=first.text, title=first.title, url="https://elsewhere.example/a")
    updated_copy = wire_copy(first, "Example News")
    for raw, why in [
        (same_link, "same link"),
        (same_text, "same text"),
        (updated_copy, "earlier copy"),
    ]:
        verdict = corpus.check(raw)
        assert (verdict.status, verdict.same_as) == ("duplicate", original), why
        assert verdict.reason


def test_off_topic_and_empty_articles_are_irrelevant(articles) -> None:
    corpus = Corpus(keywords=["asylum"])
    off_topic = RawArticle(text="The council approved a new cycle lane on Monday.", title="Lanes")
    assert corpus.check(off_topic).status == "irrelevant"
    assert corpus.check(RawArticle(text="   ", title="Empty")).status == "irrelevant"
    assert corpus.check(articles[0]).status == "new"


def test_keywords_match_whole_words_in_any_form() -> None:
    raw = RawArticle(text="Ministers discussed processing centres abroad.", title="Talks")
    assert relevant(raw, ["processing centre"])
    assert relevant(raw, ["Minister"])
    assert not relevant(raw, ["centres abroad for"])
    assert not relevant(raw, ["mini"])


def test_canonical_url_ignores_what_does_not_change_the_page() -> None:
    plain = canonical_url("https://example.com/news/a?id=2")
    assert canonical_url("https://EXAMPLE.com:443/news/a/?utm_medium=x&id=2#top") == plain
    assert canonical_url("https://example.com/news/a?id=3") != plain
    assert canonical_url("") is None
