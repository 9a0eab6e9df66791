"""build(): the one place that orders the pipeline stages.

load -> parse -> nlp -> reconcile -> render -> write, streamed event by event and cached by content hash
(see briefgen/cache.py): an unchanged event is neither parsed, extracted, reconciled nor rendered again, an
article is extracted once per content, and a build that changes nothing writes nothing and never imports spaCy.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import deque
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from briefgen.cache import (
    EXTRACTION_VERSION,
    BuildMemo,
    Cache,
    code_fingerprint,
    digest,
    dumps,
    files_fingerprint,
    model_identity,
)
from briefgen.config import Config
from briefgen.errors import BuildError
from briefgen.executors import ExtractorLike, Resident
from briefgen.load import load_content
from briefgen.models import Article, Briefing, EventInfo, EventSource, Extraction, Page, Problem, SourceInfo
from briefgen.names import CACHE_DIR_NAME, SEARCH_DOCS
from briefgen.progress import Reporter
from briefgen.uptodate import scan_output
from briefgen.write import output_problems, write_site

if TYPE_CHECKING:
    import jinja2

    from briefgen.render.theme import Theme


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What a build did, for the summary line, `--verbose` and benchmarks."""

    extracted: int = 0  # articles run through spaCy
    cached: int = 0  # articles whose extraction came from the cache
    rendered: int = 0  # events rendered
    reused: int = 0  # events whose pages came from the cache unchanged
    written: bool = True  # False when the output was already up to date and left untouched
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BuildResult:
    briefings: Sequence[Briefing]
    articles: int
    problems: tuple[Problem, ...]
    stats: BuildStats = field(default_factory=BuildStats)


# --- cached records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BriefingRecord:
    """An event's briefing with the problems its articles raised while parsing."""

    briefing: Briefing
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class PagesRecord:
    """Rendered pages as (output path, sha256 of the content in the blob store)."""

    pages: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the last build wrote into an output dir: from which inputs, and how its files looked right after."""

    site_key: str  # covers every event's sources, the config, the theme and briefgen's code
    problems: tuple[Problem, ...]  # what parsing the events reported, replayed by builds that skip them
    files: tuple[tuple[str, int, int, int], ...]  # path, size, mtime_ns, inode


class _StoredBriefings(Sequence[Briefing]):
    """The briefings of a build that had nothing to do: read from the cache only if someone asks."""

    def __init__(self, cache: Cache, keys: list[str]) -> None:
        self._cache = cache
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> Briefing: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Briefing]: ...
    def __getitem__(self, index: int | slice) -> Briefing | Sequence[Briefing]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        record = self._cache.get("briefing", self._keys[index], BriefingRecord)
        if record is None:
            raise BuildError([Problem(str(self._cache.root), "cache lost a briefing record; run the build again")])
        return record.briefing


def default_jobs() -> int:
    """Worker processes for NLP: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cache_root(config: Config, cache_dir: Path | None = None) -> Path:
    """`--cache-dir`, else `.briefgen-cache/` beside the config file."""
    return (cache_dir or config.root / CACHE_DIR_NAME).resolve()


def build(
    config: Config,
    strict: bool = False,
    *,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    memo: BuildMemo | None = None,
    reporter: Reporter | None = None,
    daemon: bool | None = None,
) -> BuildResult:
    """Load, parse, extract, reconcile, render and write the whole site.

    Problems in single files are collected; the rest of the site still builds. With `strict`, any problem
    (warnings included) fails the build before the output is replaced. `jobs` worker processes run spaCy
    (default: the cores). Results are cached in `cache_dir` unless `use_cache` is false; a long-lived process
    passes the same `memo` to every call to keep results (and the loaded model) in memory as well. With
    `daemon` (default: the config's `nlp_daemon`), a build with an edit or two to extract sends it to the
    resident NLP cluster, started if needed, which outlives the build (`nlp_daemon_minutes`); without, no
    process is left.
    The config's `executor` says where extraction runs: see `briefgen.executors`.
    """
    cache = Cache(cache_root(config, cache_dir) if use_cache else None, memo)
    resident = config.nlp_daemon if daemon is None else daemon
    run = _Build(config, strict, jobs or default_jobs(), cache)
    run.executor = config.executor
    run.resident = Resident(cache_root(config, cache_dir), config.nlp_daemon_minutes) if resident else None
    run.reporter = reporter or Reporter()
    try:
        return run.run()
    finally:
        run.reporter.close()
        if run.extractor is not None:
            run.extractor.close()
        if memo is not None:
            memo.prune()


def render_only(
    config: Config,
    paths: Collection[str],
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    memo: BuildMemo | None = None,
) -> list[Page]:
    """Render just the pages at these output paths from the cached briefings, writing nothing.

    `serve` shows a template edit in the open pages this way before `build()` re-renders the site. Only event
    pages, source pages and the index are rendered, and only for events whose briefing is cached for the
    current content, config and code (an event that changed needs the full build and is left out).
    """
    cache = Cache(cache_root(config, cache_dir) if use_cache else None, memo)
    return _Build(config, False, 1, cache).render_only(paths)


@dataclass
class _Event:
    """One event in flight: its keys, and what the cache already had for it."""

    source: EventSource
    briefing_key: str
    pages_key: str
    briefing: BriefingRecord | None
    pages: PagesRecord | None


@dataclass
class _Pending:
    """An event whose articles are parsed and whose extractions are found or queued."""

    event: _Event
    articles: list[Article]
    items: list[Extraction | int]  # an extraction, or the Extractor ticket of one still running
    keys: list[str]
    problems: list[Problem]

    @property
    def waiting(self) -> int:
        """Articles still being extracted."""
        return sum(1 for x in self.items if isinstance(x, int))


class _Build:
    """The state of one build() call; the stages themselves stay pure functions in their modules."""

    def __init__(self, config: Config, strict: bool, jobs: int, cache: Cache) -> None:
        self.config = config
        self.strict = strict
        self.jobs = jobs
        self.cache = cache
        self.executor = "local"
        self.resident: Resident | None = None
        self.reporter = Reporter()
        self.extractor: ExtractorLike | None = None
        self.started = time.perf_counter()
        self.config_key = config.model_dump_json(
            exclude={"root", "content_dir", "output_dir", "nlp_daemon", "nlp_daemon_minutes", "executor"}
        )
        self.model_key = model_identity(config.nlp_model)
        self.extracted = self.cached = self.rendered = self.reused = 0
        self.search_docs: dict[str, Page] = {}  # what the search index is built from, by path
        self.expected = 0  # articles that may need NLP (in events without a cached briefing)
        self._env: jinja2.Environment | None = None
        self._theme: Theme | None = None
        self._theme_key: str | None = None
        self._templates_key: str | None = None

    # -- keys -------------------------------------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        if self._theme is None:
            from briefgen.render.theme import resolve_theme

            self._theme = resolve_theme(self.config.theme, self.config.root)
        return self._theme

    @property
    def theme_key(self) -> str:
        """Every file of the site's themes/ and of the shipped themes: a superset of what the theme reads,
        found without importing the renderer, and independent of where the site lies."""
        if self._theme_key is None:
            self._theme_key = self._themes_fingerprint("**/*")
        return self._theme_key

    @property
    def templates_key(self) -> str:
        """The themes' templates alone: all an event's pages are rendered from (a stylesheet edit re-renders none)."""
        if self._templates_key is None:
            self._templates_key = self._themes_fingerprint("*/templates/**/*")
        return self._templates_key

    def _themes_fingerprint(self, pattern: str) -> str:
        from importlib.resources import files

        parts = []
        for folder in (self.config.root / "themes", Path(str(files("briefgen.themes")))):
            found = [p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts]
            parts.append(files_fingerprint(found, folder))
        return digest(*parts)

    def briefing_key(self, event: EventSource) -> str:
        sources = [dumps(dataclasses.replace(f, text="")) for f in event.files]  # sha256 stands for the text
        return digest(
            "briefing", code_fingerprint(), self.model_key, str(EXTRACTION_VERSION), self.config_key, dumps(event.meta),
            event.slug, *sources,
        )  # fmt: skip

    def pages_key(self, briefing_key: str) -> str:
        return digest("pages", briefing_key, self.templates_key)

    def extraction_key(self, article: Article) -> str:
        content = dataclasses.replace(article, event="", path="", sha256="")  # what extraction may read
        return digest("extraction", code_fingerprint("nlp"), self.model_key, str(EXTRACTION_VERSION), dumps(content))

    # -- the pipeline -----------------------------------------------------------------------------------

    def run(self) -> BuildResult:
        unsafe_output = output_problems(self.config.output_path, self.config.content_path, self.config.root)
        if unsafe_output:
            raise BuildError(unsafe_output)
        load_problems: list[Problem] = []
        sources = [e for e in load_content(self.config.content_path, load_problems) if e.files]
        if self.strict and load_problems:
            raise BuildError(load_problems)
        total = sum(len(e.files) for e in sources)
        self.reporter.detail(f"loaded {len(sources)} events, {total} articles in {self._elapsed()}")
        self.reporter.start(total)
        keys = [self.briefing_key(e) for e in sources]
        site_key = digest("site", self.theme_key, self.config_key, code_fingerprint(), *keys)
        output = self.config.output_path
        manifest = self._manifest(output)
        if manifest is not None and manifest.site_key == site_key and manifest.files == scan_output(output):
            # Nothing changed since this output was written: read no record, write nothing.
            self.reporter.detail(f"{output} is up to date: nothing to do ({self._elapsed()})")
            self.reused = len(sources)
            self.reporter.advance(total)
            if self.strict:
                from briefgen.linkcheck import check_site

                if broken := check_site(output, self.config.base_path):
                    raise BuildError(broken)
            all_problems = [*load_problems, *manifest.problems]
            self._check(all_problems, bool(sources))
            return self._result(_StoredBriefings(self.cache, keys), total, all_problems, written=False)
        unbriefed = [e for e, k in zip(sources, keys, strict=True) if not self.cache.has("briefing", k)]
        self.expected = sum(len(e.files) for e in unbriefed)  # an upper bound, made exact once the cache is read
        if self.expected:  # for an edit or two, a worker loads spaCy while the cache is read
            self._extractor().prestart()
        events = [self._plan(e, k) for e, k in zip(sources, keys, strict=True)]
        self.reporter.detail(f"read the cache for {len(events)} events in {self._elapsed()}")
        site = self.cache.get("site", site_key, PagesRecord)
        briefings: dict[str, Briefing] = {}
        problems: dict[str, tuple[Problem, ...]] = {}
        pages = self._pages(events, site_key, site, briefings, problems, load_problems)
        if self.strict:
            from briefgen.linkcheck import checked

            pages = checked(pages, self.config.base_path)  # a broken link fails before the swap
        if self.config.search:
            pages = self._with_search(pages)
        write_site(pages, output)
        self.reporter.detail(
            f"extracted {self.extracted} articles, {self.cached} from the cache; rendered {self.rendered} events, "
            f"{self.reused} unchanged; site written in {self._elapsed()}"
        )
        event_problems = [p for e in events for p in problems.get(e.source.slug, ())]
        self._record_output(output, site_key, event_problems)
        all_problems = [*load_problems, *event_problems]
        self._check(all_problems, bool(briefings))
        ordered = tuple(briefings[e.source.slug] for e in events if e.source.slug in briefings)
        return self._result(ordered, total, all_problems, written=True)

    def render_only(self, paths: Collection[str]) -> list[Page]:
        from briefgen.load import event_folders, load_event
        from briefgen.parse import parse_source
        from briefgen.render.site import index_page, render_event

        content = self.config.content_path
        ignored: list[Problem] = []  # the full build reports them
        slugs = {p.split("/", 1)[0] for p in paths if "/" in p}
        index = "index.html" in paths
        pages: list[Page] = []
        briefings: list[Briefing] = []
        for folder, slug in event_folders(content, ignored):
            if not index and slug not in slugs:
                continue
            source = load_event(folder, content, ignored, slug)
            if not source.files:
                continue
            record = self.cache.get("briefing", self.briefing_key(source), BriefingRecord)
            if record is None:
                index = False  # the index lists every event: it waits for the build
                continue
            briefings.append(record.briefing)
            if slug in slugs:
                articles = [a for f in source.files if (a := self._parse(f, ignored, parse_source)).sentences]
                pages += render_event(self.env, self.config, record.briefing, articles, paths)
        if index:
            pages.append(index_page(self.env, self.config, briefings))
        return pages

    def _elapsed(self) -> str:
        return f"{time.perf_counter() - self.started:.2f}s"

    def _result(self, briefings: Sequence[Briefing], total: int, problems: list[Problem], written: bool) -> BuildResult:
        seconds = time.perf_counter() - self.started
        stats = BuildStats(self.extracted, self.cached, self.rendered, self.reused, written, seconds)
        return BuildResult(briefings, total, tuple(problems), stats)

    def _check(self, problems: Sequence[Problem], built: bool) -> None:
        """Fail on any problem under --strict, and on errors when no event could be built."""
        failing = [p for p in problems if self.strict or p.severity == "error"]
        if failing and (self.strict or not built):
            raise BuildError(failing)

    def _plan(self, source: EventSource, bkey: str) -> _Event:
        pkey = self.pages_key(bkey)
        return _Event(
            source,
            bkey,
            pkey,
            self.cache.get("briefing", bkey, BriefingRecord),
            self.cache.get("pages", pkey, PagesRecord),
        )

    def _pages(
        self,
        events: list[_Event],
        site_key: str,
        site: PagesRecord | None,
        briefings: dict[str, Briefing],
        problems: dict[str, tuple[Problem, ...]],
        load_problems: list[Problem],
    ) -> Iterator[Page]:
        """Every page of the site, streamed: cached events from the blob store, the others as they finish."""
        todo = [e for e in events if e.pages is None or e.briefing is None or not self._has_blobs(e.pages)]
        self.expected = sum(len(e.source.files) for e in todo if e.briefing is None)
        if self.extractor is not None:
            self.extractor.expected = self.expected
        briefed = self._briefed(todo)
        next(briefed)  # queue the first articles for NLP now: workers load the model while cached pages stream
        redo = {id(e) for e in todo}
        for event in events:
            if id(event) in redo:
                continue
            assert event.pages is not None and event.briefing is not None
            blobs = self._blobs(event.pages)
            if blobs is None:
                raise BuildError([Problem(str(self.cache.root), "cache changed during the build; build again")])
            briefings[event.source.slug] = event.briefing.briefing
            problems[event.source.slug] = event.briefing.problems
            self.reused += 1
            self.reporter.advance(len(event.source.files))
            yield from self._site_only(blobs)
        for item in briefed:
            assert item is not None
            event, articles, record = item
            briefings[event.source.slug] = record.briefing
            problems[event.source.slug] = record.problems
            yield from self._site_only(self._render_event(event, articles, record.briefing))
        site_blobs = self._blobs(site) if site is not None else None
        if site is None or site_blobs is None:
            from briefgen.render.site import site_pages

            ordered = [briefings[e.source.slug] for e in events]
            site_blobs = site_pages(self.env, self.config, self.theme, ordered)
            self._store("site", site_key, site_blobs)
        yield from site_blobs
        # Fail before write_site swaps the output in: it only does so once every page is consumed.
        self._check([*load_problems, *(p for e in events for p in problems.get(e.source.slug, ()))], bool(briefings))

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            from briefgen.render.theme import make_environment

            self._env = make_environment(self.theme, self.cache.root)
        return self._env

    def _render_event(self, event: _Event, articles: list[Article], briefing: Briefing) -> list[Page]:
        from briefgen.render.site import render_event

        pages = render_event(self.env, self.config, briefing, articles, search=self.config.search)
        self._store("pages", event.pages_key, pages)
        self.rendered += 1
        return pages

    def _site_only(self, pages: list[Page]) -> list[Page]:
        """The pages to write; an event's search document is kept aside for the index."""
        for page in pages:
            if page.path.startswith(SEARCH_DOCS):
                self.search_docs[page.path] = page
        return [p for p in pages if not p.path.startswith(SEARCH_DOCS)]

    def _store(self, kind: str, key: str, pages: list[Page]) -> PagesRecord:
        record = PagesRecord(tuple((p.path, self.cache.put_blob(p.content)) for p in pages))
        self.cache.put(kind, key, record)
        return record

    def _has_blobs(self, record: PagesRecord) -> bool:
        return all(self.cache.has_blob(sha) for _, sha in record.pages)

    def _blobs(self, record: PagesRecord) -> list[Page] | None:
        pages = []
        for path, sha in record.pages:
            data = self.cache.get_blob(sha)
            if data is None:
                return None
            pages.append(Page(path, data))
        return pages

    def _briefed(self, events: list[_Event]) -> Iterator[tuple[_Event, list[Article], BriefingRecord] | None]:
        """Parse, extract and reconcile events in order, keeping a bounded window of articles in flight.

        The window lets worker processes run ahead on later events while earlier ones are reconciled,
        and bounds memory: only the articles of the window are held, whatever the size of the site.
        The first item is None, yielded once the first window is queued and before waiting for anything.
        """
        from briefgen.nlp.extract import CHUNK, POOL_MIN

        window = max(POOL_MIN, self.jobs * CHUNK * 3)
        pending: deque[_Pending] = deque()
        running = 0
        rest = iter(events)
        for event in rest:
            pending.append(item := self._prepare(event))
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
            pending.append(item := self._prepare(following))
            running += item.waiting
        while pending:
            yield self._finish(pending.popleft())

    def _prepare(self, event: _Event) -> _Pending:
        """Parse an event's articles; find their extractions in the cache or queue them for spaCy."""
        from briefgen.parse import parse_source

        problems: list[Problem] = []
        parsed = [self._parse(f, problems, parse_source) for f in event.source.files]
        articles = [a for a in parsed if a.sentences]  # a page with no article text was reported and skipped
        if event.briefing is not None:  # only the pages are missing: no NLP, no reconcile
            return _Pending(event, articles, [], [], list(event.briefing.problems))
        keys = [self.extraction_key(a) for a in articles]
        items: list[Extraction | int] = []
        for article, key in zip(articles, keys, strict=True):
            found = self.cache.get("extraction", key, Extraction)
            if found is not None:
                self.cached += 1
                self.reporter.advance(1)
                items.append(found)
            else:
                items.append(self._extractor().submit(article))
        return _Pending(event, articles, items, keys, problems)

    def _parse(self, source: Any, problems: list[Problem], parse: Any) -> Article:
        """parse_source, remembered in the memo (a template edit in `serve` then re-renders without parsing)."""
        memo = self.cache.memo
        key = digest("article", code_fingerprint(), dumps(source))
        if memo is not None:
            found: tuple[Article, tuple[Problem, ...]] | None = memo.get("article", key)
            if found is not None:
                problems.extend(found[1])
                return found[0]
        mine: list[Problem] = []
        article: Article = parse(source, mine)
        problems.extend(mine)
        if memo is not None:
            memo.put("article", key, (article, tuple(mine)))
        return article

    def _extractor(self) -> ExtractorLike:
        if self.extractor is None:
            from briefgen.executors import make_extractor

            memo = self.cache.memo is not None
            self.extractor = make_extractor(
                self.config.nlp_model, self.executor, self.jobs, self._extracted, self.expected, memo,
                note=self.reporter.detail, resident=self.resident,
            )  # fmt: skip
        return self.extractor

    def _extracted(self, count: int) -> None:
        self.extracted += count
        self.reporter.advance(count)

    def _finish(self, item: _Pending) -> tuple[_Event, list[Article], BriefingRecord]:
        event = item.event
        if event.briefing is not None:
            return event, item.articles, event.briefing
        from briefgen.reconcile import reconcile

        extractions = []
        for x, key in zip(item.items, item.keys, strict=True):
            if isinstance(x, int):
                assert self.extractor is not None
                found = self.extractor.result(x)
                self.cache.put("extraction", key, found)
                extractions.append(found)
            else:
                extractions.append(x)
        try:
            briefing = reconcile(event.source.slug, event.source.meta, item.articles, extractions)
        except Exception as err:  # a bug met by odd input costs this event's items, never the whole site
            slug = event.source.slug
            failed = Problem(
                slug, f"internal error while reconciling, briefing left empty: {type(err).__name__}: {err}"
            )
            return event, item.articles, BriefingRecord(_bare_briefing(slug, item.articles), (*item.problems, failed))
        # editorial overrides that matched nothing come back as "path: message" lines on the briefing
        overrides = (
            Problem(path, message, severity="warning")
            for path, _, message in (line.partition(": ") for line in briefing.problems)
        )
        record = BriefingRecord(briefing, (*item.problems, *overrides))
        self.cache.put("briefing", event.briefing_key, record)
        return event, item.articles, record

    def _with_search(self, pages: Iterator[Page]) -> Iterator[Page]:
        """Pass the pages through, then the search index of the events' search documents: from the cache
        unless one of them changed."""
        yield from pages
        docs = [self.search_docs[path] for path in sorted(self.search_docs)]
        key = digest(
            "search", code_fingerprint(), self.config.language, *(f"{d.path}:{digest(d.content)}" for d in docs)
        )
        record = self.cache.get("search", key, PagesRecord)
        bundle = self._blobs(record) if record is not None else None
        if record is None or bundle is None:
            from briefgen.search import search_pages

            started = time.perf_counter()
            bundle = search_pages(docs, self.config.language)
            self._store("search", key, bundle)
            self.reporter.detail(f"indexed {len(docs)} events for search in {time.perf_counter() - started:.2f}s")
        yield from bundle

    # -- output -----------------------------------------------------------------------------------------

    def _manifest(self, output: Path) -> Manifest | None:
        if self.cache.root is None:
            return None
        return self.cache.get("manifest", digest("manifest", str(output.resolve())), Manifest)

    def _record_output(self, output: Path, site_key: str, problems: list[Problem]) -> None:
        manifest = Manifest(site_key, tuple(problems), scan_output(output))
        self.cache.put("manifest", digest("manifest", str(output.resolve())), manifest)


def _bare_briefing(slug: str, articles: Sequence[Article]) -> Briefing:
    """An event's briefing with its sources and no items, for when reconciling it failed."""
    sources = tuple(SourceInfo(a.id, a.path, a.title, a.outlet, a.url, a.published, a.author) for a in articles)
    return Briefing(event=EventInfo(slug=slug, title=slug), sources=sources)
