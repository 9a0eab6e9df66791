"""Extraction on a real Dask cluster: a `dask scheduler` and two `dask worker` processes on 127.0.0.1.

The site is the hand-written mixed-news one of test_no_process_left (courts, floods, sport, science), with
enough articles for several batches on each worker.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

from briefgen.build import build
from briefgen.cli import main
from briefgen.config import load_config
from briefgen.progress import Reporter
from tests.conftest import ROOT
from tests.test_no_process_left import _site

ARTICLES = 24  # six batches of four: both workers get several


def _dask(command: str) -> list[str]:
    """`dask scheduler` / `dask worker` of this interpreter's environment."""
    script = Path(sys.executable).parent / "dask"
    if script.exists():
        return [str(script), command]
    return [sys.executable, "-m", f"distributed.cli.dask_{command}"]


@dataclass
class Cluster:
    address: str
    workers: dict[str, int] = field(default_factory=dict)  # worker address -> pid


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A scheduler and two single-threaded workers on free ports, always torn down."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    scheduler_file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": tmp_path}
    processes = [
        subprocess.Popen(
            [
                *_dask("scheduler"),
                *("--host", "127.0.0.1", "--port", "0", "--no-dashboard"),
                "--scheduler-file",
                str(scheduler_file),
            ],
            **quiet,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        for i in range(2):
            processes.append(
                subprocess.Popen(
                    [
                        *_dask("worker"),
                        address,
                        *("--nthreads", "1", "--no-nanny", "--name", f"w{i}"),
                        *("--host", "127.0.0.1", "--no-dashboard"),
                    ],
                    **quiet,
                )
            )
        from distributed import Client

        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
            workers = client.run(os.getpid)
        yield Cluster(address, workers)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _briefings(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("briefing.json"))}


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built on this machine, in this process: the reference."""
    root = _site(tmp_path_factory.mktemp("local"), ARTICLES)
    build(load_config(root / "briefgen.yaml"), jobs=1, cache_dir=root / "cache")
    return root / "site"


class Killing(Reporter):
    """Kills a worker that has a batch running once the first extractions come back."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.killed: int | None = None
        self.busy = False  # whether the worker killed had a batch running
        self.extracted = 0

    def advance(self, count: int) -> None:
        self.extracted += count
        if self.killed is not None:
            return
        from distributed import Client

        with Client(self.cluster.address, timeout=10, set_as_default=False) as client:
            busy = [w for w, keys in client.processing().items() if keys]
        self.busy = bool(busy)
        victim = busy[0] if busy else next(iter(self.cluster.workers))
        self.killed = self.cluster.workers[victim]
        os.kill(self.killed, signal.SIGKILL)


@pytest.mark.slow
def test_a_site_built_on_a_cluster_matches_a_local_build(cluster: Cluster, local_site: Path, tmp_path: Path) -> None:
    root = _site(tmp_path, ARTICLES)
    config = load_config(root / "briefgen.yaml", {"executor": cluster.address})
    result = build(config, jobs=2, cache_dir=root / "cache")
    assert result.stats.extracted == ARTICLES
    assert _briefings(root / "site") == _briefings(local_site) != {}


@pytest.mark.slow
def test_a_worker_killed_mid_build_loses_nothing(cluster: Cluster, local_site: Path, tmp_path: Path) -> None:
    root = _site(tmp_path, ARTICLES)
    config = load_config(root / "briefgen.yaml", {"executor": cluster.address})
    reporter = Killing(cluster)
    result = build(config, jobs=2, cache_dir=root / "cache", reporter=reporter)
    assert reporter.killed is not None and reporter.busy
    from distributed import Client

    with Client(cluster.address, timeout=10, set_as_default=False) as client:
        assert len(client.scheduler_info()["workers"]) == 1  # the build went on with the other worker
    assert result.stats.extracted == ARTICLES  # each batch counted once, the re-run one included
    assert _briefings(root / "site") == _briefings(local_site) != {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_and_leaves_the_site(
    local_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site-root"
    shutil.copytree(local_site.parent, root)
    before = {p: p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()}
    article = root / "content" / "mixed-news" / "03-report.md"
    article.write_text(article.read_text() + "\nThe hearing resumes on Friday, the clerk said.\n")
    address = f"tcp://127.0.0.1:{_free_port()}"
    flags = ["-q", "--config", str(root / "briefgen.yaml"), "--cache-dir", str(root / "cache")]
    code = main(["build", *flags, "--executor", address])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and address in err[0] and "cannot reach the Dask scheduler" in err[0], err
    assert {p: p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()} == before


def _worker_settings(dask_worker: Any) -> dict[str, object]:
    """Worker side (`Client.run` passes the worker): what it allocates and checks by."""
    import dask.config

    return {
        "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        "threads": os.environ.get("OMP_NUM_THREADS"),
        "profile": dask.config.get("distributed.worker.profile.enabled"),
        "tick": dask.config.get("distributed.admin.tick.interval"),
        "memory_limit": dask_worker.memory_manager.memory_limit,
    }


@pytest.mark.slow
def test_a_local_cluster_extracts_like_the_pool_and_checks_itself_seldom(monkeypatch: pytest.MonkeyPatch) -> None:
    from dask.utils import parse_timedelta

    from briefgen.executors.cluster import start_local

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    client, end = start_local(2)
    try:
        settings = client.run(_worker_settings)
    finally:
        end()
    assert len(settings) == 2
    for each in settings.values():
        assert each["trim"] is None  # glibc's adaptive allocator, as in the pool's workers
        assert each["threads"] == "1"  # Dask's other pre-spawn settings hold
        assert each["profile"] is False
        assert parse_timedelta(each["tick"]) >= 1
        assert each["memory_limit"]  # the memory limit still holds
