"""The NLP daemon: a build with an edit or two sends it the articles, and the model stays loaded for the next."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client
from pathlib import Path

import pytest

import briefgen.nlp.daemon_client
import briefgen.nlp.extract
from briefgen.cli import main
from briefgen.config import Config
from briefgen.errors import BuildError
from briefgen.models import Article, SourceFile
from briefgen.nlp import extract_articles
from briefgen.nlp.daemon_client import daemon_dir, daemon_paths, is_running, running, stop_all
from briefgen.nlp.extract import POOL_MIN, Extractor
from briefgen.parse import parse_source

pytestmark = pytest.mark.slow  # these tests start NLP daemons that load the spaCy model

MODEL = Config().nlp_model
TEXT = "The ferry company cut two crossings on Sunday. Its spokesman, Arvid Pellham, said fuel had run short."


@pytest.fixture(autouse=True)
def model_not_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process loads the model to compare results, and a process holding the model extracts itself."""
    monkeypatch.setattr(briefgen.nlp.extract, "is_loaded", lambda name: False)


@pytest.fixture
def own_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A daemon folder of this test's own, so it starts its own daemon; stopped at the end of the test."""
    folder = tmp_path / "d"
    monkeypatch.setenv("BRIEFGEN_DAEMON_DIR", str(folder))
    yield folder
    stop_all()


def _article(text: str = TEXT, name: str = "a") -> Article:
    return parse_source(SourceFile(name, "ev", f"ev/{name}.txt", ".txt", text, "0"), [])


def _extract(article: Article, idle: float = 60, jobs: int = 2) -> object:
    extractor = Extractor(MODEL, jobs=jobs, daemon_idle=idle)
    extractor.prestart()
    ticket = extractor.submit(article)
    try:
        return extractor.result(ticket)
    finally:
        extractor.close()


def _pids() -> list[int]:
    return [info["pid"] for _, info in running()]


def _wait_until(condition: object, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.1)
    return False


def test_few_articles_go_to_the_daemon_which_outlives_the_build(own_dir: Path) -> None:
    article = _article()
    assert _extract(article) == next(extract_articles([article], MODEL))
    (first,) = _pids()
    assert first != os.getpid()
    other = _article("A second text names Mirela Voss, the harbour master, who said little.", "b")
    assert _extract(other) == next(extract_articles([other], MODEL))
    assert _pids() == [first]  # the same daemon, model still loaded
    (_, info), *_ = running()
    assert info["requests"] >= 2


def test_an_idle_daemon_exits_and_cleans_up(own_dir: Path) -> None:
    _extract(_article(), idle=2)
    paths = daemon_paths(MODEL)
    assert paths is not None and paths.socket.exists()
    assert _wait_until(lambda: not paths.socket.exists())
    assert _pids() == []


def test_a_killed_daemon_is_replaced(own_dir: Path) -> None:
    article = _article()
    _extract(article)
    (first,) = _pids()
    os.kill(first, signal.SIGKILL)
    assert _wait_until(lambda: _pids() == [])
    assert _extract(article) == next(extract_articles([article], MODEL))  # the stale socket is replaced
    (second,) = _pids()
    assert second != first


def test_a_client_without_the_key_is_not_heard(own_dir: Path) -> None:
    _extract(_article())
    paths = daemon_paths(MODEL)
    assert paths is not None
    assert paths.key.stat().st_mode & 0o077 == 0
    with pytest.raises(AuthenticationError):
        Client(str(paths.socket), "AF_UNIX", authkey=b"a guess")
    assert len(_pids()) == 1  # and the daemon still serves


def test_a_shared_folder_means_no_daemon_but_the_build_goes_on(own_dir: Path) -> None:
    own_dir.mkdir(mode=0o777)
    own_dir.chmod(0o777)  # others could plant a socket here
    assert daemon_dir() is None
    article = _article()
    assert _extract(article) == next(extract_articles([article], MODEL))
    assert list(own_dir.iterdir()) == []


def test_a_build_that_runs_workers_starts_the_daemon_with_its_last_article(own_dir: Path) -> None:
    extractor = Extractor(MODEL, jobs=2, expected=POOL_MIN, daemon_idle=60)
    tickets = [extractor.submit(_article(f"Line {n} says the pier is shut.", f"a{n}")) for n in range(POOL_MIN)]
    try:
        assert _wait_until(lambda: len(_pids()) == 1)  # loading while the workers finish
        assert all(extractor.result(t).source == f"a{n}" for n, t in enumerate(tickets))
    finally:
        extractor.close()
    (_, info), *_ = running()
    assert info["requests"] <= 2  # status requests only: the workers did the work


def test_a_build_with_fewer_articles_than_expected_starts_the_daemon_at_the_end(own_dir: Path) -> None:
    extractor = Extractor(MODEL, jobs=2, expected=POOL_MIN + 1, daemon_idle=60)  # one turned out cached
    tickets = [extractor.submit(_article(f"Line {n} says the pier is shut.", f"a{n}")) for n in range(POOL_MIN)]
    try:
        assert all(extractor.result(t).source == f"a{n}" for n, t in enumerate(tickets))
        assert _pids() == []
    finally:
        extractor.close()
    assert _wait_until(lambda: len(_pids()) == 1)


def test_no_daemon_with_daemon_idle_zero(own_dir: Path) -> None:
    _extract(_article(), idle=0)
    assert _pids() == []


def _site(root: Path) -> Path:
    (root / "content" / "ev").mkdir(parents=True)
    (root / "content" / "ev" / "a.txt").write_text(TEXT + "\n")
    (root / "briefgen.yaml").write_text("title: T\nsearch: false\n")
    return root


def test_cli_build_status_stop_and_no_daemon(
    own_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path / "site")
    monkeypatch.chdir(site)
    assert main(["build", "-q", "--jobs", "2", "--no-daemon"]) == 0
    assert _pids() == []
    (site / "content" / "ev" / "a.txt").write_text(TEXT + "\nThe crossings resume on Friday.\n")
    assert main(["build", "-q", "--jobs", "2"]) == 0
    assert _pids() == []  # the daemon is opt-in
    (site / "content" / "ev" / "a.txt").write_text(TEXT + "\nThe crossings resume on Saturday.\n")
    assert main(["build", "-q", "--jobs", "2", "--daemon"]) == 0
    assert len(_pids()) == 1
    capsys.readouterr()
    assert main(["daemon", "status"]) == 0
    assert "1 NLP daemons running" in capsys.readouterr().out
    assert main(["daemon", "stop"]) == 0
    assert "stopped 1" in capsys.readouterr().out
    assert _wait_until(lambda: _pids() == [])


def test_a_daemon_of_other_code_or_model_is_not_reached(own_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = daemon_paths(MODEL)
    assert here is not None and daemon_paths(MODEL) == here
    assert daemon_paths("another_model") != here
    monkeypatch.setattr(briefgen.nlp.daemon_client, "code_fingerprint", lambda: "an edited checkout")
    assert daemon_paths(MODEL) != here


def test_a_daemon_that_dies_at_start_is_tried_once_and_the_build_extracts_itself(
    own_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    client = briefgen.nlp.daemon_client
    monkeypatch.setattr(client, "LAUNCH", "import os; os._exit(0)")  # the launcher starts nothing
    monkeypatch.setattr(client, "DIED_WAIT", 0.5)
    starts: list[str] = []
    real_start = client.start
    monkeypatch.setattr(client, "start", lambda *a: (starts.append(a[0]), real_start(*a)))
    articles = [_article(), _article("The harbour reopened at noon, said Ilse Brandt.", "b")]
    extractor = Extractor(MODEL, jobs=2, daemon_idle=60)
    extractor.prestart()
    tickets = [extractor.submit(a) for a in articles]
    try:
        found = [extractor.result(t) for t in tickets]
    finally:
        extractor.close()
    assert found == list(extract_articles(articles, MODEL))
    assert starts == [MODEL]
    assert "no NLP daemon" in capsys.readouterr().err


def test_a_missing_model_is_reported_and_its_daemon_soon_goes(own_dir: Path) -> None:
    extractor = Extractor("no_such_model_xyz", jobs=2, daemon_idle=600)
    extractor.prestart()
    ticket = extractor.submit(_article())
    try:
        with pytest.raises(BuildError, match="no_such_model_xyz"):
            extractor.result(ticket)
    finally:
        extractor.close()
    paths = daemon_paths("no_such_model_xyz")
    assert paths is not None
    # asked through its lock, not a status request, which would keep it busy
    assert _wait_until(lambda: not is_running(paths), seconds=30)  # not the 600 s it was given
