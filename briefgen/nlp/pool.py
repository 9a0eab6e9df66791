"""Where a build's articles are extracted: this process, or a pool of worker processes that load spaCy.

The build process imports only this module; the extractors (briefgen/nlp/extract.py) are imported where an
article is extracted, so the first worker starts loading spaCy sooner.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefgenError, BuildError
from briefgen.models import Article, Extraction, Problem
from briefgen.nlp.model import is_loaded, model_rules

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

CHUNK = 4  # articles per task sent to a worker: small, so workers finish together at the tail
POOL_MIN = 16  # fewer waiting articles than this run in this process: starting workers costs more


def extract_chunk(model: str, articles: list[Article]) -> tuple[bool, list[Extraction] | list[Problem]]:
    """Worker side: extractions, or the problems of a failure (BriefgenError does not pickle). The extractors
    are imported here, in the worker, so that a build sending articles away never imports them."""
    from briefgen.nlp.extract import extract_articles

    try:
        return True, list(extract_articles(articles, model))
    except BriefgenError as err:
        return False, list(err.problems)


def chunk_extractions(reply: tuple[bool, list[Extraction] | list[Problem]]) -> list[Extraction]:
    """Client side: the extractions of an `extract_chunk` reply, or its problems raised as a BuildError."""
    ok, payload = reply
    if not ok:
        raise BuildError([p for p in payload if isinstance(p, Problem)])
    return [e for e in payload if isinstance(e, Extraction)]


class Arrivals:
    """The extractions that came back, kept by ticket until the build asks for them; each one is passed to
    `on_result` (with its article) and counted in `on_done` as it arrives."""

    def __init__(
        self,
        on_done: Callable[[int], None] | None,
        on_result: Callable[[Article, Extraction], None] | None,
    ) -> None:
        self.on_done = on_done
        self.on_result = on_result
        self.count = 0
        self._results: dict[int, Extraction] = {}

    def __contains__(self, ticket: int) -> bool:
        return ticket in self._results

    def pop(self, ticket: int) -> Extraction:
        return self._results.pop(ticket)

    def add(self, chunk: list[tuple[int, Article]], extractions: list[Extraction]) -> None:
        for (ticket, article), extraction in zip(chunk, extractions, strict=True):
            self._results[ticket] = extraction
            if self.on_result is not None:
                self.on_result(article, extraction)
        self.count += len(extractions)
        if self.on_done is not None:
            self.on_done(len(extractions))


def _watch_parent(parent: int) -> None:
    """Worker side: exit once the build that started this worker is gone (killed with SIGKILL, say).

    A worker holds both ends of its task queue, so it never sees end-of-file when its parent dies.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _warm(model: str) -> None:
    """Worker side: load the model as soon as the worker starts, before any article arrives."""
    with contextlib.suppress(BriefgenError):  # reported by the first chunk that needs the model
        model_rules(model)


class Extractor:
    """Extracts the articles submitted to it, in this process or in worker processes (`executor: local`).

    Many articles (`expected`, an upper bound, or `POOL_MIN` waiting at once) go to `jobs` workers. A few go
    to one worker that starts loading the model at the first submit, while this process goes on with the rest
    of the build; with `keep_model` (a long-lived process) or `jobs == 1` they run here instead, and the model
    stays loaded for the next build. Workers end with the build. Nothing submitted, nothing started: spaCy is
    not even imported. Workers run spaCy and the extractors and send back plain Extractions, never Docs; each
    is passed to `on_result` (with its article) as it comes back, and counted in `on_done`.
    """

    def __init__(
        self,
        model: str,
        jobs: int,
        on_done: Callable[[int], None] | None = None,
        expected: int = 0,
        keep_model: bool = False,
        on_result: Callable[[Article, Extraction], None] | None = None,
    ) -> None:
        self.model = model
        self.jobs = max(1, jobs)
        self.expected = expected
        self.keep_model = keep_model
        self._chunk = CHUNK
        self._queue: list[tuple[int, Article]] = []
        self._arrivals = Arrivals(on_done, on_result)
        self._running: dict[Future[tuple[bool, list[Extraction] | list[Problem]]], list[tuple[int, Article]]] = {}
        self._pool: Executor | None = None
        self._next = 0

    @property
    def extracted(self) -> int:
        return self._arrivals.count

    def submit(self, article: Article) -> int:
        """Queue an article; returns the ticket to pass to `result`."""
        ticket = self._next
        self._next += 1
        self._queue.append((ticket, article))
        if self._pool is None and self.jobs > 1:
            self._maybe_start_pool()
        if self._pool is not None:
            while len(self._queue) >= self._chunk:
                self._dispatch(self._chunk)
            self._collect(block=False)
        return ticket

    def prestart(self) -> None:
        """When few articles are `expected`, start the one worker they need before they are known, so that it
        loads spaCy meanwhile (many start the full pool with the first of them, as they may all be cached)."""
        if self.expected >= POOL_MIN or self.keep_model or is_loaded(self.model):
            return
        if self._pool is None and self.jobs > 1:
            self._start_pool(1)

    def _maybe_start_pool(self) -> None:
        many = max(self.expected, len(self._queue)) >= POOL_MIN
        if not many and (self.keep_model or is_loaded(self.model)):
            return
        self._start_pool(self.jobs if many else 1)

    def _start_pool(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._chunk = CHUNK if workers > 1 else 1
        # spawn, not fork: workers load the model themselves and inherit no threads or locks from us.
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )
        for _ in range(workers):
            self._pool.submit(_warm, self.model)

    def result(self, ticket: int) -> Extraction:
        """The extraction of a submitted article, waiting for it if needed."""
        while ticket not in self._arrivals:
            if any(t == ticket for t, _ in self._queue):
                if self._pool is None:
                    self._run_here()
                else:
                    self._dispatch(len(self._queue))
            else:
                self._collect(block=True)
        return self._arrivals.pop(ticket)

    def close(self) -> None:
        """End the workers. Every result is in by now, so they are stopped rather than waited for: a worker
        may still be loading a model no article turned out to need, and tearing spaCy down takes 0.2 s."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        processes: dict[int, Any] = getattr(pool, "_processes", None) or {}  # by pid; no public handle
        for process in list(processes.values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def _run_here(self) -> None:
        from briefgen.nlp.extract import extract_articles

        tickets, articles = [t for t, _ in self._queue], [a for _, a in self._queue]
        self._queue = []
        for ticket, article, extraction in zip(tickets, articles, extract_articles(articles, self.model), strict=True):
            self._arrivals.add([(ticket, article)], [extraction])

    def _dispatch(self, count: int) -> None:
        assert self._pool is not None
        chunk, self._queue = self._queue[:count], self._queue[count:]
        self._running[self._pool.submit(extract_chunk, self.model, [a for _, a in chunk])] = chunk

    def _collect(self, block: bool) -> None:
        if not self._running:
            return
        from concurrent.futures import FIRST_COMPLETED, wait

        finished, _ = wait(self._running, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            chunk = self._running.pop(future)
            self._arrivals.add(chunk, chunk_extractions(future.result()))
