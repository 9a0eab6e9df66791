"""Live preview in a real browser (Debian chromium driven by playwright), under a strict CSP.

Skipped when chromium or playwright is missing, except with CI=true, where that is a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.serve_site import NEW_QUOTE, line_of, running_preview, write_site

pytestmark = pytest.mark.slow  # these tests drive the browser

WAIT_MS = 90_000  # a rebuild runs spaCy; the machine is shared


def test_edit_error_fix_and_css_swap_in_the_open_page(browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    config = write_site(tmp_path)
    article = tmp_path / "content" / "library-reopens" / "01-valley-news.md"
    template = tmp_path / "themes" / "preview" / "templates" / "event.html"
    css = tmp_path / "themes" / "preview" / "static" / "style.css"
    good_template = template.read_text()
    with running_preview(config) as preview:
        page = browser.new_page()
        csp_errors: list[str] = []
        page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
        with page.expect_request(lambda r: "/__briefgen/events?page=" in r.url):
            page.goto(preview.url + "library-reopens/index.html")
        quotes = page.locator("blockquote.quote")
        expect(quotes.first).to_be_visible()

        # An edited article: the new quote appears without a manual reload.
        article.write_text(f"{article.read_text()}\n{NEW_QUOTE}\n")
        expect(quotes.filter(has_text="open late on Fridays")).to_have_count(1, timeout=WAIT_MS)

        # A broken template: an overlay names the file and line; the page underneath stays.
        broken = good_template.replace("{% endfor %}", "{% endfro %}")
        template.write_text(broken)
        overlay = page.locator("#__briefgen-overlay")
        expect(overlay).to_be_visible(timeout=WAIT_MS)
        expect(overlay.locator(".__briefgen-where")).to_have_text(f"{template.resolve()}:{line_of(broken, 'endfro')}")
        expect(overlay.locator(".__briefgen-message")).to_contain_text("endfro")
        expect(quotes.filter(has_text="open late on Fridays")).to_have_count(1)

        # Fixed: the overlay goes and the page comes back.
        template.write_text(good_template.replace('<h1 id="title">', '<h1 id="title" class="fixed">'))
        expect(page.locator("h1.fixed")).to_be_visible(timeout=WAIT_MS)
        expect(overlay).to_have_count(0)

        # A stylesheet edit is applied in place: no navigation, so page state survives.
        page.evaluate("window.__marker = 'still here'")
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(10, 20, 30)"
        css.write_text("body { color: rgb(200, 0, 0); }\n")
        page.wait_for_function("() => getComputedStyle(document.body).color === 'rgb(200, 0, 0)'", timeout=WAIT_MS)
        assert page.evaluate("window.__marker") == "still here"
        assert csp_errors == []


def test_missing_page_gets_the_themes_404(browser: Any, tmp_path: Path) -> None:
    with running_preview(write_site(tmp_path)) as preview:
        page = browser.new_page()
        response = page.goto(preview.url + "no/such/page.html")
        assert response is not None and response.status == 404
        assert page.locator("#missing").inner_text() == "Nothing here"
