"""Render through the cache: an event's pages, the site-wide pages and the search index, each rendered only
when what it reads changed (see briefgen/keys.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from briefgen.briefings import Briefed, Counts
from briefgen.cache import Cache, digest
from briefgen.config import Config
from briefgen.errors import BuildError
from briefgen.keys import Keys
from briefgen.models import Briefing, EventSource, Page, Problem
from briefgen.names import SEARCH_DOCS
from briefgen.progress import Reporter
from briefgen.records import BriefingRecord, read_pages, store_pages, stored_pages

if TYPE_CHECKING:
    import jinja2

    from briefgen.render.theme import Theme


class Renderer:
    """Renders pages, keeping them in the cache; Jinja and the theme load at the first page rendered."""

    def __init__(self, config: Config, cache: Cache, keys: Keys, counts: Counts, reporter: Reporter) -> None:
        self.config = config
        self.cache = cache
        self.keys = keys
        self.counts = counts
        self.reporter = reporter
        self.search_docs: dict[str, Page] = {}  # each event's search document, by path
        self._env: jinja2.Environment | None = None
        self._theme: Theme | None = None

    @property
    def theme(self) -> Theme:
        if self._theme is None:
            from briefgen.render.theme import resolve_theme

            self._theme = resolve_theme(self.config.theme, self.config.root)
        return self._theme

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            from briefgen.render.theme import make_environment

            self._env = make_environment(self.theme, self.cache.root)
        return self._env

    def cached_event(self, briefing_key: str) -> list[Page] | None:
        """An event's pages from the cache, if its briefing and the rendering did not change."""
        record = stored_pages(self.cache, "pages", self.keys.pages(briefing_key))
        if record is None:
            return None
        self.counts.reused += 1
        return self._site_only(read_pages(self.cache, record))

    def has_event(self, briefing_key: str) -> bool:
        return stored_pages(self.cache, "pages", self.keys.pages(briefing_key)) is not None

    def event(self, event: Briefed) -> list[Page]:
        """Render an event's pages and keep them."""
        from briefgen.render.site import render_event

        briefing = event.record.briefing
        pages = render_event(self.env, self.config, briefing, event.articles, search=self.config.search)
        store_pages(self.cache, "pages", self.keys.pages(event.key), pages)
        self.counts.rendered += 1
        return self._site_only(pages)

    def site(self, briefing_keys: Sequence[str], briefings: Sequence[Briefing]) -> list[Page]:
        """The pages that are not one event's (index, feeds, 404, static files), from the cache if possible."""
        key = self.keys.site(list(briefing_keys))
        record = stored_pages(self.cache, "site", key)
        if record is not None:
            return read_pages(self.cache, record)
        from briefgen.render.site import site_pages

        pages = site_pages(self.env, self.config, self.theme, briefings)
        store_pages(self.cache, "site", key, pages)
        return pages

    def search(self) -> list[Page]:
        """The search index of the events' search documents, from the cache unless one of them changed."""
        docs = [self.search_docs[path] for path in sorted(self.search_docs)]
        key = self.keys.search([f"{d.path}:{digest(d.content)}" for d in docs])
        record = stored_pages(self.cache, "search", key)
        if record is not None:
            return read_pages(self.cache, record)
        from briefgen.search import search_pages

        started = time.perf_counter()
        bundle = search_pages(docs, self.config.language)
        store_pages(self.cache, "search", key, bundle)
        self.reporter.detail(f"indexed {len(docs)} events for search in {time.perf_counter() - started:.2f}s")
        return bundle

    def _site_only(self, pages: list[Page]) -> list[Page]:
        """The pages to write; an event's search document is kept aside for the index."""
        for page in pages:
            if page.path.startswith(SEARCH_DOCS):
                self.search_docs[page.path] = page
        return [p for p in pages if not p.path.startswith(SEARCH_DOCS)]


class Site:
    """Every page of the site, streamed: unchanged events from the cache, the others as they are briefed."""

    def __init__(
        self,
        config: Config,
        cache: Cache,
        keys: Keys,
        events: list[tuple[EventSource, str]],
        counts: Counts,
        reporter: Reporter,
    ) -> None:
        self.config = config
        self.cache = cache
        self.events = events
        self.reporter = reporter
        self.renderer = Renderer(config, cache, keys, counts, reporter)
        self.fresh = [(s, key) for s, key in events if not self.renderer.has_event(key)]
        self.articles = sum(len(s.files) for s, _ in events)
        self.problems: list[Problem] = []  # what parsing and reconciling the events reported
        self.briefings: list[Briefing] = []

    def pages(self, briefed: Iterator[Briefed | None], load_problems: list[Problem], strict: bool) -> Iterator[Page]:
        """The pages to write. At the end of the stream (so before the output is swapped in) it fails on any
        problem or broken link under `strict`, and on errors when no event could be built."""
        pages = self._pages(briefed, load_problems, strict)
        if strict:
            from briefgen.linkcheck import checked

            pages = checked(pages, self.config.base_path)
        return pages

    def _pages(self, briefed: Iterator[Briefed | None], load_problems: list[Problem], strict: bool) -> Iterator[Page]:
        next(briefed)  # the first articles are queued for NLP: workers load the model while cached pages stream
        records: dict[str, BriefingRecord] = {}
        fresh = {key for _, key in self.fresh}
        for source, key in self.events:
            if key in fresh:
                continue
            record = self.cache.get("briefing", key, BriefingRecord)
            pages = self.renderer.cached_event(key) if record is not None else None
            if record is None or pages is None:
                raise BuildError([Problem(str(self.cache.root), "cache changed during the build; build again")])
            records[key] = record
            self.reporter.advance(len(source.files))
            yield from pages
        for event in briefed:
            assert event is not None
            records[event.key] = event.record
            yield from self.renderer.event(event)
        ordered = [records[key] for _, key in self.events]
        self.briefings = [r.briefing for r in ordered]
        self.problems = [p for r in ordered for p in r.problems]
        yield from self.renderer.site([key for _, key in self.events], self.briefings)
        if self.config.search:
            yield from self.renderer.search()
        failing = [p for p in (*load_problems, *self.problems) if strict or p.severity == "error"]
        if failing and (strict or not self.briefings):
            raise BuildError(failing)
