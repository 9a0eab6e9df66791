"""The default theme's HTML, read as data: sections, citations, text fragments, conflicts, budgets, no inline code."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.theme_sample import SLUG, TEXTS, render_sample

SECTION_ORDER = ["who", "what", "numbers", "conflicts", "quotes", "questions", "timeline", "coverage"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and whether it opened inside a <script> without src."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline_scripts = 0
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script" and not dict(attrs).get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def having(self, attr: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if attr in a]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_sample(tmp_path_factory.mktemp("theme") / "site")


def _page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_event_page_has_every_section_in_order_with_headings(site: Path) -> None:
    html = _page(site, f"{SLUG}/index.html")
    ids = re.findall(r'<section id="([a-z]+)"', html)
    assert [i for i in ids if i in SECTION_ORDER] == SECTION_ORDER
    assert html.count("<h1") == 1 and '<html lang="en">' in html
    assert '4 May 2026</time> \u2013 <time datetime="2026-05-05">5 May 2026' in html  # date span of the sources
    top, numbers = html.split('<section id="who"')[0], re.search(r'<section id="numbers".*?</section>', html, re.S)
    assert "Editor's note:</strong> Injury counts are being checked" in top  # notes without a section: at the top
    assert numbers and "Editor's note:</strong> Figures are as first reported." in numbers.group(0)
    assert "Figures are as first reported." not in top
    assert '<span class="badge">Pinned</span> A crane collapsed' in html
    assert '<nav class="toc"' in html and '<main id="main"' in html and "<footer" in html


def test_every_marker_describes_itself_with_one_footnote_of_the_cited_sentence(site: Path) -> None:
    tags = Tags(_page(site, f"{SLUG}/index.html"))
    ids = [a["id"] for a in tags.having("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    described = {a["aria-describedby"] for a in tags.having("aria-describedby")}
    assert described and described <= set(ids)
    assert described == {f"cite-{s}-{i}" for s, texts in TEXTS.items() for i in range(len(texts))}
    marks = [a["href"] for _, a in tags.tags if a.get("class") == "cite-mark"]
    assert "sources/port-gazette.html#s2" in marks and all(
        re.fullmatch(r"sources/[a-z-]+\.html#s\d+", m) for m in marks
    )

    # two sentences of one source in one item: markers 2a and 2b, each to its own sentence
    item = re.search(r"<li[^>]*>The north quay is closed.*?</li>", _page(site, f"{SLUG}/index.html"), re.S)
    found = re.findall(
        r'#s(\d)" aria-label="source 2([ab])"[^>]*>2<span class="cite-k">\2', item.group(0) if item else ""
    )
    assert found == [("1", "a"), ("2", "b")]


def test_links_to_originals_use_text_fragments_only_for_web_urls(site: Path) -> None:
    html = _page(site, f"{SLUG}/index.html")
    fragments = re.findall(r'href="([^"]*#:~:text=[^"]*)"', html)
    assert fragments and all(f.startswith("https://news.example.com/crane#:~:text=") for f in fragments)
    assert (
        "https://news.example.com/crane#:~:text=Harbour%20master%20Lena%20Ortiz%20said%20the%20crane%20was" in fragments
    )
    assert (
        "https://news.example.com/crane#:~:text=%22We%20warned%20the%20board%20twice%2C%22%20Ortiz%20said." in fragments
    )
    pops = re.findall(r'<span class="cite-pop"[^>]*>(.*?)</span></span>', html, re.S)
    radio = [p for p in pops if TEXTS["coast-radio"][0] in p]
    assert radio and not any("#:~:text=" in p for p in radio)  # that source has no URL


def test_conflicting_numbers_are_marked_disputed_and_others_not(site: Path) -> None:
    html = _page(site, f"{SLUG}/index.html")
    rows = [(c, v.strip()) for c, v in re.findall(r'<tr class="([^"]*)"><th scope="row">([^<]+)', html)]
    assert ("item disputed", "three dock workers") in rows and ("item disputed", "Four workers") in rows
    assert ("item", "40 years") in rows
    assert re.search(r'<td class="cov disagrees">', html) and re.search(r'<td class="cov not_reported">', html)


def test_the_glance_names_the_disputed_thing_once_and_each_value_once(site: Path) -> None:
    html = _page(site, f"{SLUG}/index.html")
    box = re.search(r"<section class=\"glance\" data-glance.*?</section>", html, re.S)
    assert box is not None
    line = re.sub(r"<[^>]+>", " ", box.group(0).split('class="glance-conflict"')[1])
    assert line.count("Workers injured") == 1 and "3 vs 4" not in line  # the subject, then the cited values
    assert "three dock workers" in line and "Four workers" in line


def test_an_empty_briefing_renders_without_its_optional_sections(site: Path) -> None:
    html = _page(site, "quiet-day/index.html")
    ids = re.findall(r'<section id="([a-z]+)"', html)
    assert ids == ["sources", "who", "what", "numbers", "quotes", "questions"]
    assert "Nobody found." in html and "No figures found." in html and "footnotes" not in html


def test_index_lists_events_newest_first_with_lead_and_source_count(site: Path) -> None:
    html = _page(site, "index.html")
    titles = re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)
    assert titles == ["Harbour crane collapse", "A quiet day"]
    card = html.split('class="event-card"')[1]
    assert "2 sources" in card and "1 disagreement" in card and "A crane collapsed at the north harbour" in card


def test_source_page_marks_cited_sentences_and_keeps_anchors(site: Path) -> None:
    html = _page(site, f"{SLUG}/sources/port-gazette.html")
    for i in range(len(TEXTS["port-gazette"])):
        assert f'<span class="sent cited" id="s{i}">' in html
    assert 'id="original" href="https://news.example.com/crane"' in html


def test_no_inline_code_and_assets_stay_under_budget(site: Path) -> None:
    for page in site.rglob("*.html"):
        tags = Tags(page.read_text(encoding="utf-8"))
        assert tags.inline_scripts == 0, page
        assert not tags.having("style"), page
        assert not [
            a for a in tags.having("href") + tags.having("src") if re.match(r"(?i)\s*javascript:", a.get("href", ""))
        ]
        external = [v for a in tags.having("src") for v in [a["src"]] if "//" in v]
        assert external == [], page
        stylesheets = [a["href"] for t, a in tags.tags if t == "link"]
        assert all("//" not in h for h in stylesheets), page
    assets = [p for p in site.rglob("*") if p.suffix in (".css", ".js")]
    total = sum(p.stat().st_size for p in assets)
    assert {"style.css", "briefgen.js"} <= {p.name for p in assets}
    assert total < 50_000, f"CSS+JS is {total} bytes"


def test_an_open_question_shows_its_status_from_the_field(site: Path) -> None:
    section = re.search(r'<section id="questions".*?</section>', _page(site, f"{SLUG}/index.html"), re.S)
    assert section and '<span class="status">Unclear:</span> when the north quay will reopen' in section.group(0)
    data = json.loads(_page(site, f"{SLUG}/briefing.json"))
    (question,) = data["questions"]  # the contract's text keeps the status before the point, as scorers read it
    assert (question["status"], question["text"]) == ("Unclear", "Unclear: when the north quay will reopen")
