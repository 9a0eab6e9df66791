"""The resident NLP cluster (opt-in: `--daemon`, `nlp_daemon: true`): a local Dask scheduler and one worker that
keep the model loaded between builds, so a build with an edit or two skips loading it.

They are plain `dask scheduler` and `dask worker` processes, started detached by the first build that wants
them and announced on stderr. The scheduler closes after `nlp_daemon_minutes` without work (`--idle-timeout`)
and its worker follows it (`--death-timeout`); `briefgen daemon stop` ends them at once. Their address and
process ids are recorded in the cache folder (RECORD), with the model and the fingerprint of the extraction
code they run: a build of other code or another model stops them and starts new ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError
from briefgen.executors.cluster import Connection, DaskExtractor, absolute_model, connect_address
from briefgen.executors.seam import ExtractorLike, Resident
from briefgen.models import Article, Extraction, Problem
from briefgen.nlp.extract import POOL_MIN

RECORD = "nlp-cluster.json"
SCHEDULER_FILE = "nlp-scheduler.json"
LOG = "nlp-cluster.log"
START_TIMEOUT = 60.0  # seconds the launcher waits for its scheduler to write its address
WORKER_DEATH = "60s"  # a worker whose scheduler is gone this long exits


def read_record(folder: Path) -> dict[str, Any] | None:
    """The record of the cluster started for this cache folder, if one is alive."""
    try:
        record: dict[str, Any] = json.loads((folder / RECORD).read_text())
    except (OSError, ValueError):
        return None
    return record if _alive(int(record.get("scheduler_pid", 0)), "dask_scheduler") else None


def _alive(pid: int, program: str) -> bool:
    """Whether `pid` runs this Dask `program` (a recycled pid of another program does not)."""
    try:
        return program.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _fits(record: dict[str, Any], model: str) -> bool:
    from briefgen.keys import extraction_code

    return record.get("model") == model and record.get("code") == extraction_code()


def launch(model: str, resident: Resident, wait: bool) -> None:
    """Start the cluster in the background through a detached launcher, announced on stderr; with `wait`,
    return once its address is recorded."""
    minutes = resident.minutes
    print(
        f"briefgen: starting a resident NLP cluster (a local Dask scheduler and worker) that keeps {model} loaded"
        f" for the next builds; it stops after {minutes} idle minutes ('briefgen daemon stop' stops it now)",
        file=sys.stderr,
    )
    resident.folder.mkdir(parents=True, exist_ok=True)
    launcher = subprocess.Popen(
        [sys.executable, "-m", "briefgen.executors.resident", model, str(resident.folder), str(minutes)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if wait and launcher.wait() != 0:
        log = resident.folder / LOG
        raise BuildError([Problem(str(log), "the resident NLP cluster did not start; its log says why")])


def stop(folder: Path) -> bool:
    """Stop the cluster of this cache folder, if one runs; returns whether one did."""
    record = read_record(folder)
    (folder / RECORD).unlink(missing_ok=True)
    if record is None:
        return False
    import signal

    for key, program in (("worker_pid", "dask_worker"), ("scheduler_pid", "dask_scheduler")):  # the worker first
        pid = int(record.get(key, 0))
        if _alive(pid, program):
            os.kill(pid, signal.SIGTERM)
    return True


def _connect(model: str, resident: Resident) -> Connection:
    record = read_record(resident.folder)
    if record is not None and not _fits(record, model):
        stop(resident.folder)
        record = None
    if record is None:
        launch(model, resident, wait=True)
        record = read_record(resident.folder)
        if record is None:
            raise BuildError([Problem(str(resident.folder / LOG), "the resident NLP cluster exited at once")])
    return connect_address(str(record["address"]))


class ResidentExtractor:
    """Extraction for a build with `--daemon`. An edit or two (fewer than `POOL_MIN` expected when the first article
    is submitted) goes to the resident cluster, started first if none fits. More goes to this machine's pool,
    and the cluster is started (without waiting for it) when the build ends, so the next build finds the model
    loaded."""

    def __init__(
        self,
        model: str,
        resident: Resident,
        jobs: int,
        on_done: Callable[[int], None] | None,
        expected: int,
        on_result: Callable[[Article, Extraction], None] | None,
        note: Callable[[str], None] | None,
    ) -> None:
        self.model = absolute_model(model)
        self.resident = resident
        self.jobs = jobs
        self.on_done = on_done
        self.expected = expected
        self.on_result = on_result
        self.note = note
        self._inner: ExtractorLike | None = None
        self._local = False

    @property
    def extracted(self) -> int:
        return self._inner.extracted if self._inner is not None else 0

    def prestart(self) -> None:
        if self.expected < POOL_MIN:  # an upper bound: the resident cluster it is, so reach it now
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
            record = read_record(self.resident.folder)
            if record is None or not _fits(record, self.model):
                if record is not None:
                    stop(self.resident.folder)
                launch(self.model, self.resident, wait=False)

    def _chosen(self) -> ExtractorLike:
        if self._inner is None:
            if self.expected >= POOL_MIN:
                from briefgen.nlp.extract import Extractor

                self._local = True
                self._inner = Extractor(self.model, self.jobs, self.on_done, self.expected, False, self.on_result)
            else:
                where = "the resident NLP cluster"
                connect = partial(_connect, self.model, self.resident)
                self._inner = DaskExtractor(self.model, connect, where, self.on_done, self.on_result, self.note)
        return self._inner


def _run(model: str, folder: Path, minutes: int) -> int:
    """The launcher: start the scheduler, wait for its address, start the worker, write the record."""
    from briefgen.keys import extraction_code

    scheduler_file = folder / SCHEDULER_FILE
    scheduler_file.unlink(missing_ok=True)
    with (folder / LOG).open("w") as log:
        common: dict[str, Any] = {"stdin": subprocess.DEVNULL, "stdout": log, "stderr": log, "cwd": folder}
        scheduler = subprocess.Popen(
            [
                *(sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0"),
                *("--no-dashboard", "--idle-timeout", f"{max(1, minutes) * 60}s"),
                *("--scheduler-file", str(scheduler_file)),
            ],
            **common,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not scheduler_file.exists():
            if scheduler.poll() is not None or time.monotonic() > deadline:
                scheduler.kill()
                return 1
            time.sleep(0.05)
        time.sleep(0.05)  # the file is written in one go, but may be seen before it is flushed
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1"),
                *("--no-nanny", "--no-dashboard", "--death-timeout", WORKER_DEATH, "--name", "briefgen-nlp"),
                *("--preload", "briefgen.executors.preload"),
            ],
            env={**os.environ, "BRIEFGEN_NLP_MODEL": model, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"},
            **common,
        )
    record = {
        "address": address,
        "model": model,
        "code": extraction_code(),
        "minutes": minutes,
        "scheduler_pid": scheduler.pid,
        "worker_pid": worker.pid,
    }
    partial = folder / f"{RECORD}.{os.getpid()}"
    partial.write_text(json.dumps(record))
    partial.replace(folder / RECORD)
    return 0


if __name__ == "__main__":
    sys.exit(_run(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
