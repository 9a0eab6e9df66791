"""Render every page of the site: each event from its briefing and articles, the site-wide pages from the
events' summaries."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import Any

import jinja2

from briefgen.config import Config
from briefgen.models import Article, Briefing, EventSummary, Page, RenderedEvent, SearchDocument
from briefgen.render.briefing_json import briefing_json
from briefgen.render.feeds import hosting_pages
from briefgen.render.index import PAGER_DIR, paginate
from briefgen.render.summary import event_summary
from briefgen.render.theme import Theme, make_environment
from briefgen.search import shards

EventBundle = tuple[Briefing, Sequence[Article]]


def _page(env: jinja2.Environment, template: str, path: str, root: str | None = None, **context: Any) -> Page:
    root = "../" * path.count("/") if root is None else root
    html = env.get_template(template).render(root=root, page_path=path, **context)
    return Page(path, html.encode("utf-8"))


def render_event(
    env: jinja2.Environment,
    config: Config,
    briefing: Briefing,
    articles: Sequence[Article],
    only: Container[str] | None = None,
    search: bool = False,
) -> RenderedEvent:
    """An event's page, its briefing.json and a page per source (with `only`, just the pages at those paths),
    its summary for the site-wide pages and, with `search`, its search document (the theme's `search.html`)."""
    slug = briefing.event.slug
    numbering = {s.id: i + 1 for i, s in enumerate(briefing.sources)}
    pages = []
    if only is None or f"{slug}/index.html" in only:
        page = _page(env, "event.html", f"{slug}/index.html", site=config, briefing=briefing, numbering=numbering)
        pages.append(page)
    if only is None or f"{slug}/briefing.json" in only:
        pages.append(Page(f"{slug}/briefing.json", briefing_json(briefing)))
    for article in articles:
        if only is not None and f"{slug}/sources/{article.id}.html" not in only:
            continue
        pages.append(
            _page(
                env,
                "source.html",
                f"{slug}/sources/{article.id}.html",
                site=config,
                briefing=briefing,
                article=article,
                number=numbering[article.id],
            )
        )
    document = None
    if search:
        doc = _page(env, "search.html", f"{slug}/index.html", site=config, briefing=briefing)
        document = SearchDocument(doc.path, doc.content)
    return RenderedEvent(tuple(pages), document, event_summary(briefing))


def render_site(config: Config, theme: Theme, events: Mapping[str, EventBundle]) -> list[Page]:
    """All pages but the search index: index, per-event page, briefing.json, source pages, 404,
    sitemap/feed/robots and static assets."""
    env = make_environment(theme)
    rendered = [render_event(env, config, *events[slug]) for slug in sorted(events)]
    pages = site_pages(env, config, theme, [r.summary for r in rendered])
    for r in rendered:
        pages.extend(r.pages)
    return pages


def site_pages(env: jinja2.Environment, config: Config, theme: Theme, summaries: Sequence[EventSummary]) -> list[Page]:
    """The pages that are not one event's: the index's pages, 404, sitemap/feed/robots and static assets."""
    pages = index_pages(env, config, summaries)
    pages.append(_page(env, "404.html", "404.html", root=config.base_path, site=config))  # served at any depth
    pages.extend(hosting_pages(env, config, summaries))
    for rel, path in theme.static_files().items():
        pages.append(Page(rel, path.read_bytes()))
    return pages


def index_pages(env: jinja2.Environment, config: Config, summaries: Sequence[EventSummary]) -> list[Page]:
    """The site's front page, newest events first, in pages of `index_page_size` events; with more than one
    page, page/1/index.html leads to the first. The search box there reads the search index's bundles."""
    bundles = list(shards(f"{s.event.slug}/index.html" for s in summaries)) if config.search else []
    pages = [
        _page(env, "index.html", pager.path, site=config, events=events, pager=pager, search_bundles=bundles)
        for pager, events in paginate(summaries, config.index_page_size)
    ]
    if len(pages) > 1:
        pages.append(_page(env, "alias.html", f"{PAGER_DIR}1/index.html", site=config, target="index.html"))
    return pages
