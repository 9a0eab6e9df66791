"""Pages for hosts and crawlers: sitemap.xml, an Atom feed of briefings and robots.txt.

Sitemaps and feeds need absolute URLs, so they are made only when `base_url` names a
host (https://host/sub/); robots.txt is always made and names the sitemap when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import jinja2

from briefgen.config import Config
from briefgen.models import Briefing, Page

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EPOCH = "1970-01-01T00:00:00Z"  # Atom requires a date; undated briefings get a fixed one, not the build time


@dataclass(frozen=True, slots=True)
class FeedEntry:
    briefing: Briefing
    url: str
    updated: str  # RFC 3339


def absolute_base(config: Config) -> str | None:
    """`base_url` with a trailing slash when it names a scheme and host, else None."""
    parts = urlsplit(config.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return config.base_url if config.base_url.endswith("/") else config.base_url + "/"


def briefing_day(briefing: Briefing) -> str | None:
    """The event date, else the newest publication date among its sources (YYYY-MM-DD)."""
    if briefing.event.date and _DAY.match(briefing.event.date):
        return briefing.event.date
    days = sorted(s.published for s in briefing.sources if s.published and _DAY.match(s.published))
    return days[-1] if days else None


def feed_entries(briefings: Sequence[Briefing], base: str) -> list[FeedEntry]:
    """One entry per briefing, newest first (undated last)."""
    entries = []
    for b in briefings:
        day = briefing_day(b)
        entries.append(FeedEntry(b, f"{base}{quote(b.event.slug)}/index.html", f"{day}T00:00:00Z" if day else _EPOCH))
    return sorted(entries, key=lambda e: (e.updated, e.briefing.event.slug), reverse=True)


def page_paths(briefings: Sequence[Briefing]) -> list[str]:
    """Every HTML page the site has for these briefings, but the 404 page."""
    paths = ["index.html"]
    for b in sorted(briefings, key=lambda b: b.event.slug):
        paths.append(f"{b.event.slug}/index.html")
        paths.extend(f"{b.event.slug}/sources/{s.id}.html" for s in b.sources)
    return paths


def hosting_pages(env: jinja2.Environment, config: Config, briefings: Sequence[Briefing]) -> list[Page]:
    """robots.txt always; sitemap.xml and feed.xml when the base URL is absolute."""
    base = absolute_base(config)
    pages = []
    if base is not None:
        urls = [f"{base}{quote(p)}" for p in page_paths(briefings)]
        pages.append(_render(env, "sitemap.xml", site=config, urls=urls))
        entries = feed_entries(briefings, base)
        updated = max((e.updated for e in entries), default=_EPOCH)
        pages.append(_render(env, "feed.xml", site=config, base=base, entries=entries, updated=updated))
    sitemap = f"{base}sitemap.xml" if base is not None else None
    pages.append(_render(env, "robots.txt", site=config, sitemap=sitemap))
    return pages


def _render(env: jinja2.Environment, name: str, **context: object) -> Page:
    return Page(name, env.get_template(name).render(**context).encode("utf-8"))
