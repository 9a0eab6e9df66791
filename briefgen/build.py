"""build(): the one place that orders the pipeline.

load -> parse -> extract the misses -> reconcile -> render -> write, streamed event by event. Each step goes
through the cache under a key (briefgen/keys.py) that covers exactly what the step reads, so an unchanged
event is neither parsed, extracted, reconciled nor rendered again, and spaCy is imported only for an
article the cache misses.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.briefings import Briefings, BuildStats, Counts, LazyExtractor
from briefgen.cache import BuildMemo, Cache
from briefgen.config import Config
from briefgen.errors import BuildError
from briefgen.executors import Resident
from briefgen.keys import Keys, code_key, remember_imports
from briefgen.load import load_content
from briefgen.models import Problem
from briefgen.names import CACHE_DIR_NAME
from briefgen.pages import Site
from briefgen.progress import Reporter
from briefgen.write import output_problems, write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    events: int  # events built
    articles: int
    problems: tuple[Problem, ...]
    stats: BuildStats = field(default_factory=BuildStats)


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
    `daemon` (default: the config's `nlp_daemon`), a few articles go to a resident NLP process that
    outlives the build; without, no process is left. The config's `executor` says where extraction runs.
    """
    started = time.perf_counter()
    reporter = reporter or Reporter()
    if unsafe := output_problems(config.output_path, config.content_path, config.root):
        raise BuildError(unsafe)
    problems: list[Problem] = []
    cache = Cache(cache_root(config, cache_dir), memo) if use_cache else Cache(None, memo or BuildMemo())
    if cache.root:
        remember_imports(cache.root / "code")
    loaded = cache.root / "loaded" / f"{code_key('briefgen.load')[:32]}.json" if cache.root else None
    sources = [e for e in load_content(config.content_path, problems, loaded) if e.files]  # load
    if strict and problems:
        raise BuildError(problems)
    keys, counts = Keys(config), Counts()
    site = Site(config, cache, keys, [(source, keys.briefing(source)) for source in sources], counts, reporter)
    wanted = config.nlp_daemon if daemon is None else daemon
    resident = Resident(cache_root(config, cache_dir), config.nlp_daemon_minutes) if wanted else None
    keep = memo is not None  # a long-lived process keeps the model loaded in itself
    nlp = LazyExtractor(config.nlp_model, config.executor, jobs or default_jobs(), keep, resident, counts, reporter)
    reporter.start(site.articles)
    try:
        briefed = Briefings(cache, keys, nlp, counts, reporter.advance).stream(site.fresh)  # parse,
        pages = site.pages(briefed, problems, strict)  # extract the misses and reconcile as render asks
        write_site(pages, config.output_path, ledgers=cache.root / "written" if cache.root else None)  # write
    finally:
        nlp.close()
        reporter.close()
        if memo is not None:
            memo.prune()
    return BuildResult(site.built, site.articles, (*problems, *site.problems), counts.stats(started))
