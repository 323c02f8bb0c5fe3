"""A story's versions: each addition is a numbered version in the database, shared by every
process and kept over restarts, and the briefing built one article at a time is exactly the
briefing of a full rebuild."""

from __future__ import annotations

import ast
import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

import bot.briefs
import bot.library
from bot import commands
from bot.briefs import BriefingCache
from bot.commands import Caller
from bot.library import Library
from bot.services import Services
from bot.settings import Settings
from bot.slack import blocks
from bot.store import Store
from bot.stories import load_stories
from briefings import build_briefing, read_article, to_dict
from tests.live.conftest import page


class Clock:
    """A monotonic clock the test moves, to pass a process's 30 s recheck interval."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float = 31.0) -> None:
        self.now += seconds


def process(settings: Settings, clock: Callable[[], float] | None = None) -> Services:
    """What `Services.from_settings` makes in each process, with an optional clock."""
    stories = load_stories(settings)
    store = Store.from_url(settings.db_url)
    extra = {"clock": clock} if clock else {}
    return Services(
        settings, stories, BriefingCache(stories, library=Library(store), **extra), store
    )


def add(services: Services, name: str):
    return services.add_file(services.stories[0], page(name))


def ask(services: Services, text: str) -> str:
    """The reply to `/bridge TEXT`, as the Slack blocks read in a terminal."""
    ctx = services.context(services.stories[0], Caller())
    return blocks.as_text(blocks.build_messages(commands.run(text, ctx)))


def names(update_or_briefing) -> set[str]:
    sources = getattr(update_or_briefing, "added", None) or update_or_briefing.sources
    return {s.name for s in sources}


def test_each_addition_is_a_version_with_a_note_saying_what_came_in(story_settings):
    services = process(story_settings)
    assert names(services.briefings.get("bridge")) == {"Riverton Gazette"}
    assert services.briefings.version("bridge") == 1  # the seed folder

    traders, ministers = add(services, "courier-traders"), add(services, "harbour-ministers")

    assert (traders.version, ministers.version) == (2, 3)
    assert names(traders) == {"Millbrook Courier"} and names(ministers) == {"Harbour Daily"}
    library = services.briefings.library
    assert [(v.version, v.note) for v in library.versions("bridge")] == [
        (3, "1 added (file): Harbour Daily"),
        (2, "1 added (file): Millbrook Courier"),
        (1, "seed folder: 1 added, 0 removed"),
    ]


def test_an_article_already_in_the_story_makes_no_version(story_settings):
    services = process(story_settings)
    add(services, "courier-traders")
    again = add(services, "courier-traders")
    assert again.added == () and again.version == 2
    [skipped] = again.skipped
    assert skipped.reason.startswith("the same text as")
    assert services.briefings.library.latest("bridge") == 2


def test_changes_since_a_version_shows_exactly_what_came_after_it(story_settings):
    services = process(story_settings)
    for name in ("courier-traders", "harbour-ministers", "herald-ferry"):  # versions 2, 3, 4
        add(services, name)

    shown = ask(services, "changes v2")

    assert "what changed since version 2" in shown
    assert "Version 3" in shown and "Version 4" in shown
    assert "Version 2," not in shown and "Version 1," not in shown
    assert "2 new sources" in shown
    assert "Harbour Daily" in shown and "Eastgate Herald" in shown
    assert "Ruth Adeyemi" in shown  # the ferry operator, new in version 4
    assert "Tom Ferris" not in shown  # came in version 2: not new since then
    assert "£55m" not in shown  # the conflicting figure also came in version 2


def test_changes_since_the_latest_version_says_nothing_is_new(story_settings):
    services = process(story_settings)
    add(services, "courier-traders")
    assert "Nothing new since version 2: the briefing is still version 2" in ask(
        services, "changes v2"
    )


def test_a_second_process_on_the_same_database_catches_up(story_settings):
    clock = Clock()
    web_worker, scheduler = process(story_settings, clock), process(story_settings, clock)
    before = web_worker.briefings.get("bridge")

    added = add(scheduler, "courier-traders")  # e.g. a feed poll in the scheduler process

    assert added.version == 2
    assert web_worker.briefings.get("bridge") is before  # at most 30 s old, by design
    clock.tick()
    caught_up = web_worker.briefings.get("bridge")
    assert names(caught_up) == {"Riverton Gazette", "Millbrook Courier"}
    assert web_worker.briefings.version("bridge") == 2

    more = add(web_worker, "harbour-ministers")  # numbering continues across processes
    assert more.version == 3
    clock.tick()
    assert to_dict(scheduler.briefings.get("bridge")) == to_dict(web_worker.briefings.get("bridge"))


def test_two_processes_saving_at_the_same_moment_both_keep_their_article(story_settings):
    first, second = process(story_settings), process(story_settings)
    first.briefings.get("bridge")
    second.briefings.get("bridge")
    library = second.briefings.library
    save = library.save

    def save_just_after_the_other_process(*args, **kwargs):
        library.save = save
        add(first, "harbour-ministers")  # saves version 2 first
        return save(*args, **kwargs)

    library.save = save_just_after_the_other_process
    update = add(second, "courier-traders")

    assert update.version == 3 and names(update) == {"Millbrook Courier"}
    assert names(update.briefing) == {"Riverton Gazette", "Harbour Daily", "Millbrook Courier"}
    assert [v.version for v in library.versions("bridge")] == [3, 2, 1]
    assert update.changes.conflicts  # compared with version 2, not with what it had read


def count_analyses(monkeypatch) -> list[str]:
    """Every article the engine reads in this test, by title."""
    read: list[str] = []

    def counting(module):
        real = module.analyze

        def analyze(raw, config=None):
            read.append(raw.title)
            return real(raw, config)

        monkeypatch.setattr(module, "analyze", analyze)

    counting(bot.briefs)
    counting(bot.library)
    return read


def test_a_restart_reuses_the_stored_analyses_and_gives_the_same_briefing(
    story_settings, monkeypatch
):
    services = process(story_settings)
    add(services, "courier-traders")
    add(services, "herald-ferry")
    before = services.briefings.get("bridge")

    read = count_analyses(monkeypatch)
    restarted = process(story_settings)
    after = restarted.briefings.get("bridge")

    assert read == []  # no article read again, seed files included
    assert restarted.briefings.version("bridge") == 3
    assert to_dict(after) == to_dict(before)


def test_after_an_engine_upgrade_each_article_is_analysed_again_once(story_settings, monkeypatch):
    services = process(story_settings)
    add(services, "courier-traders")
    before = to_dict(services.briefings.get("bridge"))

    monkeypatch.setattr(bot.library, "engine_stamp", lambda: "a-newer-engine")
    read = count_analyses(monkeypatch)
    assert to_dict(process(story_settings).briefings.get("bridge")) == before
    assert sorted(read) == [
        "Kestrel Bridge to close for 18 months as cable repairs begin",
        "Traders fear Kestrel Bridge closure will drive customers away",
    ]
    read.clear()
    process(story_settings).briefings.get("bridge")
    assert read == []  # the new analyses were stored


def test_a_seed_file_added_or_deleted_is_a_version_too(story_settings, monkeypatch):
    services = process(story_settings)
    story = services.stories[0]
    services.briefings.get("bridge")
    (story.seeds / "herald-ferry.html").write_bytes(page("herald-ferry").read_bytes())
    read = count_analyses(monkeypatch)
    restarted = process(story_settings)
    assert names(restarted.briefings.get("bridge")) == {"Riverton Gazette", "Eastgate Herald"}
    assert read == ["Ferry to run every 20 minutes while Kestrel Bridge is shut"]  # only it
    (story.seeds / "gazette-closure.html").unlink()
    again = process(story_settings)
    assert names(again.briefings.get("bridge")) == {"Eastgate Herald"}
    notes = [v.note for v in again.briefings.library.versions("bridge")]
    assert notes[:2] == ["seed folder: 0 added, 1 removed", "seed folder: 1 added, 0 removed"]


@pytest.mark.parametrize("restart", [False, True], ids=["same process", "after a restart"])
def test_adding_one_by_one_gives_the_briefing_of_a_full_rebuild(story_settings, restart):
    services = process(story_settings)
    story = services.stories[0]
    files = [story.seeds / "gazette-closure.html"]
    services.briefings.get("bridge")
    for name in ("courier-traders", "harbour-ministers", "herald-ferry"):
        add(services, name)
        files.append(page(name))
        if restart:
            services = process(story_settings)
        briefing = services.briefings.get("bridge")
        now = datetime.fromisoformat(briefing.generated_at)
        rebuilt = build_briefing([read_article(f) for f in files], story.story, now=now)
        assert to_dict(briefing) == to_dict(rebuilt)
    assert len(briefing.sources) == 4 and briefing.conflicts


def test_only_batch_processes_pause_the_garbage_collector_to_catch_up(story_settings, monkeypatch):
    """Pausing the collector is process-wide: a web worker catching up a stored story must
    not stop collection under the requests its other threads are serving."""
    add(Services.from_settings(story_settings, batch=True), "courier-traders")
    pauses: list[bool] = []
    monkeypatch.setattr(gc, "disable", lambda: pauses.append(gc.isenabled()))

    web = Services.from_settings(story_settings)  # as `bot.web` and `bot.server` build it
    assert names(web.briefings.get("bridge")) == {"Riverton Gazette", "Millbrook Courier"}
    assert pauses == [] and gc.isenabled()

    clock = Services.from_settings(story_settings, batch=True)  # the CLI, the scheduler
    assert names(clock.briefings.get("bridge")) == {"Riverton Gazette", "Millbrook Courier"}
    assert pauses == [True]


def test_only_the_command_line_asks_for_batch_services():
    """The servers (`bot.web`, `bot.server`, `bot.slack.app`) build their Services without
    `batch`; only `bot.cli._services`, for its batch commands and the clock, passes it."""
    asking = set()
    for path in Path(bot.briefs.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "batch":
                if not (isinstance(node.value, ast.Constant) and node.value.value is False):
                    asking.add(path.name)
    assert asking == {"cli.py", "services.py"}  # services.py passes its own argument on
