"""The resident NLP process (opt-in: `--daemon`, `nlp_daemon: true`): one process that keeps the model loaded
between builds, so a build with an edit or two skips loading it.

It serves extraction through the standard library's `multiprocessing.managers` (a server process that clients
reach over a socket, authenticated by a random key), so a build that uses it imports nothing heavy. It is started
detached by the first build that wants it and announced on stderr, listens on this machine only (an abstract
Unix socket on Linux, else 127.0.0.1), and exits after `nlp_daemon_minutes` without work; `briefgen daemon
stop` ends it at once. Its address, key and process id are
recorded in the cache folder (RECORD, readable by its owner only), with the model and the fingerprint of the
extraction code it runs: a build of other code or another model stops it and starts a new one.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from functools import partial
from multiprocessing import AuthenticationError
from multiprocessing.managers import BaseManager
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError
from briefgen.executors.cluster import absolute_model
from briefgen.executors.seam import ExtractorLike, Resident
from briefgen.models import Article, Extraction, Problem
from briefgen.nlp.pool import POOL_MIN, Arrivals, chunk_extractions, extract_chunk

RECORD = "nlp-resident.json"
LOG = "nlp-resident.log"
LOCK = "nlp-resident.lock"
PROGRAM = "briefgen.executors.resident"  # how its command line names it
START_TIMEOUT = 120.0  # seconds a build waits for a new resident process to load its model


class _Server(BaseManager):
    """The resident process's side: serves `nlp`, the one `_Service`."""


class _Client(BaseManager):
    """A build's side: reaches `nlp` by name."""


_Client.register("nlp")


class _Service:
    """Server side: extraction of a batch at a time (spaCy is not run by two threads at once)."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.last = time.monotonic()
        self._lock = threading.Lock()

    def extract(self, articles: list[Article]) -> tuple[bool, list[Extraction] | list[Problem]]:
        with self._lock:
            self.last = time.monotonic()
            try:
                return extract_chunk(self.model, articles)
            finally:
                self.last = time.monotonic()


def read_record(folder: Path) -> dict[str, Any] | None:
    """The record of the resident process started for this cache folder, if it is alive."""
    try:
        record: dict[str, Any] = json.loads((folder / RECORD).read_text())
    except (OSError, ValueError):
        return None
    return record if _alive(int(record.get("pid", 0))) else None


def _alive(pid: int) -> bool:
    """Whether `pid` is a resident NLP process (a recycled pid of another program is not)."""
    try:
        return PROGRAM.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _fits(record: dict[str, Any], model: str) -> bool:
    from briefgen.keys import extraction_code

    return record.get("model") == model and record.get("code") == extraction_code()


def stop(folder: Path) -> bool:
    """Stop the resident process of this cache folder, if one runs; returns whether one did."""
    record = read_record(folder)
    (folder / RECORD).unlink(missing_ok=True)
    if record is None:
        return False
    os.kill(int(record["pid"]), signal.SIGTERM)
    return True


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build at a time decides whether to start the resident process of a folder (so two never start two)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def launch(model: str, resident: Resident, wait: bool) -> dict[str, Any] | None:
    """Start the resident process, detached and announced on stderr; with `wait`, return its record once it has
    loaded the model (a BuildError pointing at its log if it does not)."""
    print(
        f"briefgen: starting a resident NLP process that keeps {model} loaded for the next builds; it stops after"
        f" {resident.minutes} idle minutes ('briefgen daemon stop' stops it now)",
        file=sys.stderr,
    )
    resident.folder.mkdir(parents=True, exist_ok=True)
    log = resident.folder / LOG
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", PROGRAM, model, str(resident.folder), str(resident.minutes)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            start_new_session=True,  # not in the build's process group: a Ctrl-C of the build leaves it be
        )
    deadline = time.monotonic() + START_TIMEOUT
    record = None
    while wait:
        record = read_record(resident.folder)
        if record is not None and record.get("pid") == server.pid:
            break
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise BuildError([Problem(str(log), "the resident NLP process did not start; its log says why")])
        time.sleep(0.05)
    server.returncode = 0  # detached on purpose: it outlives this build, which neither waits for it nor reaps it
    return record


def _connect(model: str, resident: Resident) -> Any:
    """The resident process's service, started first if none that fits runs."""
    with _locked(resident.folder):
        record = read_record(resident.folder)
        if record is not None and not _fits(record, model):
            stop(resident.folder)
            record = None
        if record is None:
            record = launch(model, resident, wait=True)
        assert record is not None
    try:
        address = record["address"]
        manager = _Client(
            address=address if isinstance(address, str) else tuple(address), authkey=bytes.fromhex(record["key"])
        )
        manager.connect()
        return manager.nlp()  # type: ignore[attr-defined]  # registered by name above
    except (OSError, EOFError, KeyError, TypeError, ValueError, AuthenticationError) as err:
        raise _gone(resident.folder, err) from err


def _gone(folder: Path, err: BaseException) -> BuildError:
    """A resident process that cannot be reached or answered no more: one line, and `daemon stop` to clear it."""
    reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return BuildError(
        [Problem(str(folder / RECORD), f"the resident NLP process failed ({reason}); 'briefgen daemon stop' clears it")]
    )


class _ResidentBatch:
    """Extraction on the resident process, in the background: it is reached at `prestart`, and each article goes
    as soon as it is submitted (those submitted while a call runs go together in the next), so the build parses,
    reconciles and renders other events meanwhile. The calls run on one thread, which owns the connection."""

    def __init__(
        self,
        connect: Callable[[], Any],
        folder: Path,
        on_done: Callable[[int], None] | None,
        on_result: Callable[[Article, Extraction], None] | None,
    ) -> None:
        self.connect = connect
        self.folder = folder
        self.expected = 0
        self._service: Any = None
        self._calls = ThreadPoolExecutor(1, thread_name_prefix="briefgen-resident")
        self._lock = threading.Lock()
        self._queue: list[tuple[int, Article]] = []
        self._sent: deque[Future[tuple[list[tuple[int, Article]], Any]]] = deque()
        self._arrivals = Arrivals(on_done, on_result)
        self._next = 0

    @property
    def extracted(self) -> int:
        return self._arrivals.count

    def prestart(self) -> None:
        if not self._sent:
            self._sent.append(self._calls.submit(self._call))

    def submit(self, article: Article) -> int:
        ticket = self._next
        self._next += 1
        with self._lock:
            self._queue.append((ticket, article))
        self._sent.append(self._calls.submit(self._call))
        return ticket

    def result(self, ticket: int) -> Extraction:
        while ticket not in self._arrivals:
            try:
                batch, reply = self._sent.popleft().result()
            except (OSError, EOFError) as err:  # it was stopped or killed meanwhile
                raise _gone(self.folder, err) from err
            if batch:
                self._arrivals.add(batch, chunk_extractions(reply))
        return self._arrivals.pop(ticket)

    def close(self) -> None:
        self._calls.shutdown(wait=True, cancel_futures=True)
        self._service = None

    def _call(self) -> tuple[list[tuple[int, Article]], Any]:
        """On the thread: connect the first time, then send whatever is queued (nothing: no call)."""
        if self._service is None:
            self._service = self.connect()
        with self._lock:
            batch, self._queue = self._queue, []
        return batch, self._service.extract([a for _, a in batch]) if batch else None


class ResidentExtractor:
    """Extraction for a build with `--daemon`. An edit or two (fewer than `POOL_MIN` expected when the first article
    is submitted) goes to the resident process, started first if none fits. More goes to this machine's pool, and
    the resident process is started (without waiting for it) when the build ends, so the next build finds the model
    loaded."""

    def __init__(
        self,
        model: str,
        resident: Resident,
        jobs: int,
        on_done: Callable[[int], None] | None,
        expected: int,
        on_result: Callable[[Article, Extraction], None] | None,
    ) -> None:
        self.model = absolute_model(model)
        self.resident = resident
        self.jobs = jobs
        self.on_done = on_done
        self.expected = expected
        self.on_result = on_result
        self._inner: ExtractorLike | None = None
        self._local = False

    @property
    def extracted(self) -> int:
        return self._inner.extracted if self._inner is not None else 0

    def prestart(self) -> None:
        if self.expected < POOL_MIN:  # an upper bound: the resident process it is, so reach it now
            self._chosen().prestart()

    def submit(self, article: Article) -> int:
        return self._chosen().submit(article)

    def result(self, ticket: int) -> Extraction:
        return self._chosen().result(ticket)

    def close(self) -> None:
        if self._inner is None:
            return
        self._inner.close()
        if self._local:
            with _locked(self.resident.folder):
                record = read_record(self.resident.folder)
                if record is None or not _fits(record, self.model):
                    if record is not None:
                        stop(self.resident.folder)
                    launch(self.model, self.resident, wait=False)

    def _chosen(self) -> ExtractorLike:
        if self._inner is None:
            if self.expected >= POOL_MIN:
                from briefgen.nlp.pool import Extractor

                self._local = True
                self._inner = Extractor(self.model, self.jobs, self.on_done, self.expected, False, self.on_result)
            else:
                connect = partial(_connect, self.model, self.resident)
                self._inner = _ResidentBatch(connect, self.resident.folder, self.on_done, self.on_result)
        return self._inner


def _serve(model: str, folder: Path, minutes: int) -> int:
    """The resident process: load the model, listen, record where, and exit after `minutes` without work."""
    from briefgen.errors import BriefgenError
    from briefgen.keys import extraction_code
    from briefgen.nlp.model import model_rules

    try:
        model_rules(model)
    except BriefgenError as err:
        print("\n".join(str(p) for p in err.problems), file=sys.stderr)
        return 1
    service = _Service(model)
    _Server.register("nlp", callable=lambda: service, exposed=["extract"])
    key = secrets.token_bytes(32)
    # Linux: an abstract Unix socket (no file to leave behind, and no TCP delayed-ACK stalls: 40 ms on each call)
    chosen = f"\0briefgen-nlp-{secrets.token_hex(8)}" if sys.platform == "linux" else ("127.0.0.1", 0)
    server = _Server(address=chosen, authkey=key).get_server()
    bound = server.address  # (host, port) on TCP; the abstract name, as bytes, on a Unix socket
    record = {
        "address": list(bound) if isinstance(bound, tuple) else chosen,
        "key": key.hex(),
        "pid": os.getpid(),
        "model": model,
        "code": extraction_code(),
        "minutes": minutes,
    }
    partial = folder / f"{RECORD}.{os.getpid()}"
    partial.write_text(json.dumps(record))
    partial.chmod(0o600)  # the key lets whoever reads it run extraction here
    partial.replace(folder / RECORD)
    threading.Thread(target=_idle_exit, args=(service, folder, minutes * 60.0), daemon=True).start()
    server.serve_forever()
    return 0


def where(record: dict[str, Any]) -> str:
    """The address of a record, for people: host:port, or the name of a local socket."""
    address = record["address"]
    return f"local socket {address.lstrip(chr(0))}" if isinstance(address, str) else "{}:{}".format(*address)


def _idle_exit(service: _Service, folder: Path, idle: float) -> None:
    """Exit the process once it has served nothing for `idle` seconds, removing its record if it is still its own."""
    while (left := service.last + idle - time.monotonic()) > 0:
        time.sleep(min(left, 30.0))
    with suppress(OSError, ValueError):
        if json.loads((folder / RECORD).read_text()).get("pid") == os.getpid():
            (folder / RECORD).unlink()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(_serve(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
