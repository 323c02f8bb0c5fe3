"""Alerts: only the four kinds of change that deserve one, each with a key that is the
same whenever the same change is seen again."""

from __future__ import annotations

from dataclasses import replace

from briefings.alerts import alerts, is_official
from briefings.diff import changes, summarize
from briefings.model import Briefing, Quote, Reaction


def _without(briefing: Briefing, **empty) -> dict:
    return summarize(replace(briefing, **empty))


def test_a_first_version_raises_no_alerts(seeds_briefing):
    assert alerts(changes(None, seeds_briefing)) == ()


def test_new_conflicts_and_speakers_are_alerted_with_stable_keys(seeds_briefing):
    assert seeds_briefing.conflicts and seeds_briefing.reactions  # the seeds have both
    before = _without(seeds_briefing, figures=(), reactions=())
    found = alerts(changes(before, seeds_briefing))
    kinds = {a.kind for a in found}
    assert {"conflict", "speaker"} <= kinds
    people = {r.speaker for r in seeds_briefing.reactions if r.is_person}
    assert {a.reaction.speaker for a in found if a.kind == "speaker"} == people
    again = alerts(changes(before, seeds_briefing))
    assert [a.key for a in again] == [a.key for a in found]
    assert len({a.key for a in found}) == len(found)


def test_only_the_kinds_a_story_allows(seeds_briefing):
    before = _without(seeds_briefing, figures=(), reactions=())
    found = alerts(changes(before, seeds_briefing), kinds=("conflict",))
    assert found and {a.kind for a in found} == {"conflict"}


def test_a_revised_figure_is_alerted(seeds_briefing):
    figure = seeds_briefing.figures[0]
    before = summarize(seeds_briefing)
    revised = replace(figure, display=figure.display + "0", value=figure.value * 10)
    after = replace(seeds_briefing, figures=(revised, *seeds_briefing.figures[1:]))
    (alert,) = [a for a in alerts(changes(before, after)) if a.kind == "revision"]
    assert alert.before == figure.display and alert.figure.display == revised.display


def test_nothing_new_means_no_alerts(seeds_briefing):
    assert alerts(changes(summarize(seeds_briefing), seeds_briefing)) == ()


def test_official_speakers_are_governments_agencies_and_their_spokespeople():
    def reaction(speaker: str, role: str | None, person: bool = True) -> Reaction:
        quote = Quote("We will act.", True, ())
        return Reaction(speaker, role, "neutral", "", (quote,), (), person)

    assert is_official(reaction("Jane Doe", "Home Secretary"))
    assert is_official(reaction("Home Office", None, person=False))
    assert is_official(reaction("A spokesperson", "government spokesperson"))
    assert not is_official(reaction("Enver Solomon", "chief executive of the Refugee Council"))
    assert not is_official(reaction("John Smith", None))
