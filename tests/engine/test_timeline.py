"""The timeline: dated events read against each article's own date, merged across outlets,
sorted, cited and verified (tests/cases/timeline.json pins the date grammar)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from briefings import RawArticle, analyze, assemble, summarize
from briefings.clean import clean_article
from briefings.model import Evidence
from briefings.timeline import dated_sentences, version_events
from briefings.verify import Verifier
from tests.engine.labelled import cases


def article(
    text: str, published: str | None, outlet: str = "Coast Gazette", n: int = 0
) -> RawArticle:
    meta = {"outlet": outlet} | ({"published": published} if published else {})
    return RawArticle(text=text, title="", path=f"{outlet.replace(' ', '-')}-{n}.txt", meta=meta)


@pytest.mark.parametrize("case", cases("timeline"))
def test_dated_sentence(case: dict[str, Any]) -> None:
    doc = clean_article(article(case["text"], case["published"]))
    events = [event for event, _ in dated_sentences(doc)]
    expected = case["expected"]
    if expected.get("none"):
        assert events == [], [(e.phrase, e.day) for e in events]
        return
    assert len(events) == 1, [(e.phrase, e.day) for e in events]
    event = events[0]
    assert (event.day, event.precision, event.phrase) == (
        expected["day"],
        expected["precision"],
        expected["phrase"],
    )
    # Extractive: the event is the sentence itself, cited where it stands.
    (cited,) = event.evidence
    index = int(cited.sentence_id.rpartition(":")[2])
    assert event.text == cited.sentence == doc.sentences[index].text
    assert cited.source == doc.source.id


def test_never_read_against_today() -> None:
    """The same words in articles of different dates give different days."""
    text = "The lifeboat crew was called out yesterday to a yacht in difficulty."
    days = [
        dated_sentences(clean_article(article(text, published)))[0][0].day
        for published in ("2024-02-29", "2026-03-01")
    ]
    assert days == ["2024-02-28", "2026-02-28"]


STORY = [
    article(
        "The Ferrybridge council approved the harbour plan on Thursday after a long debate. "
        "Fishermen's groups say the new quay will block their moorings.",
        "2026-03-09",
        "Coast Gazette",
    ),
    article(
        "Plans for a new quay at Ferrybridge harbour moved ahead. "
        "On Thursday the council approved the harbour plan by a wide margin. "
        "A public inquiry will open on 14 April.",
        "2026-03-10",
        "Harbour Times",
    ),
    article(
        "Harbour dues rose last month, port officials said in a statement on the quay.",
        "2026-03-02",
        "Port Weekly",
    ),
    article("The council approved the harbour plan on Thursday.", None, "Undated Digest"),
]


@pytest.fixture(scope="module")
def story() -> Any:
    return assemble([analyze(raw) for raw in STORY])


def test_same_event_from_two_outlets_is_one_event(story: Any) -> None:
    names = {s.id: s.name for s in story.sources}
    thursday = [e for e in story.timeline if e.kind == "dated" and e.day == "2026-03-05"]
    assert len(thursday) == 1, [(e.text, e.sources) for e in thursday]
    (event,) = thursday
    assert sorted(names[s] for s in event.sources) == ["Coast Gazette", "Harbour Times"]
    # The earliest outlet's sentence is shown, verbatim; each citation is its own source's.
    assert (
        event.text
        == "The Ferrybridge council approved the harbour plan on Thursday after a long debate."
    )
    for e in event.evidence:
        assert story.sentences[e.sentence_id].text == e.sentence
    # The undated article's "on Thursday" is nobody's Thursday.
    assert all(names[s] != "Undated Digest" for e in story.timeline for s in e.sources)


def test_events_sorted_by_date_each_cited(story: Any) -> None:
    days = [e.day for e in story.timeline]
    assert days == sorted(days)
    assert all(e.evidence for e in story.timeline)
    texts = {(e.day, e.kind, e.text) for e in story.timeline}
    assert (
        "2026-02-01",
        "dated",
        "Harbour dues rose last month, port officials said in a statement on the quay.",
    ) in texts
    assert ("2026-04-14", "dated", "A public inquiry will open on 14 April.") in texts
    reports = {e.text: e.day for e in story.timeline if e.kind == "published"}
    assert reports == {
        "first reported by Port Weekly": "2026-03-02",
        "first reported by Coast Gazette": "2026-03-09",
        "first reported by Harbour Times": "2026-03-10",
    }


def test_verification_drops_an_event_not_in_its_source(story: Any) -> None:
    real = next(e for e in story.timeline if e.kind == "dated")
    forged = replace(real, text="The council rejected the harbour plan on Thursday.")
    wrong_cite = replace(
        real,
        evidence=(Evidence(real.evidence[0].source, real.evidence[0].sentence_id, "Invented."),),
    )
    checked = Verifier().verify(replace(story, timeline=(real, forged, wrong_cite)))
    assert checked.timeline == (real,)
    assert checked.audit.dropped >= 2


def test_version_events(story: Any) -> None:
    first = summarize(story)
    later = json.loads(json.dumps(first))
    speaker = story.reactions[0].speaker if story.reactions else None
    if speaker:
        del first["quotes"][speaker]
    history = [
        ("2026-03-09T23:30:00+00:00", {"sources": []}),
        ("2026-03-09T23:30:00+00:00", first),
        ("2026-03-10T08:00:00+00:00", later),
    ]
    events = version_events(history, story)
    texts = [e.text for e in events]
    assert texts[0] == f"first briefed from {len(story.sources)} articles"
    assert events[0].day == "2026-03-09"
    if speaker:
        assert f"new speaker: {speaker}" in texts
    assert all(e.kind == "version" and e.evidence for e in events)


def test_json_carries_the_timeline_and_follows_the_schema(story: Any) -> None:
    import jsonschema

    from briefings.render.json import schema, to_dict

    data = to_dict(story)
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    assert [e["day"] for e in data["timeline"]] == [e.day for e in story.timeline]
    assert all(e["sources"] and e["evidence"] for e in data["timeline"])


def test_removing_an_article_takes_its_events(story: Any) -> None:
    from briefings import Correction, apply_corrections, target_of

    gazette = next(s for s in story.sources if s.name == "Coast Gazette")
    removal = Correction(
        1, "remove_article", (target_of(gazette),), "", "@ed", "2026-03-11T09:00:00+00:00"
    )
    corrected = apply_corrections(story, [removal])
    assert all(gazette.id not in e.sources for e in corrected.timeline)
    assert "first reported by Harbour Times" in {e.text for e in corrected.timeline}


def test_one_by_one_or_all_at_once_the_timeline_is_the_same() -> None:
    from briefings.build import Assembly

    analyses = [analyze(raw) for raw in STORY]
    assembly = Assembly()
    shown = []
    for analysis in analyses:
        assembly.add(analysis)
        shown.append(assembly.briefing().timeline)
    assert shown[-1] == assemble(analyses).timeline
    assert shown[0] == assemble(analyses[:1]).timeline
    assembly.remove(analyses[1].doc.source.id)
    rest = [a for n, a in enumerate(analyses) if n != 1]
    assert assembly.briefing().timeline == assemble(rest).timeline
