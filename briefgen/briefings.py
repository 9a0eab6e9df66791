"""Parse, extract the misses and reconcile: the events' briefings, streamed in order.

A bounded window of articles is in flight: worker processes run ahead on later events while earlier ones are
reconciled, and only the window's articles are held, whatever the size of the site.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.cache import Cache, digest
from briefgen.keys import Keys, code_key
from briefgen.models import Article, Briefing, EventInfo, EventSource, Extraction, Problem, SourceFile, SourceInfo
from briefgen.progress import Reporter
from briefgen.records import BriefingRecord
from briefgen.serialise import dump_json

if TYPE_CHECKING:
    from briefgen.executors import ExtractorLike, Resident


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What a build did, for the summary line, `--verbose` and benchmarks."""

    extracted: int = 0  # articles run through spaCy
    cached: int = 0  # articles whose extraction came from the cache
    reconciled: int = 0  # events reconciled
    rendered: int = 0  # events rendered
    reused: int = 0  # events whose pages came from the cache
    seconds: float = 0.0


@dataclass
class Counts:
    """What the steps have done so far."""

    extracted: int = 0
    cached: int = 0
    reconciled: int = 0
    rendered: int = 0
    reused: int = 0

    def stats(self, started: float) -> BuildStats:
        seconds = time.perf_counter() - started
        return BuildStats(self.extracted, self.cached, self.reconciled, self.rendered, self.reused, seconds)


class LazyExtractor:
    """The extractor of a build, made where `executor` says (briefgen.executors) at the first article the cache
    misses; each extraction is cached the moment it comes back, so an interrupted build resumes."""

    def __init__(
        self,
        model: str,
        executor: str,
        jobs: int,
        keep_model: bool,
        resident: Resident | None,
        counts: Counts,
        reporter: Reporter,
    ) -> None:
        self.model, self.executor, self.jobs, self.keep_model, self.resident = (
            model,
            executor,
            jobs,
            keep_model,
            resident,
        )
        self.counts = counts
        self.reporter = reporter
        self.expected = 0  # articles that may need NLP: an upper bound
        self.cache_result: Callable[[Article, Extraction], None] | None = None
        self._extractor: ExtractorLike | None = None

    def plan(self, expected: int) -> None:
        """Expect up to this many articles; a worker starts loading spaCy now if any may need it."""
        self.expected = expected
        if expected:
            self().prestart()

    @property
    def window(self) -> int:
        """Articles in flight at once: enough to keep every worker busy while earlier events reconcile."""
        from briefgen.nlp.pool import CHUNK, POOL_MIN

        return max(POOL_MIN, self.jobs * CHUNK * 3)

    def __call__(self) -> ExtractorLike:
        if self._extractor is None:
            from briefgen.executors import make_extractor

            self._extractor = make_extractor(
                self.model, self.executor, self.jobs, self._done, self.expected, self.keep_model,
                on_result=self.cache_result, note=self.reporter.detail, resident=self.resident,
            )  # fmt: skip
        return self._extractor

    def _done(self, count: int) -> None:
        self.counts.extracted += count
        self.reporter.advance(count)

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()


@dataclass(frozen=True, slots=True)
class Briefed:
    """An event with its parsed articles and its briefing."""

    source: EventSource
    key: str
    articles: list[Article]
    record: BriefingRecord


@dataclass
class _Pending:
    source: EventSource
    key: str
    articles: list[Article]
    record: BriefingRecord | None  # from the cache: no NLP, no reconcile
    items: list[Extraction | int] = field(default_factory=list)  # an extraction, or the ticket of one running
    problems: list[Problem] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return sum(1 for x in self.items if isinstance(x, int))


def parse_article(cache: Cache, source: SourceFile, problems: list[Problem]) -> Article:
    """parse_source, remembered in the memo of a long-lived process (`serve` re-renders without parsing)."""
    from briefgen.parse import parse_source

    memo = cache.memo
    key = digest("article", code_key("briefgen.parse"), dump_json(source))
    found: tuple[Article, tuple[Problem, ...]] | None = memo.get("article", key) if memo is not None else None
    if found is None:
        mine: list[Problem] = []
        found = parse_source(source, mine), tuple(mine)
        if memo is not None:
            memo.put("article", key, found)
    problems.extend(found[1])
    return found[0]


class Briefings:
    """Turns events into briefings through the cache, extracting only what it misses."""

    def __init__(
        self,
        cache: Cache,
        keys: Keys,
        extractor: LazyExtractor,
        counts: Counts,
        advance: Callable[[int], None],
    ) -> None:
        self.cache = cache
        self.keys = keys
        self.extractor = extractor  # started at the first article the cache misses
        self.counts = counts
        self.advance = advance  # progress: articles done
        self._waiting: dict[int, str] = {}  # id of an article submitted for NLP -> its extraction key
        extractor.cache_result = self._arrived

    def _arrived(self, article: Article, extraction: Extraction) -> None:
        """Cache an extraction as soon as it comes back."""
        self.cache.put("extraction", self._waiting.pop(id(article)), extraction)

    def stream(self, events: Sequence[tuple[EventSource, str]]) -> Iterator[Briefed | None]:
        """Each event's Briefed, in order. The first item is None, yielded once the first window is queued
        and before waiting for anything (workers load the model while the caller does other work)."""
        self.extractor.plan(sum(len(s.files) for s, key in events if not self.cache.has("briefing", key)))
        window = self.extractor.window
        pending: deque[_Pending] = deque()
        running = 0
        rest = iter(events)
        for source, key in rest:
            pending.append(item := self._prepare(source, key))
            running += item.waiting
            if running > window:
                break
        yield None
        while True:
            while pending and (running > window or not pending[0].waiting):
                done = pending.popleft()
                running -= done.waiting
                yield self._finish(done)
            following = next(rest, None)
            if following is None:
                break
            pending.append(item := self._prepare(*following))
            running += item.waiting
        while pending:
            yield self._finish(pending.popleft())

    def _prepare(self, source: EventSource, key: str) -> _Pending:
        """Parse an event's articles; find their extractions in the cache or queue them for spaCy."""
        problems: list[Problem] = []
        parsed = [parse_article(self.cache, f, problems) for f in source.files]
        articles = [a for a in parsed if a.sentences]  # a page with no article text was reported and skipped
        record = self.cache.get("briefing", key, BriefingRecord)
        if record is not None:
            return _Pending(source, key, articles, record)
        item = _Pending(source, key, articles, None, problems=problems)
        for article in articles:
            akey = self.keys.extraction(article)
            found = self.cache.get("extraction", akey, Extraction)
            if found is not None:
                self.counts.cached += 1
                self.advance(1)
                item.items.append(found)
            else:
                self._waiting[id(article)] = akey
                item.items.append(self.extractor().submit(article))
        return item

    def _finish(self, item: _Pending) -> Briefed:
        if item.record is not None:
            return Briefed(item.source, item.key, item.articles, item.record)
        extractions = []
        for x in item.items:
            extractions.append(self.extractor().result(x) if isinstance(x, int) else x)
        record = reconciled(item.source, item.articles, extractions, item.problems)
        self.counts.reconciled += 1
        self.cache.put("briefing", item.key, record)
        return Briefed(item.source, item.key, item.articles, record)


def reconciled(
    source: EventSource, articles: list[Article], extractions: list[Extraction], problems: Sequence[Problem]
) -> BriefingRecord:
    """Reconcile an event; a bug met by odd input costs this event's items, never the whole site."""
    from briefgen.reconcile import reconcile

    slug = source.slug
    try:
        briefing, overrides = reconcile(slug, source.meta, articles, extractions)
    except Exception as err:
        failed = Problem(slug, f"internal error while reconciling, briefing left empty: {type(err).__name__}: {err}")
        return BriefingRecord(_bare_briefing(slug, articles), (*problems, failed))
    return BriefingRecord(briefing, (*problems, *overrides))


def _bare_briefing(slug: str, articles: Sequence[Article]) -> Briefing:
    """An event's briefing with its sources and no items, for when reconciling it failed."""
    sources = tuple(SourceInfo(a.id, a.path, a.title, a.outlet, a.url, a.published, a.author) for a in articles)
    return Briefing(event=EventInfo(slug=slug, title=slug), sources=sources)
