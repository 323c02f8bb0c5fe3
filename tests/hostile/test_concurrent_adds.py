"""The same article added by several processes at once is stored once, and every losing
call answers like any duplicate ("the same text as …") instead of crashing."""

from __future__ import annotations

import threading

from tests.live.conftest import page, story_settings  # noqa: F401 - fixture
from tests.live.test_library import process

ARTICLE = "courier-traders"


def test_losing_a_race_to_save_answers_the_same_text(story_settings):  # noqa: F811
    """Process two checks the article (new), process one saves it, then two saves."""
    one, two = process(story_settings), process(story_settings)
    for services in (one, two):
        services.briefings.get("bridge")
    library = two.briefings.library
    real_save = library.save
    raced: list[object] = []

    def save_after_the_other_process(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(one.add_file(one.stories[0], page(ARTICLE)))
        return real_save(*args, **kwargs)

    library.save = save_after_the_other_process  # type: ignore[method-assign]
    update = two.add_file(two.stories[0], page(ARTICLE))
    assert raced and raced[0].added  # the other process won
    assert update.added == ()
    (skipped,) = update.skipped
    assert skipped.reason.startswith("the same text as")
    assert update.briefing is not None and update.version == raced[0].version
    assert len(two.briefings.library.articles("bridge")) == 2  # the seed and the article


def test_four_processes_adding_one_article_store_it_once(story_settings):  # noqa: F811
    processes = [process(story_settings) for _ in range(4)]
    for services in processes:
        services.briefings.get("bridge")
    start = threading.Barrier(len(processes))
    results: list[object] = []
    errors: list[BaseException] = []

    def add(services) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        try:
            results.append(services.add_file(services.stories[0], page(ARTICLE)))
        except BaseException as error:  # noqa: BLE001 - the test reports it
            errors.append(error)

    threads = [threading.Thread(target=add, args=(s,)) for s in processes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(len(r.added) for r in results) == 1
    losers = [s for r in results for s in r.skipped]
    assert len(losers) == 3
    assert all(s.reason.startswith(("the same text as", "the same link as")) for s in losers)
