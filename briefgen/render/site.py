"""Render every page of the site from the briefings and their articles."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import Any

import jinja2

from briefgen.config import Config
from briefgen.models import Article, Briefing, Page
from briefgen.names import SEARCH_DOCS
from briefgen.render.briefing_json import briefing_json
from briefgen.render.feeds import hosting_pages
from briefgen.render.theme import Theme, make_environment

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
) -> list[Page]:
    """An event's page, its briefing.json and a page per source; with `only`, just the pages at those paths.

    With `search`, also the event's search document (`search.html`), at its page's path under SEARCH_DOCS.
    """
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
    if search:
        pages.append(_page(env, "search.html", f"{SEARCH_DOCS}{slug}/index.html", site=config, briefing=briefing))
    return pages


def render_site(config: Config, theme: Theme, events: Mapping[str, EventBundle]) -> list[Page]:
    """All pages: index, per-event page, briefing.json, source pages, 404, sitemap/feed/robots and static assets."""
    env = make_environment(theme)
    pages = site_pages(env, config, theme, [b for b, _ in events.values()])
    for slug in sorted(events):
        briefing, articles = events[slug]
        pages.extend(render_event(env, config, briefing, articles))
    return pages


def site_pages(env: jinja2.Environment, config: Config, theme: Theme, briefings: Sequence[Briefing]) -> list[Page]:
    """The pages that are not one event's: index, 404 and static assets (build() caches them apart)."""
    pages = [
        index_page(env, config, briefings),
        _page(env, "404.html", "404.html", root=config.base_path, site=config),  # served at any depth
    ]
    pages.extend(hosting_pages(env, config, briefings))
    for rel, path in theme.static_files().items():
        pages.append(Page(rel, path.read_bytes()))
    return pages


def index_page(env: jinja2.Environment, config: Config, briefings: Sequence[Briefing]) -> Page:
    """The site's front page: every briefing, newest first."""
    ordered = sorted(briefings, key=lambda b: (b.event.date or "", b.event.slug), reverse=True)
    return _page(env, "index.html", "index.html", site=config, briefings=ordered)
