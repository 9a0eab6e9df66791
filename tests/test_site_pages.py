"""The render result of an event (pages, search document, summary); the site-wide pages made from summaries only;
the index in pages of `index_page_size` events; the search index over every event. No spaCy."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import jinja2
import pytest

from briefgen.config import Config, load_config
from briefgen.errors import ConfigError
from briefgen.linkcheck import check_pages
from briefgen.models import EventInfo, EventSummary, Page
from briefgen.render.index import Pager, index_path
from briefgen.render.site import render_event, render_site, site_pages
from briefgen.render.summary import event_summary
from briefgen.render.theme import Theme, make_environment, resolve_theme
from briefgen.search import search_pages
from briefgen.serialise import dump_json, load_json
from tests import site_events

BASE = "https://example.org/briefs/"


@pytest.fixture
def theme(tmp_path: Path) -> Theme:
    return resolve_theme("default", tmp_path)


@pytest.fixture
def env(theme: Theme) -> jinja2.Environment:
    return make_environment(theme)


def config(**values: object) -> Config:
    return load_config(None, {"title": "News desk", **values})


def text(pages: list[Page], path: str) -> str:
    found = [p for p in pages if p.path == path]
    assert len(found) == 1, path
    return found[0].content.decode()


# --- the render result -----------------------------------------------------------------------------------


def test_the_search_document_is_a_field_of_the_render_result_not_a_page(env: jinja2.Environment) -> None:
    briefing = site_events.court()
    rendered = render_event(env, config(), briefing, [], search=True)
    assert [p.path for p in rendered.pages] == ["appeal-ruling/index.html", "appeal-ruling/briefing.json"]
    assert rendered.search is not None and rendered.search.path == "appeal-ruling/index.html"
    document = rendered.search.html.decode()
    assert "<main>" in document and "never tested" in document and "Mara Quist" in document
    assert 'class="cite-mark"' not in document  # plain text: the page itself carries the markers
    assert rendered.summary == event_summary(briefing)
    assert render_event(env, config(), briefing, [], search=False).search is None


def test_no_rendered_file_lies_under_a_hidden_path(env: jinja2.Environment, theme: Theme) -> None:
    events = {b.event.slug: (b, []) for b in site_events.briefings()}
    paths = [p.path for p in render_site(config(base_url=BASE, index_page_size=2), theme, events)]
    paths += [p.path for b in site_events.briefings() for p in render_event(env, config(), b, [], search=True).pages]
    assert paths and [p for p in paths if any(part.startswith(".") for part in p.split("/"))] == []


# --- summaries -------------------------------------------------------------------------------------------


def test_a_summary_holds_what_the_site_pages_show() -> None:
    flood = event_summary(site_events.flood())
    assert flood.event.slug == "valley-flood"
    assert flood.day == "2026-03-04"  # no event date: the newest source's
    assert flood.sources == ("herald", "herald-2", "radio")
    assert flood.outlets == ("Valley Herald", "North Radio")  # each outlet once, in source order
    assert flood.lead is not None and flood.lead.startswith("The river burst its banks")
    assert flood.conflicts == 1
    rates = event_summary(site_events.rates())
    assert rates.day == "2026-01-29" and rates.event.summary == "The bank kept its main rate at 3.5%."
    assert event_summary(site_events.cup_final()).outlets == ("Sport Desk",)  # a source without outlet adds none


def test_a_summary_is_small_and_goes_through_the_cache_codec() -> None:
    for briefing in site_events.briefings():
        summary = event_summary(briefing)
        assert load_json(EventSummary, dump_json(summary)) == summary
        assert len(dump_json(summary)) < len(dump_json(briefing))


def test_site_pages_need_only_summaries(env: jinja2.Environment, theme: Theme) -> None:
    """Summaries written by hand, with no briefing behind them, make the index, feed and sitemap."""
    strike = EventInfo("harbour-strike", "Dock workers strike for a second day")
    fire = EventInfo("lab-fire", "Fire closes a university lab", "2026-06-05", "A lab fire forced an evacuation.")
    summaries = [
        EventSummary(strike, "2026-06-02", ("a", "b"), ("Port News",), "Cranes stood idle as dockers walked out.", 2),
        EventSummary(fire, "2026-06-05", ("c",), ("Campus Post",), "Smoke filled the chemistry wing.", 0),
    ]
    pages = site_pages(env, config(base_url=BASE), theme, summaries)
    index = text(pages, "index.html")
    assert index.index("lab-fire/index.html") < index.index("harbour-strike/index.html")  # newest first
    assert "Cranes stood idle" in index and "2 sources" in index and "2 disagreements" in index
    assert "A lab fire forced an evacuation." in index and "Smoke filled" not in index  # the editor's summary wins
    assert 'datetime="2026-06-02"' in index  # an undated event shows its summary's day
    feed = text(pages, "feed.xml")
    assert re.findall(r"<id>(.*?)</id>", feed)[1:] == [f"{BASE}lab-fire/index.html", f"{BASE}harbour-strike/index.html"]
    assert "Cranes stood idle as dockers walked out. (2 sources)" in feed
    assert re.findall(r"<loc>(.*?)</loc>", text(pages, "sitemap.xml")) == [
        f"{BASE}{p}"
        for p in ("index.html", "harbour-strike/index.html", "harbour-strike/sources/a.html",
                  "harbour-strike/sources/b.html", "lab-fire/index.html", "lab-fire/sources/c.html")
    ]  # fmt: skip


def test_site_pages_from_summaries_are_those_of_the_whole_site(env: jinja2.Environment, theme: Theme) -> None:
    briefings = site_events.briefings()
    site = config(base_url=BASE)
    whole = {p.path: p.content for p in render_site(site, theme, {b.event.slug: (b, []) for b in briefings})}
    shared = site_pages(env, site, theme, [event_summary(b) for b in reversed(briefings)])  # any order
    assert {p.path for p in shared} == {"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt"} | set(
        theme.static_files()
    )
    assert all(whole[p.path] == p.content for p in shared)


# --- the index in pages ----------------------------------------------------------------------------------

SIZE = 3


def index_pages_of(pages: list[Page]) -> dict[str, str]:
    return {p.path: p.content.decode() for p in pages if p.path == "index.html" or p.path.startswith("page/")}


def listed(html: str) -> list[str]:
    return re.findall(r'<h2><a href="(?:\.\./)*([^"/]+)/index\.html">', html)


def rel_links(html: str) -> dict[str, str]:
    head = html.split("</head>")[0]
    return dict(re.findall(r'<link rel="(prev|next)" href="([^"]+)">', head))


@pytest.mark.parametrize(("events", "count"), [(0, 1), (1, 1), (SIZE, 1), (SIZE + 1, 2), (3 * SIZE, 3)])
def test_the_index_lists_every_event_once_in_pages_of_index_page_size(theme: Theme, events: int, count: int) -> None:
    briefings = site_events.dated(events)
    pages = render_site(config(index_page_size=SIZE), theme, {b.event.slug: (b, []) for b in briefings})
    index = index_pages_of(pages)
    real = [index_path(n) for n in range(1, count + 1)]
    assert set(index) == set(real) | ({"page/1/index.html"} if count > 1 else set())
    newest_first = [b.event.slug for b in reversed(briefings)]
    assert [slug for path in real for slug in listed(index[path])] == newest_first
    assert all(len(listed(index[path])) == SIZE for path in real[:-1])
    assert check_pages(pages, "/") == []  # every link between the pages resolves
    for n, path in enumerate(real, start=1):
        html, up = index[path], "../../" if n > 1 else ""
        want = {"prev": f"{up}{index_path(n - 1)}"} if n > 1 else {}
        want |= {"next": f"{up}{index_path(n + 1)}"} if n < count else {}
        assert rel_links(html) == want
        nav = re.findall(r'<a rel="(prev|next)" href="([^"]+)">', html)
        assert dict(nav) == want
        assert ('aria-current="page"' in html) == (count > 1)
        assert (f"<title>News desk · page {n} of {count}</title>" in html) == (n > 1)
        assert (f'start="{(n - 1) * SIZE + 1}"' in html) == (n > 1)  # list numbers run on across pages
    if count > 1:
        alias = index["page/1/index.html"]
        assert '<meta http-equiv="refresh" content="0; url=../../index.html">' in alias


@pytest.mark.parametrize("events", [0, 1, SIZE])
def test_a_site_that_fits_on_one_page_has_the_index_it_had(theme: Theme, events: int) -> None:
    site = {b.event.slug: (b, []) for b in site_events.dated(events)}
    paged = index_pages_of(render_site(config(index_page_size=SIZE), theme, site))
    unpaged = index_pages_of(render_site(config(index_page_size=1000), theme, site))
    assert list(paged) == ["index.html"] and paged == unpaged
    assert "<nav" not in paged["index.html"] and "start=" not in paged["index.html"]


def test_the_sitemap_lists_the_index_pages_but_not_the_alias(theme: Theme) -> None:
    site = {b.event.slug: (b, []) for b in site_events.dated(SIZE + 1)}
    sitemap = text(render_site(config(base_url=BASE, index_page_size=SIZE), theme, site), "sitemap.xml")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locs[:2] == [f"{BASE}index.html", f"{BASE}page/2/index.html"] and f"{BASE}page/1/index.html" not in locs


def test_pager_links_the_ends_and_the_neighbours_with_gaps() -> None:
    def numbers(pager: Pager) -> list[int | None]:
        return [link[0] if link else None for link in pager.links()]

    assert numbers(Pager(10, 20, 0)) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert numbers(Pager(1, 20, 0)) == [1, 2, 3, None, 20]
    assert numbers(Pager(5, 20, 0)) == [1, 2, 3, 4, 5, 6, 7, None, 20]  # one number left out is shown, not a gap
    assert numbers(Pager(2, 3, 0)) == [1, 2, 3]
    assert Pager(3, 3, 7).links()[-1] == (3, "page/3/index.html") and Pager(3, 3, 7).next is None


@pytest.mark.parametrize("value", [0, -5, "ten"])
def test_index_page_size_must_be_a_positive_whole_number(tmp_path: Path, value: object) -> None:
    path = tmp_path / "briefgen.yaml"
    path.write_text(f"title: Desk\nindex_page_size: {value}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert [(p.line, "'index_page_size'" in p.message) for p in info.value.problems] == [(2, True)]
    assert load_config(None).index_page_size == 50


# --- search ----------------------------------------------------------------------------------------------


def test_the_search_index_holds_every_event_as_its_page(env: jinja2.Environment) -> None:
    briefings = site_events.briefings()
    documents = [render_event(env, config(), b, [], search=True).search for b in briefings]
    bundle = search_pages([d for d in documents if d is not None], "en")
    entry = json.loads(next(p.content for p in bundle if p.path == "pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] == len(briefings)
    fragments = [
        json.loads(gzip.decompress(p.content).removeprefix(b"pagefind_dcd"))
        for p in bundle
        if p.path.startswith("pagefind/fragment/")
    ]
    by_url = {f["url"]: f for f in fragments}
    assert set(by_url) == {f"/{b.event.slug}/index.html" for b in briefings}
    assert "burst its banks" in by_url["/valley-flood/index.html"]["content"]
    assert by_url["/comet-probe/index.html"]["meta"]["title"] == "Probe sends first close images of a comet's core"
