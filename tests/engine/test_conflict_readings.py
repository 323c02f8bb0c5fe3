"""A disagreement is two outlets reporting one measure of one thing for one period: two
polls, two months or two things sharing a word are no conflict, however many of them a
long story gathers; the same poll's or month's number reported two ways still is. Fresh
prose in British and American outlets' styles."""

from __future__ import annotations

from briefings import Briefing, RawArticle, analyze, assemble


def brief(*texts: str) -> Briefing:
    raws = [
        RawArticle(text=text, title=f"Story {n}", path=f"s{n}.txt") for n, text in enumerate(texts)
    ]
    return assemble([analyze(raw) for raw in raws])


def shown(briefing: Briefing) -> set[frozenset[str]]:
    return {frozenset({lead.display, c.display}) for lead, c in briefing.conflicts}


def test_two_polls_are_no_disagreement_but_one_poll_reported_two_ways_is():
    two_polls = brief(
        "Labour is on 41 per cent in a YouGov poll for The Times published on Sunday.",
        "Labour is on 37 per cent in an Opinium poll for The Observer published on Sunday.",
    )
    assert not two_polls.conflicts
    one_poll = brief(
        "Labour is on 41 per cent in a YouGov poll for The Times published on Sunday.",
        "Labour is on 44 per cent in the YouGov poll for The Times, published on Sunday.",
    )
    assert shown(one_poll) == {frozenset({"41 per cent", "44 per cent"})}


def test_an_unnamed_survey_is_not_set_against_a_named_poll():
    briefing = brief(
        "DES MOINES, Iowa (AP) — Gov. Dana Whitfield has the support of 46 percent of "
        "likely voters, according to a Des Moines Register poll released Tuesday.",
        "Gov. Dana Whitfield has the support of 40 percent of likely voters, a survey of "
        "800 residents found.",
    )
    assert not briefing.conflicts


def test_numbers_for_different_months_are_no_disagreement():
    briefing = brief(
        "The jobless rate in Ohio fell to 4.9 percent in January, state officials said.",
        "The jobless rate in Ohio fell to 4.4 percent in March, state officials said.",
    )
    assert not briefing.conflicts
    same_month = brief(
        "The jobless rate in Ohio fell to 4.9 percent in January, state officials said.",
        "Ohio's jobless rate fell to 4.4 percent in January, according to state officials.",
    )
    assert shown(same_month) == {frozenset({"4.9 percent", "4.4 percent"})}


def test_counts_sharing_only_their_noun_and_a_name_are_no_disagreement():
    for texts in (
        (
            "Sen. Marisol Alvarez has 412 delegates after Tuesday's primaries, the campaign said.",
            "Sen. Marisol Alvarez won 380 delegates across the South, the campaign said.",
        ),
        (
            "Addenbrooke's employs 1,250 nurses, the hospital said.",
            "Addenbrooke's recruited 1,180 nurses from overseas, the hospital said.",
        ),
    ):
        assert not brief(*texts).conflicts, texts


def dated(*parts: tuple[str, str | None]) -> Briefing:
    raws = [
        RawArticle(
            text=text,
            title=f"Story {n}",
            path=f"s{n}.txt",
            meta={"published": published} if published else {},
        )
        for n, (text, published) in enumerate(parts)
    ]
    return assemble([analyze(raw) for raw in raws])


def test_running_tallies_printed_on_different_days_do_not_disagree():
    british = (
        "Some 12,700 people have crossed the Channel in small boats so far this year.",
        "More than 14,100 migrants have crossed the Channel in small boats so far this year.",
    )
    american = (
        "Gov. Elena Okafor has won 412 delegates so far in the Democratic race.",
        "Gov. Elena Okafor has won 380 delegates so far in the Democratic race.",
    )
    for one, two in (british, american):
        same_day = dated((one, "2026-08-01"), (two, "2026-08-01"))
        assert len(same_day.conflicts) == 1, one
        assert not dated((one, "2026-07-20"), (two, "2026-08-01")).conflicts, one
        assert len(dated((one, None), (two, None)).conflicts) == 1, one  # may be one day


def test_a_number_from_years_ago_is_another_time():
    briefing = brief(
        "Four years ago, 46 percent of caucusgoers in Iowa made up their minds in the final "
        "days of the race.",
        "This time 38 percent of caucusgoers in Iowa made up their minds in the final days "
        "of the race.",
    )
    assert not briefing.conflicts


def test_a_count_of_the_others_and_a_sentence_printing_both_are_no_disagreement():
    others = brief(
        "The crash on the A30 left four people dead, including the driver of the van, "
        "Devon and Cornwall Police said.",
        "The driver of the van and three other people died in the crash on the A30, "
        "Devon and Cornwall Police said.",
    )
    assert not others.conflicts
    both = brief(
        "Ohio's jobless rate stands at 4.9 percent, state officials said.",
        "Ohio's jobless rate stands at 4.6 percent, below the national rate of 4.9 percent, "
        "state officials said.",
    )
    assert not both.conflicts


def test_a_polling_average_is_not_set_against_an_unnamed_figure():
    briefing = brief(
        "Gov. Dana Whitfield leads the Republican field with 40 percent support.",
        "In an average calculated by RealClearPolitics, Gov. Dana Whitfield leads the "
        "Republican field with 34 percent support.",
    )
    assert not briefing.conflicts


def test_a_floor_is_no_rival_value():
    for texts in (
        (
            "Machinists at the Carrier plant in Indianapolis could earn upward of $20 an hour.",
            "Machinists at the Carrier plant in Indianapolis earn $21.50 an hour.",
        ),
        (
            "The cost of the Thames crossing now exceeds £2bn, the transport authority said.",
            "The cost of the Thames crossing is now £2.3bn, the transport authority said.",
        ),
    ):
        briefing = brief(*texts)
        assert not briefing.conflicts, texts
        assert len({f.id for f in briefing.figures if f.unit in ("USD", "GBP")}) == 1, texts


def test_a_level_printed_weeks_apart_is_two_moments_unless_a_period_is_named():
    """A number that names no period is the state of things the day it was printed."""
    british = (
        "The Harbourside food bank now supports 640 families, its manager said.",
        "The Harbourside food bank supports 710 families, its manager said.",
    )
    american = (
        "The Riverton school district enrolls 18,400 students, Superintendent Dana Holt said.",
        "The Riverton school district enrolls 17,900 students, Superintendent Dana Holt said.",
    )
    for one, two in (british, american):
        assert len(dated((one, "2026-04-06"), (two, "2026-04-10")).conflicts) == 1, one
        assert not dated((one, "2026-04-06"), (two, "2026-05-11")).conflicts, one
        assert len(dated((one, None), (two, "2026-05-11")).conflicts) == 1, one  # undated
    named = (
        "The Riverton school district enrolled 18,400 students in 2025, the district said.",
        "The Riverton school district enrolled 17,900 students in 2025, the district said.",
    )
    assert len(dated((named[0], "2026-04-06"), (named[1], "2026-05-11")).conflicts) == 1


def test_a_records_span_is_no_period_of_the_figure():
    """'Its lowest in 17 years' says what the record is measured over; the figure itself
    names no period, so one printed weeks later is another moment, not a disagreement."""
    record = "Its jobless rate of 4.1% is its lowest in 17 years, Dublin officials said."
    span = "Fares on the line rose 4% in 17 years, the regulator said."
    (rate,) = dated((record, "2026-02-03")).figures
    (fares,) = dated((span, "2026-02-03")).figures
    assert rate.period is None and rate.label == "jobless rate"
    assert fares.period == "in 17 years"
