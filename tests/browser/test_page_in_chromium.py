"""The briefing page as a reader meets it: opened from a signed link in headless Chromium with
JavaScript off, its headings in order, each line opening to its source from the keyboard or
the mouse, nothing loaded from elsewhere, readable at a phone's width; and an expired or
forged link refused."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot import links

from .conftest import Server

SECTIONS = ["What happened", "Reactions", "Figures", "Where sources disagree"]


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh tab with JavaScript off, recording every URL it asks for."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1200, "height": 900}
    )
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


def test_a_signed_link_opens_the_briefing_with_its_headings(page: Any, server: Server) -> None:
    response = page.goto(server.page_link())
    assert response.status == 200
    h1 = page.get_by_role("heading", level=1)
    assert h1.inner_text() == "Overseas return hubs for failed asylum seekers"
    sections = page.get_by_role("heading", level=2).all_inner_texts()
    assert sections[: len(SECTIONS)] == SECTIONS
    assert {"Open questions", "Timeline", "Sources"} <= set(sections)
    assert page.locator("html").get_attribute("lang") == "en"
    origin = urlsplit(server.url).netloc
    assert all(urlsplit(url).netloc == origin for url in page.requested)  # nothing from elsewhere


def test_enter_on_a_line_opens_its_source_sentence(page: Any, server: Server) -> None:
    page.goto(server.page_link())
    line = page.locator("#reactions ~ details.line").first
    sentence = line.locator("blockquote").first
    assert not sentence.is_visible()
    # From the top of the page, as a keyboard user: Tab reaches the skip link first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the briefing"
    line.locator("summary").focus()
    page.keyboard.press("Enter")
    assert line.get_attribute("open") is not None
    assert sentence.is_visible() and sentence.inner_text().strip()
    source = line.locator(".from a").first.get_attribute("href")
    assert source.startswith("#source-") and page.locator(source).is_visible()


def test_a_click_opens_a_figures_sources_and_the_chart_is_drawn(page: Any, server: Server) -> None:
    page.goto(server.page_link())
    line = page.locator("#figures ~ details.line").first
    line.locator("summary").click()
    assert line.locator("blockquote").first.is_visible()
    chart = page.locator("figure.chart svg").first
    assert chart.is_visible() and chart.bounding_box()["height"] > 20
    assert chart.locator("rect").count() >= 2  # one bar per outlet's own number


def test_the_page_fits_a_phone_screen(browser: Any, server: Server) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    try:
        tab = context.new_page()
        tab.goto(server.page_link())
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 360  # no sideways scrolling
        size = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16
    finally:
        context.close()


def test_an_expired_link_is_refused(page: Any, server: Server) -> None:
    expired = server.page_link(now=time.time() - links.LIFETIME_SECONDS - 60)
    response = page.goto(expired)
    assert response.status == 410
    assert "expired" in page.inner_text("body")
    assert page.locator("h1, details").count() == 0  # nothing of the briefing


def test_a_forged_link_is_refused(page: Any, server: Server) -> None:
    link = server.page_link()
    forged = link[:-1] + ("0" if not link.endswith("0") else "1")
    response = page.goto(forged)
    assert response.status == 403
    assert "not valid" in page.inner_text("body")
    assert page.locator("h1, details").count() == 0
