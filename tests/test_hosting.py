"""Hosting: a site under https://host/sub/ served by a real HTTP server has no broken link; sitemap,
Atom feed and robots.txt; the link checker on hand-made pages; `build --strict` failing on a broken link."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import pytest

from briefgen.build import build
from briefgen.cli import main
from briefgen.config import load_config
from briefgen.linkcheck import check_pages, check_site
from briefgen.models import Page
from tests.tiny_site import serve_folder, write_tiny_site

BASE = "https://example.org/briefs/"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append(str(a[key]))


def parse(html: bytes) -> Links:
    links = Links()
    links.feed(html.decode())
    return links


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


@pytest.fixture(scope="module")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hosted")
    config = write_tiny_site(root / "project", base_url=BASE)
    build(load_config(config, {"output_dir": str(root / "www" / "briefs")}), strict=True)
    return root / "www"


@pytest.fixture(scope="module")
def server(www: Path) -> Iterator[str]:
    with serve_folder(www) as url:
        yield url


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}


def test_every_link_resolves_when_served_under_the_sub_path(www: Path, server: str) -> None:
    start = f"{server}/briefs/index.html"
    queue, seen, anchors, broken = [start], set(), [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if not url.endswith(".html"):
            continue
        page = parse(body)
        for href in page.links:
            target = urljoin(url, href)
            if urlsplit(target).netloc != urlsplit(server).netloc:
                continue
            plain, fragment = urldefrag(target)
            assert urlsplit(plain).path.startswith("/briefs/"), f"{url} links outside the sub-path: {href}"
            queue.append(plain)
            if fragment:
                anchors.append((plain, fragment))
    assert broken == []
    for plain, fragment in anchors:
        assert fragment in parse(fetch(plain)[1]).ids, f"no #{fragment} in {plain}"
    crawled = {urlsplit(u).path.removeprefix("/briefs/") for u in seen if u.endswith(".html")}
    assert crawled == html_pages(www / "briefs")  # every page is reachable from the home page
    assert len(anchors) > 0  # citations to sentences were among the links
    assert check_site(www / "briefs", "/briefs/") == []


def test_404_page_links_work_at_any_depth(server: str) -> None:
    status, body = fetch(f"{server}/briefs/404.html")
    assert status == 200
    deep = f"{server}/briefs/no/such/page.html"
    links = [urljoin(deep, href) for href in parse(body).links if not href.startswith("#")]
    assert links and all(fetch(urldefrag(link)[0])[0] == 200 for link in links)


def test_sitemap_lists_every_page_with_absolute_urls(www: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(www / "briefs" / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert sorted(locs) == sorted(BASE + page for page in html_pages(www / "briefs"))


def test_feed_is_atom_newest_first(www: Path) -> None:
    feed = feedparser.parse((www / "briefs" / "feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == "Tiny briefings"
    links = [e.link for e in feed.entries]
    assert links == [BASE + "tram-fares/index.html", BASE + "harbour-lights/index.html"]  # 2026-03-10, then 02-03
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for link in links:
        assert (www / "briefs" / link.removeprefix(BASE)).is_file()


def test_robots_names_the_sitemap(www: Path) -> None:
    robots = (www / "briefs" / "robots.txt").read_text()
    assert "User-agent: *" in robots and f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_relative_base_url_makes_no_sitemap_or_feed(tmp_path: Path) -> None:
    config = write_tiny_site(tmp_path, base_url="/briefs/")
    build(load_config(config, {"output_dir": str(tmp_path / "out")}))
    assert not (tmp_path / "out" / "sitemap.xml").exists() and not (tmp_path / "out" / "feed.xml").exists()
    assert "Sitemap" not in (tmp_path / "out" / "robots.txt").read_text()
    assert check_site(tmp_path / "out", "/briefs/") == []


def page(path: str, body: str) -> Page:
    return Page(path, f"<!doctype html><html><body>{body}</body></html>".encode())


def test_link_checker_finds_broken_links_and_anchors() -> None:
    pages = [
        page(
            "index.html",
            '<a href="a/index.html">a</a><a href="a/">a</a><a href="https://x.org/">x</a><a href="#top">t</a>',
        ),
        page("a/index.html", '<p id="s1">one</p><a href="sources/s.html#s2">ok</a><img src="../logo.svg">'),
        page("a/sources/s.html", '<span id="s2">two</span><a href="../index.html#s1">back</a><a href="#s2">self</a>'),
        Page("logo.svg", b"<svg/>"),
    ]
    broken = [*pages, page("b.html", '<a href="a/sources/s.html#s9">x</a>\n<a href="missing.html">y</a>')]
    assert [str(p) for p in check_pages(pages, "/")] == [
        "index.html:1: error: broken link '#top': no anchor #top in index.html"
    ]
    problems = check_pages(broken[1:], "/")
    assert [(p.path, p.line) for p in problems] == [("b.html", 1), ("b.html", 2)]
    assert "no anchor #s9" in problems[0].message and "no file missing.html" in problems[1].message


def test_link_checker_base_path_and_404_rules() -> None:
    pages = [
        page("index.html", '<a href="/briefs/a.html">in</a><a href="/a.html">out</a><a href="../up.html">up</a>'),
        page("a.html", "a"),
        page("404.html", '<a href="/briefs/index.html">ok</a><link href="style.css">'),
        Page("style.css", b""),
    ]
    messages = [p.message for p in check_pages(pages, "/briefs/")]
    assert messages == [
        "broken link '/a.html': outside the base path /briefs/",
        "broken link '../up.html': points above the site root",
        "broken link 'style.css': the 404 page is served at any depth, so its links must be absolute",
    ]


def test_strict_build_fails_on_a_broken_link_and_keeps_the_old_site(tmp_path: Path) -> None:
    config = write_tiny_site(tmp_path)
    out = tmp_path / "site"
    assert main(["build", "--config", str(config), "--strict"]) == 0
    before = (out / "index.html").read_bytes()
    theme = tmp_path / "themes" / "default" / "templates"
    theme.mkdir(parents=True)
    (theme / "index.html").write_text(
        '{% extends "!default/index.html" %}{% block main %}<a href="tram-fares/index.html#nowhere">x</a>{% endblock %}'
    )
    assert main(["build", "--config", str(config), "--strict"]) == 1
    assert (out / "index.html").read_bytes() == before
    assert main(["build", "--config", str(config)]) == 0  # without --strict links are not checked


def test_search_bundle_indexes_the_briefing_pages_only(www: Path) -> None:
    bundle = www / "briefs" / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    briefings = {p for p in html_pages(www / "briefs") if p.count("/") == 1 and p.endswith("/index.html")}
    assert entry["languages"]["en"]["page_count"] == len(briefings) == 2
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.en.pagefind").is_file()
    assert not list(bundle.glob("*ui*")) and not (bundle / "wasm.unknown.pagefind").exists()  # only what search.js uses


def test_link_checker_reads_tags_as_html_does() -> None:
    body = (
        '<!-- <a href="gone.html">commented out</a> -->\n'
        '<A TITLE="a > b" HREF="missing.html?x=1&amp;y=2">upper case, quoted &gt;</A>\n'
        "<script src='app.js'>document.write('<a href=\"inside-script.html\">')</script>\n"
        '<p ID="kept">x</p><a href=#kept>unquoted</a><img src="pic.png" alt=""/>'
    )
    pages = [page("index.html", body), Page("app.js", b"")]
    assert [(p.line, p.message) for p in check_pages(pages, "/")] == [
        (2, "broken link 'missing.html?x=1&y=2': no file missing.html"),
        (4, "broken link 'pic.png': no file pic.png"),
    ]
