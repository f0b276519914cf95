"""The built website, checked in a real headless Chromium.

Every page of the table of contents is served from ``_build/html`` over a local HTTP
server and loaded in the browser. A page passes when it

* logs no console error and raises no JavaScript error,
* loads every resource, and only from the local server (the site works offline),
* has its mathematics typeset by MathJax, with no raw TeX left in the visible text,
* gives every image an alt text,
* fits every display equation in the text column of a 1280-pixel-wide window,
* and, for chapters, offers the Binder and Colab launch buttons.

Without Chromium the tests are skipped, except in CI (``CI=true``), where a missing
browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from book import toc_pages
from conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RAW_TEX = ("$$", "\\(", "\\[", "\\begin{")
SCREENSHOTS = ROOT / "_build" / "screenshots"
PAGES = toc_pages(ROOT)


def find_chromium() -> str | None:
    """Return the path of a Chromium (or Chrome) executable, or None.

    The environment variable ``CHROMIUM`` picks one explicitly (and ``CHROMIUM=none``
    pretends there is none).
    """
    if "CHROMIUM" in os.environ:
        candidates = [os.environ["CHROMIUM"]]
    else:
        names = ("chromium", "chromium-browser", "google-chrome")
        candidates = ["/usr/bin/chromium", *(shutil.which(name) or "" for name in names)]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def server(built_site: Path):
    """Serve the website on 127.0.0.1 (a free port) in a background thread."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not print a line per request."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright (skipped without one, unless CI=true)."""
    executable = find_chromium()
    if executable is None:
        message = "no Chromium found (install the Debian package `chromium`)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; in CI the website tests must run")
        pytest.skip(f"{message}; website tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def load(browser, url: str):
    """Open ``url`` in a new page and record what goes wrong while it loads."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    host = urlparse(url).netloc
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))

    def check_host(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https") and url.netloc != host:
            problems.append(f"request to another host: {request.url}")

    def check_status(response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("request", check_host)
    page.on("response", check_status)
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.wait_for_load_state("networkidle")
    return page, problems


@pytest.mark.parametrize("name", PAGES)
def test_page(browser, server: str, name: str) -> None:
    page, problems = load(browser, f"{server}/{name}.html")
    try:
        has_math = page.locator("article .math").count() > 0
        if has_math:
            assert page.locator("mjx-container").count() > 0, "MathJax typeset nothing"
        too_wide = page.evaluate(
            "() => [...document.querySelectorAll('mjx-container[display=\"true\"]')]"
            ".filter(m => m.scrollWidth > m.clientWidth + 1)"
            ".map(m => m.textContent.slice(0, 50))"
        )
        assert not too_wide, f"display equations wider than the page (split them): {too_wide}"
        text = page.evaluate("() => document.body.innerText")
        raw = [tex for tex in RAW_TEX if tex in text]
        assert not raw, f"raw TeX in the visible text: {raw}"
        no_alt = page.evaluate(
            "() => [...document.querySelectorAll('article img')]"
            ".filter(img => !(img.getAttribute('alt') || '').trim()).map(img => img.src)"
        )
        assert not no_alt, f"images without alt text: {no_alt}"
        if (ROOT / f"{name}.ipynb").is_file():  # notebooks get launch buttons
            links = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
            assert any("mybinder.org" in link for link in links), "no Binder launch button"
            assert any("colab.research.google.com" in link for link in links), "no Colab button"
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def test_screenshot_of_a_chapter(browser, server: str) -> None:
    """Save a picture of the first chapter, for a person to look at."""
    chapter = next((name for name in PAGES if name.startswith("chapters/")), PAGES[0])
    page, problems = load(browser, f"{server}/{chapter}.html")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / (chapter.replace("/", "_") + ".png")
    page.screenshot(path=str(target), full_page=True)
    page.close()
    assert target.stat().st_size > 10_000 and not problems


def test_chapter9_animation_controls_render(browser, server: str) -> None:
    """The JavaScript animations of chapter 9 play on the static page: image, slider, buttons."""
    page, problems = load(browser, f"{server}/chapters/09_tiny_network.html")
    try:
        players = page.locator(".animation")
        assert players.count() >= 2, "no animation players on the chapter 9 page"
        first = players.first
        assert first.locator("img").first.is_visible(), "the animation's frame image is not shown"
        assert first.locator("img").first.get_attribute("alt"), "the animation's image has no alt text"
        slider = first.locator("input[type=range]")
        assert slider.count() == 1 and slider.is_visible(), "the frame slider is missing"
        buttons = first.locator("button")
        assert buttons.count() >= 6 and buttons.first.is_visible(), "the player's buttons are missing"
        frame_before = first.locator("img").first.get_attribute("src")
        slider.fill(slider.get_attribute("max"))  # jump to the last frame
        slider.dispatch_event("input")
        assert first.locator("img").first.get_attribute("src") != frame_before, "the slider changes no frame"
        assert not problems, "\n".join(problems)
    finally:
        page.close()
