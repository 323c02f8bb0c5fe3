"""End to end on the sample articles: every line of the briefing traces back to its source."""

from __future__ import annotations

import jsonschema

from briefings import Briefing, load_articles, to_dict
from briefings.clean import clean_article
from briefings.dedupe import containment, shingles
from briefings.render.json import schema
from briefings.text import normalize


def sentence_texts(briefing: Briefing) -> dict[str, str]:
    return {sid: s.text for sid, s in briefing.sentences.items()}


def test_every_piece_of_evidence_is_a_real_sentence_of_its_source(seeds_briefing: Briefing):
    texts = sentence_texts(seeds_briefing)
    ids = {s.id for s in seeds_briefing.sources}
    evidence = [
        *(
            e
            for p in (seeds_briefing.announcement.summary + seeds_briefing.announcement.points)
            for e in p.evidence
        ),
        *(e for r in seeds_briefing.reactions for q in r.quotes for e in q.evidence),
        *(e for f in seeds_briefing.figures for e in f.evidence),
        *(e for q in seeds_briefing.open_questions for e in q.evidence),
    ]
    assert evidence
    for item in evidence:
        assert item.source in ids
        assert texts[item.sentence_id] == item.sentence
        assert item.sentence_id.startswith(item.source + ":")


def test_announcement_is_extractive_and_sized(seeds_briefing: Briefing):
    a = seeds_briefing.announcement
    texts = set(sentence_texts(seeds_briefing).values())
    assert a.headline is not None and a.headline.text in texts
    assert 2 <= len(a.summary) <= 3
    assert 3 <= len(a.points) <= 6
    for point in (*a.summary, *a.points):
        assert point.text in texts
    assert len({p.text for p in a.points}) == len(a.points)


def test_quotes_are_exact_source_text(seeds_briefing: Briefing):
    assert seeds_briefing.reactions
    for reaction in seeds_briefing.reactions:
        assert reaction.quotes
        for quote in reaction.quotes:
            joined = normalize(" ".join(e.sentence for e in quote.evidence))
            assert normalize(quote.text) in joined, (reaction.speaker, quote.text)


def test_one_reaction_per_speaker(seeds_briefing: Briefing):
    names = [r.speaker.lower() for r in seeds_briefing.reactions]
    assert len(names) == len(set(names))
    surnames = [r.speaker.split()[-1] for r in seeds_briefing.reactions if r.is_person]
    assert len(surnames) == len(set(surnames)), "an alias was not merged"


def test_figures_are_numbers_stated_in_their_sentences(seeds_briefing: Briefing):
    assert seeds_briefing.figures
    for figure in seeds_briefing.figures:
        assert isinstance(figure.value, float)
        assert any(figure.display in e.sentence for e in figure.evidence)


def test_conflicts_are_mutual_and_each_raises_a_question(seeds_briefing: Briefing):
    assert seeds_briefing.conflicts  # the outlets disagree on the rise in crossings
    by_id = {f.id: f for f in seeds_briefing.figures}
    for figure in seeds_briefing.figures:
        for conflict in figure.conflicts:
            assert any(c.figure == figure.id for c in by_id[conflict.figure].conflicts)
    for figure, conflict in seeds_briefing.conflicts:
        assert any(
            figure.display in q.question and conflict.display in q.question
            for q in seeds_briefing.open_questions
        )


def test_open_questions_are_questions_with_sources(seeds_briefing: Briefing):
    assert seeds_briefing.open_questions
    for question in seeds_briefing.open_questions:
        assert question.question.endswith("?")
        assert question.sources


def test_duplicate_groups_follow_shared_text(seeds_dir):
    from briefings import build_briefing

    raws, _ = load_articles([seeds_dir])
    docs = {clean_article(r).source.id: clean_article(r) for r in raws}
    briefing = build_briefing(raws)
    for a in briefing.sources:
        for b in briefing.sources:
            if a.id < b.id:
                shared = containment(shingles(docs[a.id].text), shingles(docs[b.id].text))
                same = a.duplicate_group == b.duplicate_group
                assert same == (shared >= 0.5), (a.name, b.name, shared)


def test_boilerplate_never_reaches_the_briefing(seeds_dir, seeds_briefing: Briefing):
    raws, _ = load_articles([seeds_dir])
    dropped = {normalize(line) for raw in raws for line in clean_article(raw).dropped}
    for text in sentence_texts(seeds_briefing).values():
        assert normalize(text) not in dropped


def test_json_is_complete_and_matches_the_shipped_schema(seeds_briefing: Briefing):
    data = to_dict(seeds_briefing)
    jsonschema.validate(data, schema())
    assert sum(len(r["quotes"]) for r in data["reactions"]) == sum(
        len(r.quotes) for r in seeds_briefing.reactions
    )
    assert len(data["figures"]) == len(seeds_briefing.figures)
