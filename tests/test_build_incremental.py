"""Incremental builds: what the cache lets a rebuild skip, and that it never serves a stale result."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import briefgen.nlp.extract
from briefgen.build import BuildResult, build
from briefgen.cache import EXTRACTION_VERSION, BuildMemo
from briefgen.cli import main
from briefgen.config import Config, load_config
from briefgen.modelinfo import model_identity
from tests.conftest import FIXTURE_SITE, ROOT

EVENT = "ferry-strike"


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with a second event, built once: its cache is copied by each test."""
    root = tmp_path_factory.mktemp("warm") / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns(".briefgen-cache", "site"))
    shutil.copytree(root / "content" / EVENT, root / "content" / "second-strike")
    build(_config(root), jobs=1)
    return root


@pytest.fixture
def site(warm: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(warm, root)
    return root


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the articles that really go through spaCy (jobs=1 keeps it in this process)."""
    seen: list[str] = []
    real = briefgen.nlp.extract.doc_to_extraction

    def counting(article: Any, doc: Any) -> Any:
        seen.append(f"{article.event}/{article.id}")
        return real(article, doc)

    monkeypatch.setattr(briefgen.nlp.extract, "doc_to_extraction", counting)
    yield seen


@pytest.fixture
def reconciled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The slugs of the events that really go through reconcile."""
    import briefgen.reconcile

    seen: list[str] = []
    real = briefgen.reconcile.reconcile

    def counting(slug: str, *args: Any) -> Any:
        seen.append(slug)
        return real(slug, *args)

    monkeypatch.setattr(briefgen.reconcile, "reconcile", counting)
    yield seen


def _config(root: Path) -> Config:
    return load_config(root / "briefgen.yaml")


def _build(root: Path, **kwargs: Any) -> BuildResult:
    return build(_config(root), jobs=1, **kwargs)


def _articles(root: Path, event: str = EVENT) -> list[Path]:
    return sorted(p for p in (root / "content" / event).iterdir() if p.suffix in (".md", ".txt"))


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def _redone(result: BuildResult) -> tuple[int, int, int]:
    return result.stats.extracted, result.stats.reconciled, result.stats.rendered


def test_warm_rebuild_redoes_nothing_and_keeps_every_output_file(site: Path, extractions: list[str]) -> None:
    before = _files(site / "site")
    result = _build(site)
    assert extractions == []
    assert _redone(result) == (0, 0, 0)
    assert result.stats.reused == 2 and result.events == 2
    assert _files(site / "site") == before  # the same files (inode and mtime), linked into the new output


def test_a_title_change_renders_again_without_extracting_or_reconciling(
    site: Path, extractions: list[str], reconciled: list[str]
) -> None:
    config = site / "briefgen.yaml"
    config.write_text(config.read_text().replace("title: Fixture briefings", "title: Harbour desk"))
    result = _build(site)
    assert extractions == [] and reconciled == []
    assert _redone(result) == (0, 0, 2)
    assert "Harbour desk" in (site / "site" / EVENT / "index.html").read_text()


def test_serve_after_build_reconciles_nothing(
    site: Path, extractions: list[str], reconciled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.build
    import briefgen.serve

    config = str(site / "briefgen.yaml")
    assert main(["build", "--config", config, "--jobs", "1", "--quiet"]) == 0
    results: list[BuildResult] = []

    def recorded(*args: Any, **kwargs: Any) -> BuildResult:
        results.append(build(*args, **kwargs))
        return results[-1]

    def first_build_only(preview: Any, open_browser: bool = False) -> int:
        preview.rebuild(set(), reload_config=False)
        preview.stop()
        return 0

    monkeypatch.setattr(briefgen.build, "build", recorded)
    monkeypatch.setattr(briefgen.serve, "serve", first_build_only)
    assert main(["serve", "--config", config, "--port", "0", "--jobs", "1", "--quiet"]) == 0
    assert len(results) == 1 and results[0].articles == 4
    assert extractions == [] and reconciled == []


def test_one_changed_article_is_the_only_one_extracted(site: Path, extractions: list[str]) -> None:
    changed = _articles(site)[0]
    changed.write_text(changed.read_text() + "\n\nThe pier reopened on Friday, a spokesman for the port said.\n")
    result = _build(site)
    assert extractions == [f"{EVENT}/{changed.stem}"]
    assert _redone(result) == (1, 1, 1) and result.stats.reused == 1
    assert "pier reopened" in (site / "site" / EVENT / "sources" / f"{changed.stem}.html").read_text()
    again = _build(site)
    assert _redone(again) == (0, 0, 0)


def test_where_nlp_runs_is_not_part_of_any_cache_key(site: Path, extractions: list[str]) -> None:
    _build(site)
    config = site / "briefgen.yaml"
    config.write_text(config.read_text() + "\nnlp_daemon_minutes: 0\nexecutor: tcp://127.0.0.1:1\n")
    result = _build(site)
    assert extractions == []
    assert _redone(result) == (0, 0, 0)


def test_output_edited_by_hand_is_rewritten(site: Path) -> None:
    page = site / "site" / EVENT / "index.html"
    page.write_text("edited")
    result = _build(site)
    assert _redone(result) == (0, 0, 0)
    assert page.read_text() != "edited"


def test_extraction_version_invalidates_the_cache(
    site: Path, extractions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("briefgen.keys.EXTRACTION_VERSION", EXTRACTION_VERSION + 1)
    result = _build(site)
    assert len(extractions) == result.articles == result.stats.extracted == 4


def test_model_identity_invalidates_the_cache(
    site: Path, extractions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("briefgen.keys.model_identity", lambda name: model_identity(name) + " (retrained)")
    _build(site)
    assert len(extractions) == 4


def test_same_article_in_another_event_reuses_its_extraction(site: Path, extractions: list[str]) -> None:
    shutil.copytree(site / "content" / EVENT, site / "content" / "third-strike")
    result = _build(site)
    assert extractions == []
    assert result.stats.cached == 2 and result.stats.rendered == 1


def test_no_cache_neither_reads_nor_writes(site: Path, extractions: list[str], tmp_path: Path) -> None:
    shutil.rmtree(site / ".briefgen-cache")
    result = _build(site, use_cache=False)
    assert len(extractions) == result.stats.extracted == 4
    assert not (site / ".briefgen-cache").exists()


def test_cache_dir_flag_and_no_cache_flag(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    config = str(site / "briefgen.yaml")
    assert main(["build", "--config", config, "--jobs", "1", "--quiet", "--cache-dir", str(elsewhere)]) == 0
    assert list(elsewhere.glob("extraction/*/*.json"))
    shutil.rmtree(site / ".briefgen-cache")
    assert main(["build", "--config", config, "--jobs", "1", "--quiet", "--no-cache"]) == 0
    assert not (site / ".briefgen-cache").exists()


def test_memo_rebuilds_one_event_and_a_template_edit_needs_no_nlp(site: Path, extractions: list[str]) -> None:
    memo = BuildMemo()
    _build(site, memo=memo)
    changed = _articles(site)[1]
    changed.write_text(changed.read_text() + "\n\nA second ferry was seen leaving the harbour.\n")
    one = _build(site, memo=memo)
    assert extractions == [f"{EVENT}/{changed.stem}"] and one.stats.rendered == 1
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "source.html").write_text('{% extends "!default/source.html" %}{% block title %}X{% endblock %}')
    two = _build(site, memo=memo)
    assert len(extractions) == 1 and two.stats.rendered == 2


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(site: Path) -> None:
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    override = templates / "source.html"
    override.write_text('{% extends "!default/source.html" %}{% block title %}First{% endblock %}')
    _build(site)
    compiled = list((site / ".briefgen-cache").glob("jinja-*/*"))
    assert compiled  # and a later build loads them instead of compiling
    override.write_text('{% extends "!default/source.html" %}{% block title %}Second{% endblock %}')
    _build(site)
    source_page = next((site / "site" / EVENT / "sources").glob("*.html"))
    assert "<title>Second" in source_page.read_text()


WARM_CHECK = """
import sys
from pathlib import Path
from briefgen.build import build
from briefgen.config import load_config
result = build(load_config(Path(sys.argv[1])), jobs=int(sys.argv[2]))
print("spacy" in sys.modules, result.stats.rendered, result.stats.extracted)
"""


@pytest.mark.slow
def test_warm_builds_do_not_import_spacy(site: Path) -> None:
    def run(jobs: int = 1) -> list[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-c", WARM_CHECK, str(site / "briefgen.yaml"), str(jobs)]
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        assert res.returncode == 0, res.stderr
        return res.stdout.split()

    run()  # a new process: settles anything the module-level build predates (the sources of briefgen are hashed)
    assert run() == ["False", "0", "0"]
    (site / "content" / EVENT / "event.yaml").write_text("title: Ferry strike, day two\n")
    assert run() == ["False", "1", "0"]  # the event's briefing is rebuilt from cached extractions
    changed = _articles(site)[0]
    changed.write_text(changed.read_text() + "\n\nThe harbour office reopened at noon.\n")
    assert run(jobs=2) == ["False", "1", "1"]  # one miss: a worker process runs spaCy, this one never imports it


def test_an_interrupted_build_keeps_every_extraction_that_came_back(
    site: Path, extractions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.reconcile

    shutil.rmtree(site / ".briefgen-cache")

    def interrupted(*args: Any) -> Any:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(briefgen.reconcile, "reconcile", interrupted)
        with pytest.raises(KeyboardInterrupt):
            _build(site)  # every article is extracted before the first event is reconciled
    assert len(extractions) == 4
    result = _build(site)
    assert len(extractions) == 4 and result.stats.cached == 4
