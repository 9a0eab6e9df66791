"""A `briefgen build` leaves no process behind unless asked to (`--daemon`, `nlp_daemon: true`).

Each build runs as a subprocess with a mark in its environment, which every process it starts inherits
(worker pool, resident NLP process, however detached): what still carries the mark after the build has outlived it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.cli import _build_options, make_parser
from briefgen.nlp.pool import POOL_MIN
from tests.conftest import ROOT

PARAGRAPHS = [
    "The appeals court upheld the ruling on {n} March, the judge said. Lawyers for the company said they would"
    " appeal again.",
    "Floodwater rose {n} centimetres overnight in the valley, officials said. About {n}0 homes were evacuated.",
    "The club signed the midfielder for {n} million euros, its chairman said on Tuesday.",
    "Researchers said the probe returned {n} samples from the comet. The mission cost {n}00 million dollars.",
]


def _site(root: Path, articles: int) -> Path:
    event = root / "content" / "mixed-news"
    event.mkdir(parents=True)
    for i in range(articles):
        text = " ".join(p.format(n=i + k + 2) for k, p in enumerate(PARAGRAPHS))
        (event / f"{i:02d}-report.md").write_text(f"# Report {i}\n\n{text}\n", encoding="utf-8")
    (root / "briefgen.yaml").write_text("title: Test briefings\nsearch: false\n")
    return root


def _marked(mark: str) -> dict[int, str]:
    """The live processes carrying `mark` in their environment, with their command lines."""
    needle = f"BRIEFGEN_TEST_MARK={mark}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or not ours
            continue
    return found


def _left_after(mark: str, seconds: float = 5.0) -> dict[int, str]:
    """What still carries `mark` once the processes that end with the build have had `seconds` to exit."""
    deadline = time.monotonic() + seconds
    while (left := _marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


class Runner:
    """Runs briefgen commands on one site, all with the same mark."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.mark = uuid.uuid4().hex
        self.env = {
            **os.environ,
            "BRIEFGEN_TEST_MARK": self.mark,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "briefgen", *args],
            cwd=self.site,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done

    def kill_left(self) -> None:
        for pid in _marked(self.mark):
            os.kill(pid, signal.SIGTERM)


@pytest.fixture
def runner(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Runner]:
    run = Runner(_site(tmp_path / "site", request.param))
    yield run
    run.kill_left()  # only when the test failed: these processes were started by it


def test_the_daemon_flags_default_to_the_config_and_serve_has_none() -> None:
    parser = make_parser()
    assert [
        _build_options(parser.parse_args(["build", *flag]))["daemon"] for flag in ([], ["--daemon"], ["--no-daemon"])
    ] == [None, True, False]
    assert _build_options(parser.parse_args(["serve"]))["daemon"] is False
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--daemon"])
    with pytest.raises(SystemExit):
        parser.parse_args(["build", "--daemon", "--no-daemon"])


@pytest.mark.slow  # the workers load the trained spaCy model
@pytest.mark.parametrize("runner", [2, POOL_MIN], ids=["one-worker", "pool"], indirect=True)
def test_a_build_leaves_no_process_behind(runner: Runner) -> None:
    done = runner("build", "--jobs", "2")
    assert "extracted" in done.stdout and "resident" not in done.stderr
    left = _left_after(runner.mark)
    assert left == {}, f"processes left by `briefgen build`: {left}"


@pytest.mark.slow
@pytest.mark.parametrize("runner", [POOL_MIN], indirect=True)
def test_a_build_on_a_local_dask_cluster_leaves_no_process_behind(runner: Runner) -> None:
    pytest.importorskip("distributed")
    done = runner("build", "--jobs", "2", "--executor", "dask")
    assert f"{POOL_MIN} extracted" in done.stdout
    left = _left_after(runner.mark)
    assert left == {}, f"processes left by `briefgen build --executor dask`: {left}"


@pytest.mark.slow
@pytest.mark.parametrize("runner", [2], indirect=True)
def test_the_daemon_is_opt_in_and_announced(runner: Runner) -> None:
    runner("build", "--jobs", "2")
    config = runner.site / "briefgen.yaml"
    config.write_text(config.read_text() + "nlp_daemon: true\n")
    same = runner("build", "--jobs", "2")  # the setting is in no cache key, and nothing to extract starts nothing
    assert "0 extracted, 0 cached, 0 events rendered" in same.stdout
    assert "resident" not in same.stderr and _left_after(runner.mark) == {}
    article = runner.site / "content" / "mixed-news" / "00-report.md"
    article.write_text(article.read_text() + "\nThe court adjourned until Monday.\n")
    done = runner("build", "--jobs", "2")
    assert "1 extracted, 1 cached" in done.stdout
    assert "starting a resident NLP process" in done.stderr and "30 idle minutes" in done.stderr
    left = _left_after(runner.mark, seconds=1.0)
    assert ["briefgen.executors.resident" in c for c in left.values()] == [True], left  # that one process alone
    assert "resident NLP process at local socket briefgen-nlp-" in runner("daemon", "status").stdout
    record = runner.site / ".briefgen-cache" / "nlp-resident.json"
    assert record.stat().st_mode & 0o077 == 0  # it holds the key that lets a client run extraction there
    article.write_text(article.read_text() + "\nThe jury was sent home for the night.\n")
    again = runner("build", "--jobs", "2")  # the next edit goes to the same process: nothing new starts
    assert "1 extracted, 1 cached" in again.stdout and "starting" not in again.stderr
    assert _left_after(runner.mark, seconds=0.5).keys() == left.keys()
    assert "stopped the resident NLP process" in runner("daemon", "stop").stdout
    assert _left_after(runner.mark, seconds=10.0) == {}


@pytest.mark.slow  # it loads the trained spaCy model
def test_an_idle_resident_process_exits_and_takes_its_record(tmp_path: Path) -> None:
    from briefgen.config import Config

    model = Config().nlp_model
    # 0 idle minutes: it records itself, finds it has been idle long enough, and goes
    done = subprocess.run(
        [sys.executable, "-m", "briefgen.executors.resident", model, str(tmp_path), "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "nlp-resident.json").exists()
