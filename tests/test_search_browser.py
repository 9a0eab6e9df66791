"""Search in a real browser: the site built for https://example.org/briefs/, served under /briefs/ by a
local HTTP server, with its own CSP; typing a person's name lists only the pages of the event naming them.
An archive's index in several bundles (shards) is searched as one.

Skipped when chromium or playwright is missing, except with CI=true, where that is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen import search
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


# Six events of one article each, keyed by a word of its title that no other event has.
ARCHIVE = {
    "Sorensby": (
        "sorensby-appeal",
        "Judge Sorensby dismisses the ferry company's appeal",
        "The appeal court upheld "
        "the fine of two million dollars on Thursday. The ferry company said it would study the ruling.",
    ),
    "Tamsworth": (
        "tamsworth-flood",
        "River Tamsworth floods the lower town",
        "The river rose two metres overnight "
        "and about 300 homes were evacuated on Sunday. Rescue crews used boats in the market square.",
    ),
    "Pelloran": (
        "pelloran-cup",
        "Pelloran Rovers win the regional cup",
        "The team beat the holders 3-1 in the final on Saturday. Their captain scored twice in the second half.",
    ),
    "Quillmark": (
        "quillmark-bakery",
        "Quillmark Foods buys a rival bakery chain",
        "The company agreed to pay 48 "
        "million dollars for the chain's 120 shops on Monday. Shareholders will vote on the deal in May.",
    ),
    "Ardnavar": (
        "ardnavar-comet",
        "Telescope at Ardnavar spots a faint comet",
        "Astronomers reported the comet on "
        "Wednesday. It will pass closest to the Sun in about eight months, they said.",
    ),
    "Velmora": (
        "dockside-strike",
        "Dock workers at Velmora walk out over pay",
        "Cranes stood still at the port on "
        "Tuesday as about 900 workers joined the strike. The union asked for a rise of 6 percent.",
    ),
}
SHARD_EVENTS = 2  # six events: four shards, three of them used


@pytest.fixture
def served_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    root = tmp_path / "project"
    for i, (slug, title, body) in enumerate(ARCHIVE.values()):
        article = root / "content" / slug / "01-daily.md"
        article.parent.mkdir(parents=True)
        article.write_text(f"---\ntitle: {title}\noutlet: The Daily\npublished: 2026-04-{i + 10:02d}\n---\n{body}\n")
    (root / "briefgen.yaml").write_text("title: Archive\nbase_url: https://example.org/briefs/\n")
    monkeypatch.setattr(search, "SHARD_EVENTS", SHARD_EVENTS)
    build(load_config(root / "briefgen.yaml", {"output_dir": str(tmp_path / "www" / "briefs")}), strict=True)
    with serve_folder(tmp_path / "www") as url:
        yield f"{url}/briefs/"


def test_search_finds_events_indexed_in_different_bundles(browser: Any, served_archive: str) -> None:
    from playwright.sync_api import expect

    slugs = {slug: word for word, (slug, _, _) in ARCHIVE.items()}
    bundles = search.shards(f"{slug}/index.html" for slug in slugs)  # SHARD_EVENTS is still patched
    assert len(bundles) >= 3 and next(iter(bundles)) == "pagefind"
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(served_archive + "index.html")
    assert page.locator("[data-search]").get_attribute("data-bundles") == " ".join(bundles)
    box = page.get_by_role("searchbox")
    results = page.locator(".search-results li a")
    for paths in bundles.values():  # a word of an event of each bundle finds that event first
        slug = paths[0].split("/")[0]  # (pagefind also lists weak partial matches, such as "a" for "Ardnavar")
        box.fill(slugs[slug])
        expect(results.first).to_have_attribute("href", f"{served_archive}{slug}/index.html", timeout=20_000)
    box.fill("dollars")  # said in two events, of two bundles
    expect(results).to_have_count(2, timeout=20_000)
    hrefs = {results.nth(i).get_attribute("href") for i in range(2)}
    assert hrefs == {f"{served_archive}sorensby-appeal/index.html", f"{served_archive}quillmark-bakery/index.html"}
    assert errors == []
