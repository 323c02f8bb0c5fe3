"""A story's ask reaches the summary when two outlets carry it, though every outlet
repeats the background in more words. Fresh prose: a water company fined for pollution,
as four outlets would write it, two of them reporting what it asks for."""

from __future__ import annotations

from briefings import Briefing, RawArticle, analyze, assemble

ASKING = "\n\n".join(
    [
        "Kestrel Water has been fined after pumping raw sewage into the River Tamble for years.",
        "The company pumped raw sewage into the river on hundreds of days, the regulator found.",
        "Kestrel Water has asked the regulator for permission to raise bills by 21% for sewers.",
        "Residents along the river have complained about the smell for years.",
    ]
)
WANTING = "\n\n".join(
    [
        "Kestrel Water has been fined a record sum after pumping raw sewage into the River Tamble.",
        "Residents along the river have long complained about the smell and dead fish.",
        "The company wants to raise customers' bills by 21% over five years to fund the work.",
        "The river runs through three towns and past two schools.",
    ]
)
BACKGROUND = (
    "\n\n".join(
        [
            "Kestrel Water pumped raw sewage into the River Tamble for years, the regulator said.",
            "Residents along the river have complained about the smell for years, and anglers "
            "about dead fish.",
            "The river runs through three towns and past two schools on its way to the sea.",
            "Campaigners said the fine was too small to change the company's behaviour.",
        ]
    ),
    "\n\n".join(
        [
            "A water company that pumped raw sewage into the River Tamble for years has been "
            "fined.",
            "Residents along the river say they have complained about the smell for years.",
            "The river runs through three towns and past two schools, campaigners said.",
            "The company says the work will take until 2030.",
        ]
    ),
)


def brief(*texts: str) -> Briefing:
    return assemble(
        [analyze(RawArticle(t, title="", path=f"outlet-{n}.txt")) for n, t in enumerate(texts)]
    )


def summary(briefing: Briefing) -> str:
    return " ".join(p.text for p in briefing.announcement.summary)


def test_an_ask_two_outlets_carry_reaches_the_summary():
    briefing = brief(ASKING, WANTING, *BACKGROUND)
    assert "21%" in summary(briefing)
    assert "River Tamble" in briefing.announcement.summary[0].text  # the lead stays first


def test_an_ask_only_one_outlet_prints_does_not():
    briefing = brief(ASKING, WANTING.replace("by 21%", "sharply"), *BACKGROUND)
    assert "21%" not in summary(briefing)
