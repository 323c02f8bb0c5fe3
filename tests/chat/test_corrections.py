"""Editors' corrections kept in the database: they hold through an article added, a restart
and an engine upgrade, on SQLite and PostgreSQL; a correction whose item left the story is
listed as stale; undo works; the log cannot be rewritten; only editors may correct."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

import bot.library
from bot import commands
from bot.briefs import BriefingCache
from bot.commands import Caller
from bot.corrections import CorrectionLog
from bot.delivery import OutboxDelivery
from bot.digest import send_digest
from bot.library import Library
from bot.services import Services
from bot.settings import Settings
from bot.slack import blocks
from bot.store import Store
from bot.stories import load_stories
from bot.subscriptions import Subscription, parse_schedule
from briefings import Briefing, to_dict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LATE = "004_942c03c566ac67b7.txt"  # a wire copy, added after the corrections
CLI = Caller(name="Ann at the desk")


def write_story(folder: Path, *, editors: tuple[str, ...] = (), leave_out: str = LATE) -> Path:
    seeds = folder / "hubs-seeds"
    seeds.mkdir(parents=True)
    for path in SEEDS.glob("*.txt"):
        if path.name != leave_out:
            shutil.copy(path, seeds / path.name)
    config = folder / "briefbot.toml"
    listed = ", ".join(f'"{e}"' for e in editors)
    config.write_text(
        f'editors = [{listed}]\n[[story]]\nslug = "hubs"\ntitle = "Return hubs"\n'
        f'seeds = "{seeds.name}"\n',
        encoding="utf-8",
    )
    return config


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path: Path) -> Settings:
    url = (
        f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    return Settings(data_dir=tmp_path / "data", database_url=url, config_path=write_story(tmp_path))


def process(settings: Settings, recheck_seconds: float = 30.0) -> Services:
    """What each Briefbot process makes at start-up (optionally re-checking at once)."""
    stories = load_stories(settings)
    store = Store.from_url(settings.db_url)
    cache = BriefingCache(
        stories,
        library=Library(store),
        corrections=CorrectionLog(store),
        recheck_seconds=recheck_seconds,
    )
    return Services(settings, stories, cache, store)


def say(services: Services, line: str, caller: Caller = CLI) -> str:
    ctx = services.context(services.stories[0], caller)
    return blocks.as_text(blocks.build_messages(commands.run(line, ctx)))


def speaker_of(briefing: Briefing, words: str) -> str:
    return next(r.speaker for r in briefing.reactions for q in r.quotes if words in q.text)


def label_of(briefing: Briefing, display: str) -> str:
    return next(f.label for f in briefing.figures if f.display == display)


QUOTE = "decisive action taken by the previous Conservative government"


def assert_corrected(briefing: Briefing) -> None:
    assert speaker_of(briefing, QUOTE) == "Jane Roe"
    assert label_of(briefing, "12,700") == "small-boat crossings"
    assert "Edi Rama" not in [r.speaker for r in briefing.reactions]  # merged into Starmer's
    assert [m.by for f in briefing.figures if f.display == "12,700" for m in f.corrected] == [
        "Ann at the desk"
    ]
    assert not briefing.corrections.stale and len(briefing.corrections.applied) == 3


def test_corrections_hold_through_an_addition_a_restart_and_an_engine_upgrade(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = process(settings)
    before = first.briefings.get("hubs")
    assert speaker_of(before, QUOTE) == "Chris Philp"
    for line in (
        f'fix quote "{QUOTE}" to Jane Roe',
        'fix label "12,700" as small-boat crossings',
        "fix merge Edi Rama into Keir Starmer",
    ):
        assert "Correction #" in say(first, line)
    assert_corrected(first.briefings.get("hubs"))

    update = first.add_file(first.stories[0], SEEDS / LATE)  # one article, incrementally
    assert [s.path for s in update.added] == [str(SEEDS / LATE)]
    assert update.briefing is not None and len(update.briefing.sources) == len(before.sources) + 1
    assert_corrected(update.briefing)
    assert_corrected(first.briefings.get("hubs"))

    restarted = process(settings)  # a new process: the story rebuilt from the database
    assert_corrected(restarted.briefings.get("hubs"))
    same = to_dict(restarted.briefings.get("hubs"))
    assert same == to_dict(first.briefings.get("hubs"))

    monkeypatch.setattr(bot.library, "engine_stamp", lambda: "a-newer-engine")
    upgraded = process(settings)  # every article analysed again by "another" engine
    assert_corrected(upgraded.briefings.get("hubs"))


def test_another_process_sees_a_correction_at_its_next_check(settings: Settings) -> None:
    writer, reader = process(settings), process(settings, recheck_seconds=0)
    assert label_of(reader.briefings.get("hubs"), "12,700") != "crossings"
    say(writer, 'fix label "12,700" as crossings')
    assert label_of(reader.briefings.get("hubs"), "12,700") == "crossings"


def test_a_correction_whose_item_left_the_story_is_listed_as_stale(settings: Settings) -> None:
    services = process(settings)
    said = say(services, f'fix quote "{QUOTE}" to Jane Roe')
    assert "Correction #1" in said and "stale" not in said
    folder = settings.config_path.parent / "hubs-seeds"  # type: ignore[union-attr]
    for path in folder.iterdir():  # the only article printing the quote leaves the story
        if QUOTE in path.read_text(encoding="utf-8"):
            path.unlink()
    later = process(settings)
    briefing = later.briefings.get("hubs")
    assert [c.id for c in briefing.corrections.stale] == [1]
    listed = say(later, "corrections")
    assert "#1" in listed and "Jane Roe · stale" in listed
    assert to_dict(briefing)["corrections"]["stale"][0]["kind"] == "move_quote"
    assert "undid correction #1" in say(later, "fix undo 1")


def test_undo_takes_a_correction_back_and_the_log_keeps_both(settings: Settings) -> None:
    services = process(settings)
    original = to_dict(services.briefings.get("hubs"))
    say(services, 'fix hide figure "12,700"')
    assert "12,700" not in [f.display for f in services.briefings.get("hubs").figures]
    assert "undid correction #1" in say(services, "fix undo 1")
    restored = to_dict(services.briefings.get("hubs"))
    for part in ("figures", "reactions", "open_questions", "announcement", "sources"):
        assert restored[part] == original[part]
    listed = say(services, "corrections")
    assert "#2" in listed and "undid correction #1" in listed
    assert "hid figure 12,700" in listed and "undone (#2)" in listed
    assert "was undone already" in say(services, "fix undo 1")
    assert "itself an undo" in say(services, "fix undo 2")
    assert "no correction #9" in say(services, "fix undo 9")

    with services.store.engine.begin() as db:  # nobody rewrites history, not even us
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(text("UPDATE briefbot_corrections SET value = 'x'"))
    with services.store.engine.begin() as db:
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(text("DELETE FROM briefbot_corrections"))
    assert len(CorrectionLog(services.store).entries("hubs")) == 2


def test_only_editors_may_correct_and_everyone_may_read_the_list(tmp_path: Path) -> None:
    config = write_story(tmp_path, editors=("U0EDITOR",))
    services = process(Settings(data_dir=tmp_path / "data", config_path=config))
    someone = Caller("slack", "T111", "C1", "U0SOMEONE", "@someone")
    refused = say(services, 'fix label "12,700" as crossings', someone)
    assert "Only editors can correct the briefing" in refused and "U0SOMEONE" in refused
    assert "Only editors" in say(services, "fix undo 1", someone)
    editor = Caller("slack", "T111", "C1", "U0EDITOR", "@ed")
    assert "Correction #1: @ed relabelled figure 12,700" in say(
        services, 'fix label "12,700" as crossings', editor
    ).replace("*", "")
    admin = services.context(services.stories[0], someone, is_admin=lambda: True)
    assert commands.run("fix undo 1", admin).view == "fixed"  # a workspace admin may
    assert "undone" in say(services, "corrections", someone)


def test_a_typed_fix_that_fits_nothing_or_several_items_says_what_to_type(tmp_path: Path) -> None:
    services = process(Settings(data_dir=tmp_path / "data", config_path=write_story(tmp_path)))
    assert "No quote with “no one said this”" in say(services, 'fix quote "no one said this" to X')
    several = say(services, 'fix quote "return hubs" to X')
    assert "fit the quote with “return hubs”" in several and "Give more of its words" in several
    assert "Say the stance" in say(services, "fix stance Edi Rama furious")
    assert "Type it as: fix label FIGURE as LABEL" in say(services, 'fix label "12,700"')
    assert "correcting the briefing" in say(services, "fix")  # the how-to
    assert not CorrectionLog(services.store).entries("hubs")


def test_every_typed_fix_does_what_it_says(tmp_path: Path) -> None:
    services = process(Settings(data_dir=tmp_path / "data", config_path=write_story(tmp_path)))
    first = services.briefings.get("hubs")
    point = first.announcement.points[-1].text
    official = next(r for r in first.reactions if r.speaker == "UK government official")
    quote = official.quotes[0].text
    for line in (
        "fix merge Downing Street into Keir Starmer's spokesperson",
        'fix split Keir Starmer "We are in talks with a number of countries" to Sir K',
        "fix stance Edi Rama neutral",
        "fix role Chris Philp as chief whip",
        "fix role rama none",
        f'fix hide point "{" ".join(point.split()[:7])}"',
        "fix hide question courts decide",
        'fix same "12,700" and "12,000"',
        'fix apart "33 per cent" and "40% increase"',
        f'fix quote "{" ".join(quote.split()[:8])}" to unknown',
        "fix remove Noah Wire Services",
    ):
        assert "Correction #" in say(services, line), line
    b = services.briefings.get("hubs")
    speakers = {r.speaker: r for r in b.reactions}
    assert "Downing Street" not in speakers
    assert "Downing Street" in speakers["Keir Starmer's spokesperson"].aliases
    assert any("number of countries" in q.text for q in speakers["Sir K"].quotes)
    assert (speakers["Edi Rama"].stance, speakers["Edi Rama"].role) == ("neutral", None)
    assert speakers["Chris Philp"].role == "chief whip"
    assert quote in [q.text for q in speakers["Unknown speaker"].quotes]
    assert "UK government official" not in speakers  # left with no quote
    assert point not in [p.text for p in (*b.announcement.summary, *b.announcement.points)]
    assert not any("courts decide" in q.question for q in b.open_questions)
    crossings = next(f for f in b.figures if f.display == "12,700")
    assert "12,000" in [c.display for c in crossings.conflicts]
    assert not next(f for f in b.figures if f.display == "33 per cent").conflicts
    assert "Noah Wire Services" not in [s.outlet for s in b.sources]
    assert len(b.corrections.applied) == 11 and not b.corrections.stale


def test_a_digest_and_its_spreadsheet_say_who_corrected_what(tmp_path: Path) -> None:
    services = process(Settings(data_dir=tmp_path / "data", config_path=write_story(tmp_path)))
    say(services, 'fix label "12,700" as crossings', Caller(name="Ann"))
    sub = Subscription("outbox", "local", "desk", "hubs", parse_schedule([], "UTC"))
    outbox = tmp_path / "outbox"
    assert send_digest(services, sub, "2026-11-23 08:00 UTC", OutboxDelivery(outbox)) == "sent"
    (digest,) = outbox.glob("*.md")
    assert "crossings" in digest.read_text() and "corrected by Ann" in digest.read_text()
    (sheet,) = outbox.glob("*.xlsx")
    rows = list(openpyxl.load_workbook(sheet)["Figures"].iter_rows(values_only=True))
    assert ("crossings", "Ann (label corrected)") in [(r[3], r[-1]) for r in rows]
