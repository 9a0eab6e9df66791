"""Search in a real browser: the site built for https://example.org/briefs/, served under /briefs/ by a
local HTTP server, with its own CSP; typing a person's name lists only the pages of the event naming them.

Skipped when chromium or playwright is missing, except with CI=true, where that is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen.build import build
from briefgen.config import load_config
from tests.tiny_site import PERSON_IN_ONE_EVENT, serve_folder, write_tiny_site

pytestmark = pytest.mark.slow  # these tests drive the browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    config = write_tiny_site(tmp_path / "project", base_url="https://example.org/briefs/")
    build(load_config(config, {"output_dir": str(tmp_path / "www" / "briefs")}), strict=True)
    with serve_folder(tmp_path / "www") as url:
        yield f"{url}/briefs/"


def test_search_box_finds_a_person_named_in_one_event(browser: Any, served: str) -> None:
    from playwright.sync_api import expect

    name, event = PERSON_IN_ONE_EVENT
    page = browser.new_page()
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):  # browser's own
            errors.append(f"{message.text} {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(served) else None)
    page.goto(served + "index.html")
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp  # search must work under the theme's policy
    box = page.get_by_role("searchbox")
    expect(box).to_be_visible()
    box.fill(name)
    results = page.locator(".search-results li a")
    expect(results.first).to_be_visible(timeout=20_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert hrefs and all(h.startswith(f"{served}{event}/") for h in hrefs), hrefs
    expect(page.locator(".search-results mark").first).to_contain_text(name)

    results.first.click()
    expect(page.locator("main")).to_contain_text(name)
    assert page.url.startswith(f"{served}{event}/")

    page.goto(served + "index.html?q=zqxjv")
    expect(page.locator(".search-status")).to_have_text("Nothing found.", timeout=20_000)
    assert errors == []  # no CSP violation, no failed import or fetch
    assert external == []  # works offline: nothing is fetched from elsewhere
