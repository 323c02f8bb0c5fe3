"""Redraw docs/page-desktop.png and docs/page-phone.png: the briefing page of the sample
articles in Debian's headless Chromium (Playwright, as tests/browser use it):

    .venv/bin/briefbot brief seeds --format html --out /tmp/seeds.html
    .venv/bin/python docs/screenshots.py /tmp/seeds.html docs/

The first line of What happened and the first of Figures are opened, as a reader would.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"desktop": (1200, 1400), "phone": (390, 1500)}


def main(page_file: str, out: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for name, (width, height) in SIZES.items():
            context = browser.new_context(
                java_script_enabled=False,
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                color_scheme="light",
            )
            tab = context.new_page()
            tab.goto(Path(page_file).resolve().as_uri())
            tab.locator("#what-happened ~ details.line summary").first.click()
            tab.screenshot(path=str(Path(out) / f"page-{name}.png"))
            if name == "desktop":
                tab.locator("#figures").scroll_into_view_if_needed()
                tab.locator("#figures ~ details.line summary").first.click()
                tab.locator("#figures").evaluate("e => e.scrollIntoView()")
                tab.screenshot(path=str(Path(out) / "page-figures.png"))
            context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
