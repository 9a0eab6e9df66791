"""Extraction on a Dask cluster: batches of articles go to the workers, plain Extractions come back.

Each worker process loads the model once (`load_model` is cached per process) and runs `extract_chunk`, the
same function as the local pool's workers. A worker that dies mid-batch has its batch re-run by Dask on
another; each batch's extractions are taken once, when its future completes, so none is lost or counted
twice. The workers need briefgen (the same extraction code as this client, which is checked) and the model
installed; they share no disk with the client, which alone reads and writes the cache.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from concurrent.futures import Future as ThreadFuture
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError
from briefgen.models import Article, Extraction, Problem
from briefgen.nlp.pool import CHUNK, Arrivals, chunk_extractions, extract_chunk

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before the build fails, writing nothing
WORKERS_TIMEOUT = 30.0  # seconds a reached scheduler has to show one worker

# The processes of a cluster briefgen starts for one build share the cores extraction needs. With Dask's defaults a
# cold build of 383 articles took 176 CPU-s against the pool's 148, and 1.25-1.35 x its time on two cores:
# - A nanny starts its worker with MALLOC_TRIM_THRESHOLD_=65536 (for workers that hold large arrays). Setting it
#   also turns off glibc's adaptive mmap threshold, so spaCy's large buffers are mapped and unmapped each time:
#   7x the page faults; the workers spent 132 CPU-s extracting where the pool's spend 120. Unset, they match.
# - A worker samples its task's stack every 10 ms for the dashboard's profile (10% of a cold build).
# - Every server (scheduler, nannies, workers) checks its event loop every 20 ms, samples its CPU and memory every
#   500 ms, and nannies and workers check memory limits every 100 ms: idle, 12% of a core (6.6% in the client's
#   process, which holds the scheduler and the nannies). With those every 1-2 s it is 2.6%; the dashboard's
#   plots update every 2 s, and the memory limits still hold. The build then takes 152 CPU-s.
QUIET = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
Connection = tuple[Any, Callable[[], None]]  # a distributed.Client, and what ends the connection


def start_local(jobs: int) -> Connection:
    """A LocalCluster of `jobs` single-threaded worker processes, ended with the connection."""
    import logging
    import os
    import signal

    import dask.config
    from distributed import Client, LocalCluster

    with dask.config.set(QUIET):  # the scheduler and nannies read it as they start, the workers get it from them
        cluster = LocalCluster(
            n_workers=max(1, jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    client = Client(cluster, set_as_default=False)
    pids = list(client.run(os.getpid).values())

    def close() -> None:
        # Every result is in: the workers are killed, not asked to wind down (2 s of closing handshakes).
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        client.close()
        cluster.close()

    return client, close


def connect_address(address: str, timeout: float = CONNECT_TIMEOUT) -> Connection:
    """A client of the scheduler at `address`; a BuildError naming it if it cannot be reached in `timeout`."""
    from distributed import Client

    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        problem = Problem(address, f"cannot reach the Dask scheduler within {timeout:.0f} s ({reason})")
        raise BuildError([problem]) from err
    return client, client.close


def extraction_code_here() -> str:
    """Worker side: the fingerprint of the extraction code this worker runs."""
    from briefgen.keys import extraction_code

    return extraction_code()


def warm(model: str) -> bool:
    """Worker side: load the model before the first batch arrives; failing is left to that batch to report."""
    from briefgen.errors import BriefgenError
    from briefgen.nlp.model import model_rules

    try:
        model_rules(model)
    except BriefgenError:
        return False
    return True


def absolute_model(model: str) -> str:
    """A model given as a folder, made absolute: a worker does not run in the build's folder."""
    return str(Path(model).resolve()) if Path(model).is_dir() else model


class DaskExtractor:
    """Sends submitted articles in batches of `CHUNK` to the workers of a Dask cluster reached by `connect`.

    The connection opens in the background at `prestart` (or the first `submit`), so reading the cache overlaps
    with starting or reaching the cluster; a scheduler that cannot be reached fails the first `result`, before
    the build has written anything. Every article goes to the cluster, however few: that is what was asked for.
    """

    def __init__(
        self,
        model: str,
        connect: Callable[[], Connection],
        where: str,
        on_done: Callable[[int], None] | None = None,
        on_result: Callable[[Article, Extraction], None] | None = None,
        note: Callable[[str], None] | None = None,
    ) -> None:
        self.model = absolute_model(model)
        self.connect = connect
        self.where = where
        self.note = note
        self.expected = 0  # every article goes to the cluster, however few
        self._queue: list[tuple[int, Article]] = []
        self._arrivals = Arrivals(on_done, on_result)
        self._running: dict[Any, list[tuple[int, Article]]] = {}
        self._opener: ThreadPoolExecutor | None = None
        self._opening: ThreadFuture[Connection] | None = None
        self._connection: Connection | None = None
        self._completed: Any = None  # a distributed.as_completed over the running batches
        self._warming: list[Any] = []
        self._opened = ""  # what `note` is told once connected
        self._next = 0

    @property
    def extracted(self) -> int:
        return self._arrivals.count

    def prestart(self) -> None:
        """Start connecting (or starting the local cluster) while the build reads its cache."""
        if self._opening is None:
            self._opener = ThreadPoolExecutor(1, thread_name_prefix="dask-connect")
            self._opening = self._opener.submit(self._open)

    def submit(self, article: Article) -> int:
        """Queue an article; returns the ticket to pass to `result`."""
        ticket = self._next
        self._next += 1
        self._queue.append((ticket, article))
        self.prestart()
        assert self._opening is not None
        if self._opening.done():
            while len(self._queue) >= CHUNK:
                self._dispatch(CHUNK)
            self._collect(block=False)
        return ticket

    def result(self, ticket: int) -> Extraction:
        """The extraction of a submitted article, waiting for it if needed."""
        while ticket not in self._arrivals:
            if any(t == ticket for t, _ in self._queue):
                self._client()
                while self._queue:
                    self._dispatch(CHUNK)
            else:
                self._collect(block=True)
        return self._arrivals.pop(ticket)

    def close(self) -> None:
        """Cancel what is still running and end the connection (and the local cluster, if this build started one)."""
        if self._opening is None:
            return
        opening, self._opening = self._opening, None
        assert self._opener is not None
        self._opener.shutdown(wait=True)
        if opening.exception() is not None:
            return
        client, end = opening.result()
        if self._running:
            client.cancel(list(self._running), force=True)
            self._running.clear()
        self._warming.clear()
        end()

    def _open(self) -> Connection:
        client, end = self.connect()
        try:
            self._check(client)
        except BaseException:
            end()
            raise
        return client, end

    def _check(self, client: Any) -> None:
        """Wait for a worker, check every worker runs this client's extraction code, start loading the model."""
        from briefgen.keys import extraction_code

        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError as err:
            raise BuildError([Problem(self.where, f"no Dask worker joined within {WORKERS_TIMEOUT:.0f} s")]) from err
        try:
            codes: dict[str, str] = client.run(extraction_code_here)
        except Exception as err:  # a worker without briefgen cannot even unpickle the function
            problem = Problem(self.where, f"a Dask worker cannot run briefgen: {type(err).__name__}: {err}")
            raise BuildError([problem]) from err
        mine = extraction_code()
        if other := sorted(w for w, code in codes.items() if code != mine):
            raise BuildError(
                [Problem(self.where, f"Dask worker {other[0]} runs other briefgen extraction code than this build")]
            )
        self._warming = [  # held: a future nobody holds is forgotten by the scheduler
            client.submit(warm, self.model, workers=[worker], allow_other_workers=False, pure=False) for worker in codes
        ]
        served = "dashboard" in client.scheduler_info().get("services", {})
        dashboard = f"dashboard {client.dashboard_link}" if served else "no dashboard"
        self._opened = f"extracting on {self.where}: {len(codes)} workers, {dashboard}"

    def _client(self) -> Any:
        self.prestart()
        assert self._opening is not None
        if self._connection is None:
            from distributed import as_completed

            self._connection = self._opening.result()
            self._completed = as_completed(loop=self._connection[0].loop)
            if self.note is not None:  # here, not in the connecting thread: the reporter is the build's
                self.note(self._opened)
        return self._connection[0]

    def _dispatch(self, count: int) -> None:
        client = self._client()
        chunk, self._queue = self._queue[:count], self._queue[count:]
        key = f"briefgen-extract-{uuid.uuid4().hex}"
        future = client.submit(extract_chunk, self.model, [a for _, a in chunk], key=key, pure=False, retries=0)
        self._running[future] = chunk
        self._completed.add(future)

    def _collect(self, block: bool) -> None:
        if not self._running:
            return
        finished = self._completed.next_batch(block=block)
        for future in finished:
            chunk = self._running.pop(future)
            try:
                reply = future.result()
            except Exception as err:
                problem = Problem(self.where, f"extraction failed on the cluster: {type(err).__name__}: {err}")
                raise BuildError([problem]) from err
            self._arrivals.add(chunk, chunk_extractions(reply))
