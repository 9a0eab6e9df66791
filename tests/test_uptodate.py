"""The up-to-date stamp: a build with nothing to do answers before loading anything, and never wrongly."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import briefgen.build
from briefgen.cli import main
from briefgen.uptodate import inputs_digest, scan_output
from tests.conftest import FIXTURE_SITE


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once by the CLI (which stamps it); each test copies it."""
    root = tmp_path_factory.mktemp("stamped") / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns(".briefgen-cache", "site"))
    assert main(["build", "--quiet", "--jobs", "1", "--config", str(root / "briefgen.yaml")]) == 0
    return root


@pytest.fixture
def site(warm: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(warm, root, copy_function=shutil.copy2)
    assert main(["build", "--quiet", "--jobs", "1", "--config", str(root / "briefgen.yaml")]) == 0  # new place
    return root


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the calls into the full build: the stamp's answer makes none."""
    calls: list[int] = []
    real = briefgen.build.build

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(briefgen.build, "build", counting)
    return calls


def _run(root: Path, *flags: str) -> int:
    return main(["build", "--jobs", "1", "--config", str(root / "briefgen.yaml"), *flags])


def test_nothing_changed_answers_from_the_stamp(site: Path, builds: list[int], capsys: Any) -> None:
    assert _run(site) == 0
    assert builds == []
    out = capsys.readouterr().out
    assert "built 1 events, 2 articles" in out and "already up to date" in out


def test_an_edited_article_is_built(site: Path, builds: list[int]) -> None:
    article = next((site / "content" / "ferry-strike").glob("*.md"))
    article.write_text(article.read_text() + "\n\nThe union met again on Sunday.\n")
    assert _run(site, "--quiet") == 0
    assert builds == [1]
    assert _run(site, "--quiet") == 0
    assert builds == [1]  # and stamped again


@pytest.mark.parametrize("where", ["config", "themes"])
def test_config_and_theme_edits_are_built(site: Path, builds: list[int], where: str) -> None:
    if where == "config":
        config = site / "briefgen.yaml"
        config.write_text(config.read_text() + "\ntitle: Renamed\n")
    else:
        (site / "themes" / "default" / "static").mkdir(parents=True)
        (site / "themes" / "default" / "static" / "extra.css").write_text("body { color: black }\n")
    assert _run(site, "--quiet") == 0
    assert builds == [1]


def test_output_touched_by_anyone_is_rebuilt(site: Path, builds: list[int]) -> None:
    page = site / "site" / "ferry-strike" / "index.html"
    page.write_text("edited")
    assert _run(site, "--quiet") == 0
    assert builds == [1]
    assert page.read_text() != "edited"


def test_other_flags_and_no_cache_do_not_use_the_stamp(site: Path, builds: list[int]) -> None:
    assert _run(site, "--quiet", "--strict") == 0
    assert _run(site, "--quiet", "--no-cache") == 0
    assert _run(site, "--quiet", "--output", str(site / "elsewhere")) == 0
    assert builds == [1, 1, 1]
    assert _run(site, "--quiet", "--strict") == 0
    assert builds == [1, 1, 1]


def test_another_installation_does_not_use_the_stamp(
    site: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.executable", str(site / "other-venv" / "bin" / "python"))
    assert _run(site, "--quiet") == 0
    assert builds == [1]  # its stamp hashed another environment's briefgen and libraries


def test_problems_are_replayed(site: Path, capsys: Any, builds: list[int]) -> None:
    (site / "content" / "ferry-strike" / "notes.md").write_bytes(b"---\ntitle: [unclosed\n---\nText.\n")
    assert _run(site) == 0
    first = capsys.readouterr()
    assert _run(site) == 0
    again = capsys.readouterr()
    assert builds == [1]
    assert "notes.md" in first.err and again.err == first.err
    assert "1 errors" in first.out and "1 errors" in again.out


def test_a_file_changed_during_the_build_is_built_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = next((site / "content" / "ferry-strike").glob("*.md"))
    real = briefgen.build.build
    calls: list[int] = []

    def editing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        result = real(*args, **kwargs)
        if len(calls) == 1:
            article.write_text(article.read_text() + "\n\nA late line.\n")  # after the build read it
        return result

    monkeypatch.setattr(briefgen.build, "build", editing)
    article.write_text(article.read_text() + "\n\nAn early line.\n")
    assert _run(site, "--quiet") == 0
    assert _run(site, "--quiet") == 0
    assert calls == [1, 1]


def test_digest_sees_names_bytes_and_skips(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("one")
    (tmp_path / "out").mkdir()
    roots, skip = [str(tmp_path)], [str(tmp_path / "out")]
    first = inputs_digest(roots, skip)
    (tmp_path / "out" / "page.html").write_text("written by a build")
    assert inputs_digest(roots, skip) == first
    (tmp_path / "a" / "x.md").write_text("two")
    assert inputs_digest(roots, skip) != first
    (tmp_path / "a" / "x.md").write_text("one")
    (tmp_path / "a" / "x.md").rename(tmp_path / "a" / "y.md")
    assert inputs_digest(roots, skip) != first
    assert [row[0] for row in scan_output(tmp_path)] == ["a/y.md", "out/page.html"]


def test_an_upgraded_library_is_built_again(
    site: Path, builds: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    metadata = tmp_path / "jinja2-3.1.6.dist-info" / "METADATA"
    metadata.parent.mkdir()
    metadata.write_text("Name: Jinja2\nVersion: 3.1.6\n")
    monkeypatch.setattr("briefgen.cache.metadata_files", lambda names: [metadata])
    config = site / "briefgen.yaml"
    config.write_text(config.read_text() + "\ntitle: Again\n")
    assert _run(site, "--quiet") == 0  # built, and stamped with this "installed" library
    metadata.write_text("Name: Jinja2\nVersion: 3.2.0\n")
    assert _run(site, "--quiet") == 0
    assert builds == [1, 1]


def test_a_damaged_stamp_is_a_miss(site: Path, builds: list[int]) -> None:
    for stamp in (site / ".briefgen-cache" / "stamps").glob("*.json"):
        stamp.write_text('{"inputs": [')
    assert _run(site, "--quiet") == 0
    assert builds == [1]
    assert _run(site, "--quiet") == 0
    assert builds == [1]  # stamped afresh
