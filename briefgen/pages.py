"""Render through the cache: each event's pages, the site-wide pages and the search index, each rendered only
when what it reads changed (briefgen/keys.py). An unchanged event is read back as its EventRecord alone, its
pages as references to the blob store that the writer reads only if it must."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefgen.briefings import Briefed, Counts
from briefgen.cache import Cache
from briefgen.config import Config
from briefgen.errors import BuildError
from briefgen.keys import Keys
from briefgen.models import EventSource, EventSummary, Page, Problem, SearchDocument
from briefgen.progress import Reporter
from briefgen.records import EventRecord, PagesRecord, SitePage, read_pages, store_pages, stored, stored_pages
from briefgen.serialise import dump_json

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

    def stored_event(self, briefing_key: str) -> EventRecord | None:
        """An event as last rendered, if neither its briefing nor what its pages read changed since."""
        return stored(self.cache, "event", self.keys.pages(briefing_key), EventRecord)

    def event(self, event: Briefed) -> tuple[list[Page], EventRecord]:
        """Render an event's pages and keep them with its search document, summary and problems."""
        from briefgen.render.site import render_event
        from briefgen.render.summary import event_summary

        briefing = event.record.briefing
        rendered = render_event(self.env, self.config, briefing, event.articles, search=self.config.search)
        search = rendered.search
        record = EventRecord(
            tuple((p.path, self.cache.put_blob(p.content)) for p in rendered.pages),
            (search.path, self.cache.put_blob(search.html)) if search is not None else None,
            event_summary(briefing),
            event.record.problems,
        )
        self.cache.put("event", self.keys.pages(event.key), record)
        self.counts.rendered += 1
        return list(rendered.pages), record

    def site(self, summaries: list[EventSummary]) -> list[SitePage]:
        """The pages that are not one event's (index, feeds, 404, static files), from the cache if possible."""
        key = self.keys.site([dump_json(s).decode() for s in summaries])
        record = stored(self.cache, "site", key, PagesRecord)
        if record is not None:
            return list(stored_pages(self.cache, record.pages))
        from briefgen.render.site import site_pages

        pages = site_pages(self.env, self.config, self.theme, summaries)
        store_pages(self.cache, "site", key, pages)
        return list(pages)

    def search(self, documents: list[tuple[str, str]]) -> Iterator[SitePage]:
        """The search index of the events' search documents (path, sha256): a bundle per shard of events, each
        from the cache unless one of its documents changed."""
        from briefgen.search import shards

        shas = dict(documents)
        for i, (bundle, paths) in enumerate(shards(shas).items()):
            yield from self._search_bundle(bundle, i == 0, [(path, shas[path]) for path in paths])

    def _search_bundle(self, bundle: str, first: bool, documents: list[tuple[str, str]]) -> list[SitePage]:
        key = self.keys.search(bundle, first, [f"{path}:{sha}" for path, sha in documents])
        record = stored(self.cache, "search", key, PagesRecord)
        if record is not None:
            return list(stored_pages(self.cache, record.pages))
        from briefgen.search import search_pages

        started = time.perf_counter()
        docs = [SearchDocument(p.path, p.content) for p in read_pages(self.cache, documents)]
        pages = search_pages(docs, self.config.language, bundle, first)
        store_pages(self.cache, "search", key, pages)
        self.reporter.detail(
            f"indexed {len(docs)} events for search in {time.perf_counter() - started:.2f}s ({bundle}/)"
        )
        return list(pages)


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
        self.events = events
        self.counts = counts
        self.reporter = reporter
        self.renderer = Renderer(config, cache, keys, counts, reporter)
        self.stored = {key: r for _, key in events if (r := self.renderer.stored_event(key)) is not None}
        self.fresh = [(s, key) for s, key in events if key not in self.stored]
        self.articles = sum(len(s.files) for s, _ in events)
        self.problems: list[Problem] = []  # what parsing and reconciling the events reported
        self.built = 0  # events built

    def pages(
        self, briefed: Iterator[Briefed | None], load_problems: list[Problem], strict: bool
    ) -> Iterator[SitePage]:
        """The pages to write. At the end of the stream (so before the output is swapped in) it fails on any
        problem or broken link under `strict`, and on errors when no event could be built."""
        pages = self._pages(briefed, load_problems, strict)
        if strict:
            from briefgen.linkcheck import checked

            pages = checked(pages, self.config.base_path)
        return pages

    def _pages(
        self, briefed: Iterator[Briefed | None], load_problems: list[Problem], strict: bool
    ) -> Iterator[SitePage]:
        next(briefed)  # the first articles are queued for NLP: workers load the model while cached pages stream
        records = dict(self.stored)
        for source, key in self.events:
            if key in self.stored:
                self.counts.reused += 1
                self.reporter.advance(len(source.files))
                yield from stored_pages(self.renderer.cache, self.stored[key].pages)
        for event in briefed:
            assert event is not None
            pages, records[event.key] = self.renderer.event(event)
            yield from pages
        ordered = [records[key] for _, key in self.events]
        self.built = len(ordered)
        self.problems = [p for r in ordered for p in r.problems]
        yield from self.renderer.site([r.summary for r in ordered])
        if self.config.search:
            yield from self.renderer.search([r.search for r in ordered if r.search is not None])
        failing = [p for p in (*load_problems, *self.problems) if strict or p.severity == "error"]
        if failing and (strict or not ordered):
            raise BuildError(failing)
