"""No line of the announcement restates another in other words, and each line cites every
outlet reporting its fact: a restatement becomes support for the line it restates, and an
ask cites each outlet stating the same ask with the same sum, however it words it. Fresh
prose: a bus strike as American outlets write it, a storm as British ones do."""

from __future__ import annotations

from briefings import Briefing, RawArticle, analyze, assemble
from briefings.extract.restates import restates

AP = "\n\n".join(
    [
        "DENVER (AP) — Bus drivers in Denver walked off the job on Monday, halting service "
        "across the city.",
        "The Amalgamated Transit Union said 1,400 drivers had joined the strike after talks "
        "over pay broke down on Sunday night.",
        "The Regional Transportation District said light rail trains would keep running on a "
        "reduced timetable.",
        "The union is seeking a 9% raise over three years, while the district has offered 5%.",
        "Hospitals urged staff who rely on buses to arrange lifts with colleagues.",
    ]
)
POST = "\n\n".join(
    [
        "Denver's bus operators went on strike Monday, stopping buses throughout the city.",
        "The stoppage began at 4 a.m. after negotiations between the union and the transit "
        "district collapsed.",
        "Light rail trains will keep running on a reduced timetable, the Regional "
        "Transportation District said.",
        "Denver Public Schools told parents to find other ways to get children to class this week.",
    ]
)
REUTERS = "\n\n".join(
    [
        "DENVER (Reuters) - Bus drivers in Denver walked off the job on Monday, halting "
        "service across the city after pay talks broke down.",
        "Some 1,400 drivers joined the strike, the Amalgamated Transit Union said.",
        "Light rail trains would keep running on a reduced timetable, the transit district said.",
        "The union wants drivers' pay to go up by 9% by the end of 2029, officials said.",
    ]
)

BBC = "\n\n".join(
    [
        "Ferries between Portsmouth and the Isle of Wight were cancelled on Saturday as Storm "
        "Isla battered the south coast.",
        "Wightlink said its crossings would not resume until the winds eased on Sunday morning.",
        "The Met Office issued an amber warning for wind, with gusts of up to 80mph expected.",
        "The Isle of Wight Council has asked the government for £4m to repair the sea wall at "
        "Ventnor.",
        "About 2,000 homes on the island lost power overnight, the electricity network said.",
    ]
)
GUARDIAN = "\n\n".join(
    [
        "Wightlink suspended all sailings to the island from Portsmouth on Saturday as Storm "
        "Isla lashed southern England.",
        "Gusts of up to 80mph were forecast, and the Met Office put an amber warning in place.",
        "Network Rail closed the line between Brighton and Hastings after a tree fell on the "
        "track.",
        "Island councillors want ministers to find £4m so that Ventnor's crumbling sea defences "
        "can be rebuilt before winter.",
    ]
)
SKY = "\n\n".join(
    [
        "Ferries between Portsmouth and the Isle of Wight were cancelled on Saturday as Storm "
        "Isla battered the south coast, leaving hundreds of passengers stranded.",
        "Around 2,000 homes on the island were left without power overnight.",
        "The council is seeking £4m from the government for repairs to the sea wall at Ventnor.",
    ]
)


def brief(*outlets: tuple[str, str]) -> Briefing:
    raws = [
        RawArticle(text=text, title="", path=f"{n}.txt", meta={"outlet": outlet})
        for n, (outlet, text) in enumerate(outlets)
    ]
    return assemble([analyze(raw) for raw in raws])


def denver() -> Briefing:
    return brief(("AP", AP), ("The Washington Post", POST), ("Reuters", REUTERS))


def storm() -> Briefing:
    return brief(("BBC News", BBC), ("The Guardian", GUARDIAN), ("Sky News", SKY))


def lines(briefing: Briefing) -> list[str]:
    return [p.text for p in (*briefing.announcement.summary, *briefing.announcement.points)]


def cited(briefing: Briefing, words: str) -> set[str]:
    """The outlets the line containing `words` cites, as its own words or as support."""
    (point,) = [
        p
        for p in {
            id(p): p for p in (*briefing.announcement.summary, *briefing.announcement.points)
        }.values()
        if words in p.text
    ]
    return {briefing.source(s).name for s in (*point.sources, *point.also)}


def test_a_line_restating_the_lead_in_other_words_is_its_support_not_a_line():
    for briefing, restated, outlet in (
        (denver(), "went on strike Monday", "The Washington Post"),
        (storm(), "Wightlink suspended all sailings", "The Guardian"),
    ):
        assert not [line for line in lines(briefing) if restated in line]
        headline = briefing.announcement.headline
        assert headline is not None
        assert outlet in cited(briefing, headline.text)
        (support,) = [e for e in headline.support if restated in e.sentence]
        assert briefing.source(support.source).name == outlet


def test_a_line_adding_its_own_fact_stays():
    briefing = denver()
    assert any("began at 4 a.m." in line for line in lines(briefing))  # when, not what
    assert any("1,400 drivers" in line for line in lines(briefing))


def test_an_ask_cites_every_outlet_stating_it_with_its_sum():
    assert cited(denver(), "9%") == {"AP", "Reuters"}
    assert cited(storm(), "£4m") == {"BBC News", "The Guardian", "Sky News"}


def test_an_ask_with_another_sum_is_not_cited():
    briefing = brief(
        ("BBC News", BBC),
        ("The Guardian", GUARDIAN.replace("find £4m", "find £6m")),
        ("Sky News", SKY),
    )
    assert cited(briefing, "£4m") == {"BBC News", "Sky News"}


def test_verification_keeps_every_citation_it_is_given():
    for briefing in (denver(), storm()):
        assert briefing.audit.dropped == 0
        assert set(briefing.audit.reasons) <= {"point reported in other words: cited as support"}


def test_restates_reads_synonyms_and_set_phrases_but_not_other_sums():
    lead = "Bus drivers in Denver walked off the job on Monday, halting service across the city."
    assert restates("Denver's bus operators went on strike Monday, stopping buses.", lead)
    assert not restates(
        "Denver's bus drivers went on strike on Monday for the first time.",
        "Denver's council approved a $40 million budget on Monday.",
    )
    assert not restates(  # the same actors, saying two things of each other
        "Republican presidential candidate Sen. Tom Hale argued that fellow candidate Gov. "
        "Ana Reyes would raise taxes on working families.",
        "Republican presidential candidate Gov. Ana Reyes argued that fellow candidate Sen. "
        "Tom Hale has a long way to go on farm subsidies.",
    )
    assert not restates(
        "The council asked ministers for a £38m loan to keep services running.",
        "The council asked ministers for a £45m loan to keep services running.",
    )
