"""The default theme in a real browser (Debian chromium via playwright): accessibility (axe-core), no external
requests, citation popovers by keyboard, the cited sentence highlighted on the source page, usable without JS.

Skipped when chromium, playwright or axe-core cannot be had, except with CI=true, where that is a failure
(`browser` is the chromium fixture of conftest.py).
axe-core comes from $AXE_CORE_JS, else tests/.node (installed there with npm on first use).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import many_sources, site_events
from tests.golden import build_fixture
from tests.theme_sample import SLUG, TEXTS, render_sample
from tests.tiny_site import serve_folder

pytestmark = pytest.mark.slow  # these tests drive the browser

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "tests" / ".node"
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def _unavailable(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="module")
def axe_js() -> str:
    path = Path(os.environ.get("AXE_CORE_JS", AXE))
    if not path.is_file() and shutil.which("npm"):
        cmd = ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "axe-core@4"]
        subprocess.run(cmd, check=False, capture_output=True, timeout=600)
    if not path.is_file():
        _unavailable(f"axe-core not found at {path} (npm install --prefix tests/.node axe-core)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four sites side by side: the hand-made sample (every section), the real build of the fixture site, a
    hand-made event with many sources and long sections, and forty events whose index runs to twenty pages."""
    root = tmp_path_factory.mktemp("sites")
    render_sample(root / "sample")
    build_fixture(root / "fixture")
    many_sources.render_many(root / "many")
    site_events.render_paged(root / "paged")
    return root


@pytest.fixture(scope="module")
def origin(sites: Path) -> Iterator[str]:
    with serve_folder(sites) as url:
        yield url


PAGES = [
    "sample/index.html",
    f"sample/{SLUG}/index.html",
    f"sample/{SLUG}/sources/port-gazette.html",
    "fixture/index.html",
    "fixture/ferry-strike/index.html",
    "fixture/ferry-strike/sources/01-gazette.html",
    f"many/{many_sources.SLUG}/index.html",
    "paged/index.html",
    "paged/page/11/index.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(browser: Any, origin: str, axe_js: str, scheme: str) -> None:
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)  # axe is injected as an inline script
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(f"{origin}/{path}")
        page.add_script_tag(content=axe_js)
        result = page.evaluate("async () => await axe.run(document)")
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        found[path] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
        assert result["passes"], path  # axe really ran
    context.close()
    assert found == {p: [] for p in PAGES}


def test_pages_request_nothing_outside_the_site(browser: Any, origin: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.route("**/*", lambda route: (requested.append(route.request.url), route.continue_()))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: errors.append(str(err)))
    for path in PAGES:
        page.goto(f"{origin}/{path}")
        page.wait_for_load_state("networkidle")
        if page.locator(".cite-mark").count():
            page.locator(".cite-mark").first.hover()
    context.close()
    assert requested, "interception saw no request"
    assert [u for u in requested if not u.startswith(origin + "/")] == []
    assert any(u.endswith("/style.css") for u in requested) and any(u.endswith("/briefgen.js") for u in requested)
    assert errors == []  # no script error, no CSP violation


def test_citation_popover_opens_on_keyboard_focus_and_escape_closes_it(browser: Any, origin: str) -> None:
    page = browser.new_page()
    page.goto(f"{origin}/sample/{SLUG}/index.html")
    pop = page.locator("#what .cite-pop").first
    assert not pop.is_visible()
    for _ in range(60):  # Tab through the page until the first marker of "What" has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#what .cite') !== null"):
            break
    assert pop.is_visible()
    assert TEXTS["port-gazette"][0] in pop.inner_text()
    link = pop.locator("a")  # the original article, opened at the cited sentence
    assert (
        link.get_attribute("href")
        == "https://news.example.com/crane#:~:text=A%20crane%20collapsed%20at%20the%20north%20harbour%20on"
    )
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert TEXTS["port-gazette"][0] in described
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    page.close()


def test_the_pointer_can_move_from_a_marker_into_its_popover(browser: Any, origin: str) -> None:
    page = browser.new_page()
    page.goto(f"{origin}/sample/{SLUG}/index.html")
    marker = page.locator("#who .people .cite-mark").first
    pop = page.locator("#who .people .cite-pop").first
    marker.hover()
    assert pop.is_visible()
    link = pop.locator("a").bounding_box()
    page.mouse.move(link["x"] + 5, link["y"] + 5, steps=8)
    assert pop.is_visible()
    page.mouse.move(5, 5)
    page.wait_for_timeout(500)
    assert not pop.is_visible()
    page.set_viewport_size({"width": 1280, "height": 4000})  # the whole page on screen: no scrolling below
    for section in ("#numbers", "#what", "#quotes", "#who .chips"):  # nothing covers or clips an open popover
        page.locator(f"{section} .cite-mark").last.focus()
        box = page.locator(f"{section} .cite-pop").last.bounding_box()
        assert box["width"] > 300, section  # wide enough to read, even under a small chip
        on_top = "([x, y]) => document.elementFromPoint(x, y)?.closest('.cite-pop') != null"
        for x, y in ((box["x"] + 3, box["y"] + 3), (box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)):
            assert page.evaluate(on_top, [x, y]), section
    page.close()


def test_marker_opens_the_source_page_with_the_sentence_highlighted(browser: Any, origin: str) -> None:
    page = browser.new_page()
    page.goto(f"{origin}/sample/{SLUG}/index.html")
    page.locator("#quotes .cite-mark").first.click()
    page.wait_for_url("**/sources/port-gazette.html#s2")
    target = page.locator(":target")
    assert target.get_attribute("id") == "s2" and target.inner_text() == TEXTS["port-gazette"][2]
    plain = page.locator("#s1").evaluate("e => getComputedStyle(e).backgroundColor")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != plain
    # with JS, the link to the original lands on the same sentence (text fragment)
    assert (
        page.locator("#original")
        .get_attribute("href")
        .endswith("#:~:text=%22We%20warned%20the%20board%20twice%2C%22%20Ortiz%20said.")
    )
    page.close()


def test_pages_work_without_javascript_and_at_360px(browser: Any, origin: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{origin}/sample/{SLUG}/index.html")
    for section in ("who", "what", "numbers", "conflicts", "quotes", "questions", "timeline", "coverage"):
        assert page.locator(f"#{section} h2").is_visible(), section
    page.locator("#numbers .cite-mark").first.focus()
    assert page.locator("#numbers .cite-pop").first.is_visible()  # CSS alone shows the popover
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a 360px screen"
    context.close()


def test_print_shows_citations_as_footnotes(browser: Any, origin: str) -> None:
    page = browser.new_page()
    page.goto(f"{origin}/sample/{SLUG}/index.html")
    assert not page.locator(".footnotes").is_visible()
    page.emulate_media(media="print")
    notes = page.locator(".footnotes li")
    assert page.locator(".footnotes").is_visible() and not page.locator(".toc").is_visible()
    cited = {f"{s}/{i}" for s, texts in TEXTS.items() for i in range(len(texts))}
    assert notes.count() == len(cited)  # each cited sentence once
    assert page.locator("#what .cite-mark").first.inner_text().split()[-1] == "1.1"  # source.sentence
    assert notes.first.inner_text().startswith("1.1")
    page.close()


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("script", [True, False])
def test_no_page_scrolls_sideways_whatever_the_sources_and_citations(
    browser: Any, origin: str, width: int, script: bool
) -> None:
    """Fourteen sources with long names and URLs, runs of 42 citation markers, a 14-column coverage table."""
    context = browser.new_context(java_script_enabled=script, viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = {}
    for path in (*PAGES, f"many/{many_sources.SLUG}/sources/{many_sources.articles()[0].id}.html"):
        page.goto(f"{origin}/{path}")
        for summary in page.locator("details.more > summary").all():  # folded items too
            summary.click()
        wide[path] = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert wide == {p: 0 for p in wide}


def test_the_glance_comes_first_and_long_sections_fold_without_javascript(browser: Any, origin: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}/many/{many_sources.SLUG}/index.html")
    first = page.locator("article.briefing > header + *")
    assert first.get_attribute("data-glance") is not None and first.is_visible()
    glance = page.locator("[data-glance]").inner_text()
    assert "Who" in glance and "Why" not in glance  # a question the sources do not answer is left out
    assert len(glance.split()) <= 120
    assert page.locator("[data-glance] .key-numbers li").count() >= 3
    numbers = page.locator("#numbers")
    assert numbers.locator("tbody tr:visible").count() == 3
    summary = numbers.locator("details.more > summary")
    assert summary.inner_text() == "9 more numbers"
    folded = numbers.locator("details.more tbody tr").first
    assert not folded.is_visible()
    summary.click()  # a native <details>: opens without JavaScript
    assert folded.is_visible()
    # the disagreement in plain words: each value once, with who gives it and when
    claims = page.locator("#conflicts .conflict li")
    assert claims.count() == 2
    assert "according to www.regional-news-outlet-0.example.com, 2 June 2026" in claims.first.inner_text()
    context.close()


def test_print_shows_folded_items(browser: Any, origin: str) -> None:
    page = browser.new_page()
    page.goto(f"{origin}/many/{many_sources.SLUG}/index.html")
    folded = page.locator("#numbers details.more tbody tr").first
    assert not folded.is_visible()
    page.emulate_media(media="print")
    assert folded.is_visible()
    page.close()
