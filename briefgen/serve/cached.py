"""Pages rendered straight from the cached briefings, for `serve` to show a template edit at once."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from briefgen.briefings import parse_article
from briefgen.cache import BuildMemo, Cache
from briefgen.config import Config
from briefgen.keys import Keys
from briefgen.models import Briefing, Page, Problem
from briefgen.records import BriefingRecord


def render_cached(
    config: Config,
    paths: Collection[str],
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    memo: BuildMemo | None = None,
) -> list[Page]:
    """Render just the pages at these output paths from the cached briefings, writing nothing.

    Only event pages, source pages and the index are rendered, and only for events whose briefing is cached
    for the current content and code (an event that changed needs the full build and is left out).
    """
    from briefgen.build import cache_root
    from briefgen.load import event_folders, load_event
    from briefgen.render.index import PAGER_DIR
    from briefgen.render.site import index_pages, render_event
    from briefgen.render.summary import event_summary
    from briefgen.render.theme import make_environment, resolve_theme

    cache = Cache(cache_root(config, cache_dir) if use_cache else None, memo)
    content = config.content_path
    keys = Keys(config)
    env = make_environment(resolve_theme(config.theme, config.root), cache.root)
    ignored: list[Problem] = []  # the full build reports them
    slugs = {p.split("/", 1)[0] for p in paths if "/" in p}
    index = any(p == "index.html" or p.startswith(PAGER_DIR) for p in paths)
    pages: list[Page] = []
    briefings: list[Briefing] = []
    for folder, slug in event_folders(content, ignored):
        if not index and slug not in slugs:
            continue
        source = load_event(folder, content, ignored, slug)
        if not source.files:
            continue
        record = cache.get("briefing", keys.briefing(source), BriefingRecord)
        if record is None:
            index = False  # the index lists every event: it waits for the build
            continue
        briefings.append(record.briefing)
        if slug in slugs:
            articles = [a for f in source.files if (a := parse_article(cache, f, ignored)).sentences]
            pages += render_event(env, config, record.briefing, articles, paths).pages
    if index:
        summaries = [event_summary(b) for b in briefings]
        pages += [p for p in index_pages(env, config, summaries) if p.path in paths]
    return pages
