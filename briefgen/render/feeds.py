"""Pages for hosts and crawlers: sitemap.xml, an Atom feed of briefings and robots.txt.

Sitemaps and feeds need absolute URLs, so they are made only when `base_url` names a
host (https://host/sub/); robots.txt is always made and names the sitemap when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import jinja2

from briefgen.config import Config
from briefgen.models import EventSummary, Page
from briefgen.render.index import index_path, page_count

_EPOCH = "1970-01-01T00:00:00Z"  # Atom requires a date; undated briefings get a fixed one, not the build time


@dataclass(frozen=True, slots=True)
class FeedEntry:
    summary: EventSummary
    url: str
    updated: str  # RFC 3339


def absolute_base(config: Config) -> str | None:
    """`base_url` with a trailing slash when it names a scheme and host, else None."""
    parts = urlsplit(config.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return config.base_url if config.base_url.endswith("/") else config.base_url + "/"


def feed_entries(summaries: Sequence[EventSummary], base: str) -> list[FeedEntry]:
    """One entry per event, newest first (undated last)."""
    entries = []
    for s in summaries:
        updated = f"{s.day}T00:00:00Z" if s.day else _EPOCH
        entries.append(FeedEntry(s, f"{base}{quote(s.event.slug)}/index.html", updated))
    return sorted(entries, key=lambda e: (e.updated, e.summary.event.slug), reverse=True)


def page_paths(summaries: Sequence[EventSummary], index_pages: int = 1) -> list[str]:
    """Every HTML page the site has for these events, but the 404 page and the index's alias of its first page."""
    paths = [index_path(n) for n in range(1, index_pages + 1)]
    for s in sorted(summaries, key=lambda s: s.event.slug):
        paths.append(f"{s.event.slug}/index.html")
        paths.extend(f"{s.event.slug}/sources/{source}.html" for source in s.sources)
    return paths


def hosting_pages(env: jinja2.Environment, config: Config, summaries: Sequence[EventSummary]) -> list[Page]:
    """robots.txt always; sitemap.xml and feed.xml when the base URL is absolute."""
    base = absolute_base(config)
    pages = []
    if base is not None:
        paths = page_paths(summaries, page_count(len(summaries), config.index_page_size))
        urls = [f"{base}{quote(p)}" for p in paths]
        pages.append(_render(env, "sitemap.xml", site=config, urls=urls))
        entries = feed_entries(summaries, base)
        updated = max((e.updated for e in entries), default=_EPOCH)
        pages.append(_render(env, "feed.xml", site=config, base=base, entries=entries, updated=updated))
    sitemap = f"{base}sitemap.xml" if base is not None else None
    pages.append(_render(env, "robots.txt", site=config, sitemap=sitemap))
    return pages


def _render(env: jinja2.Environment, name: str, **context: object) -> Page:
    return Page(name, env.get_template(name).render(**context).encode("utf-8"))
