"""Run spaCy once per article (batched) and turn each Doc into an Extraction."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefgenError, BuildError
from briefgen.models import Article, Extraction, Problem
from briefgen.nlp.dates import extract_dates
from briefgen.nlp.entities import extract_mentions
from briefgen.nlp.model import is_loaded, load_model, model_rules
from briefgen.nlp.numbers import extract_numbers
from briefgen.nlp.questions import extract_questions
from briefgen.nlp.quotes import extract_quotes
from briefgen.nlp.rules import REPLACED
from briefgen.nlp.sentmap import SentenceMap

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

BATCH_SIZE = 32  # docs per nlp.pipe batch; larger batches gain nothing on long news articles
CHUNK = 4  # articles per task sent to a worker: small, so workers finish together at the tail
POOL_MIN = 16  # fewer waiting articles than this run in this process: starting workers costs more

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def _terms(doc: Any, sentmap: SentenceMap, body: Sequence[bool]) -> tuple[tuple[str, ...] | None, ...]:
    """Per sentence, the lowercased lemmas of its content words (read from spaCy's arrays, not Tokens); None
    for a sentence that is not `body` text."""
    from spacy.parts_of_speech import IDS

    content = {IDS[pos] for pos in _CONTENT_POS}
    strings = doc.vocab.strings
    per: list[list[str]] = [[] for _ in body]
    for pos, stop, alpha, lemma, idx in doc.to_array(["POS", "IS_STOP", "IS_ALPHA", "LEMMA", "IDX"]).tolist():
        if pos in content and not stop and alpha and body[i := sentmap.at(idx)]:
            per[i].append(strings[lemma].lower())
    return tuple(tuple(t) if read else None for t, read in zip(per, body, strict=True))


def doc_to_extraction(article: Article, doc: Any) -> Extraction:
    """Turn one parsed Doc into plain data; the Doc itself goes no further.

    Page furniture (sentences parse flagged as boilerplate) is left out here, once: its terms are None and
    nothing found in it goes on, except a name with evidence of a person (a title, a `who` clause), which a
    caption that ran into the story may hold. The quote and question extractors skip furniture themselves.
    """
    sentmap = SentenceMap(article.sentences)
    body = [not s.boilerplate for s in article.sentences]
    return Extraction(
        source=article.id,
        mentions=tuple(m for m in extract_mentions(doc, sentmap) if body[m.sentence] or m.titled),
        quotes=extract_quotes(doc, article.text, sentmap),
        numbers=tuple(n for n in extract_numbers(doc, sentmap) if body[n.sentence]),
        questions=extract_questions(doc, article.sentences),
        terms=_terms(doc, sentmap, body),
        dates=tuple(d for d in extract_dates(doc, sentmap) if body[d.sentence]),
    )


def extract_articles(articles: Sequence[Article], model: str) -> Iterator[Extraction]:
    """Extract every article, in order, running the pipeline in batches in this process."""
    if not articles:
        return
    nlp = load_model(model)
    rules = model_rules(model)
    # Words first seen in these articles leave spaCy's vocab and string store at the end of the zone, so a
    # worker (or `serve`) does not grow with every article it has read; no Doc outlives it.
    with nlp.memory_zone():
        docs = nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE, disable=list(REPLACED) if rules else [])
        for article, doc in zip(articles, docs, strict=True):
            yield doc_to_extraction(article, rules(doc) if rules else doc)


def extract_chunk(model: str, articles: list[Article]) -> tuple[bool, list[Extraction] | list[Problem]]:
    """Worker side: extractions, or the problems of a failure (BriefgenError does not pickle)."""
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
