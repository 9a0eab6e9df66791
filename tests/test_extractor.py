"""The Extractor's worker processes: started early for an edit or two, stopped without waiting at the end."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefgen.nlp.pool
from briefgen.config import Config
from briefgen.models import Article, SourceFile
from briefgen.nlp.extract import extract_articles
from briefgen.nlp.pool import POOL_MIN, Extractor
from briefgen.parse import parse_source

MODEL = Config().nlp_model
TEXT = "The port authority closed the pier on Monday. Its director, Ines Marlowe, said repairs would take a week."


@pytest.fixture(autouse=True)
def model_not_here(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Earlier tests may have loaded the model in this process, which keeps few articles here."""
    monkeypatch.setattr(briefgen.nlp.pool, "is_loaded", lambda name: False)
    yield


def _article() -> Article:
    return parse_source(SourceFile("a", "ev", "ev/a.txt", ".txt", TEXT, "0"), [])


def test_a_prestarted_worker_nobody_needs_is_stopped_at_close() -> None:
    extractor = Extractor(MODEL, jobs=2)
    extractor.prestart()
    assert multiprocessing.active_children()
    extractor.close()  # while the worker may still be importing spaCy
    assert multiprocessing.active_children() == []
    assert extractor.extracted == 0


@pytest.mark.slow
def test_a_prestarted_worker_extracts_what_this_process_would() -> None:
    article = _article()
    extractor = Extractor(MODEL, jobs=2)
    extractor.prestart()
    ticket = extractor.submit(article)
    try:
        found = extractor.result(ticket)
    finally:
        extractor.close()
    assert found == next(extract_articles([article], MODEL))
    assert extractor.extracted == 1 and multiprocessing.active_children() == []


def test_many_expected_articles_start_no_worker_early() -> None:
    extractor = Extractor(MODEL, jobs=2, expected=POOL_MIN)  # a config change: maybe all extractions cached
    extractor.prestart()
    assert multiprocessing.active_children() == []
    extractor.close()


def test_a_long_lived_process_keeps_the_model_here() -> None:
    extractor = Extractor(MODEL, jobs=2, keep_model=True)
    extractor.prestart()
    assert multiprocessing.active_children() == []
    extractor.close()


KILLED = """
import sys, time
from briefgen.nlp.pool import POOL_MIN, Extractor
extractor = Extractor(sys.argv[1], jobs=2)
extractor.prestart()
time.sleep(0.5)
print(*extractor._pool._processes, flush=True)
time.sleep(60)
"""


@pytest.mark.slow
def test_workers_of_a_killed_build_exit_on_their_own(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", KILLED, MODEL], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    workers = [int(pid) for pid in proc.stdout.readline().split()]
    assert workers
    proc.send_signal(signal.SIGKILL)  # no chance to close the pool
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
