"""Cache keys cover exactly what their step reads (briefgen/keys.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import briefgen.keys
from briefgen.cache import PACKAGE
from briefgen.config import Config
from briefgen.keys import Keys, _imports, code_closure, libraries_key
from briefgen.models import Article, EventMeta, EventSource, SourceFile
from briefgen.parse import parse_source


def _names(paths: tuple[Path, ...]) -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in paths}


def test_imports_follow_function_level_imports_but_not_type_checking_ones(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from briefgen.models import Page\n"
        "if TYPE_CHECKING:\n"
        "    from briefgen.render import site\n"
        "def late():\n"
        "    from briefgen.nlp import model\n"
        "    from . import slug\n"
    )
    found = _imports(module, "briefgen.probe")
    assert {"briefgen.models", "briefgen.nlp.model", "briefgen.slug"} <= found
    assert "briefgen.render.site" not in found and "briefgen.render" not in found


def test_a_build_learns_the_imports_from_its_memo_without_parsing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefgen.keys, "_remembered", {})
    briefgen.keys.remember_imports(tmp_path)  # parses every module and writes the memo
    parsed = dict(briefgen.keys._remembered)
    assert parsed[PACKAGE / "keys.py"] == briefgen.keys._parse_imports(PACKAGE / "keys.py", "briefgen.keys")
    assert parsed[PACKAGE / "nlp" / "__init__.py"] == briefgen.keys._parse_imports(
        PACKAGE / "nlp" / "__init__.py", "briefgen.nlp"
    )

    def no_parsing(path: Path, name: str) -> frozenset[str]:
        raise AssertionError(f"{name} parsed again")

    monkeypatch.setattr(briefgen.keys, "_parse_imports", no_parsing)
    monkeypatch.setattr(briefgen.keys, "_remembered", {})
    briefgen.keys.remember_imports(tmp_path)
    assert briefgen.keys._remembered == parsed


def test_a_module_changed_since_the_memo_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefgen.keys, "_remembered", {})
    briefgen.keys.remember_imports(tmp_path)
    (memo,) = tmp_path.glob("imports-*.json")
    entries = json.loads(memo.read_text())
    size, mtime, inode, _ = entries[str(PACKAGE / "slug.py")]
    entries[str(PACKAGE / "slug.py")] = [size + 1, mtime, inode, ["briefgen.cli"]]  # as if slug.py was edited
    entries[str(PACKAGE / "cli.py")][3] = ["briefgen.render.site"]  # a stale entry the stat still vouches for
    memo.write_text(json.dumps(entries))
    os.utime(memo, ns=(memo.stat().st_atime_ns, memo.stat().st_mtime_ns + 10**9))  # no entry is racy
    monkeypatch.setattr(briefgen.keys, "_remembered", {})
    briefgen.keys.remember_imports(tmp_path)
    assert briefgen.keys._remembered[PACKAGE / "slug.py"] == briefgen.keys._parse_imports(
        PACKAGE / "slug.py", "briefgen.slug"
    )
    assert briefgen.keys._remembered[PACKAGE / "cli.py"] == {"briefgen.render.site"}


def test_the_extraction_code_leaves_out_the_renderer_and_the_command_line() -> None:
    files = _names(code_closure("briefgen.nlp.extract"))
    assert {"nlp/extract.py", "nlp/quotes.py", "models.py", "nlp/__init__.py"} <= files
    assert not {"render/site.py", "cli.py", "build.py", "reconcile/conflicts.py", "cache.py", "keys.py"} & files


def test_the_briefing_code_holds_parsing_and_reconciling() -> None:
    files = _names(code_closure("briefgen.parse", "briefgen.nlp.extract", "briefgen.reconcile"))
    assert {"parse.py", "clean.py", "reconcile/conflicts.py", "nlp/numbers.py"} <= files
    assert not {"render/site.py", "cli.py", "serve/app.py"} & files


FILE = SourceFile(
    id="a1", event="court-ruling", path="court-ruling/a1.md", suffix=".md",
    text="The appeal was dismissed on Monday, the court said.", sha256="ab",
)  # fmt: skip


def _article() -> Article:
    return parse_source(FILE, [])


def _event() -> EventSource:
    return EventSource(slug="court-ruling", meta=EventMeta(), files=(FILE,))


def test_site_settings_move_the_page_keys_only(tmp_path: Path) -> None:
    first = Keys(Config(root=tmp_path, title="Court desk"))
    second = Keys(Config(root=tmp_path, title="Harbour desk", base_url="https://example.org/news/"))
    article = _article()
    assert first.extraction(article) == second.extraction(article)
    assert first.briefing(_event()) == second.briefing(_event())
    key = first.briefing(_event())
    assert first.pages(key) != second.pages(key)
    assert first.site([key]) != second.site([key])


def test_a_stylesheet_moves_the_site_pages_but_not_the_event_pages(tmp_path: Path) -> None:
    key = Keys(Config(root=tmp_path)).briefing(_event())
    before = Keys(Config(root=tmp_path))
    pages, site = before.pages(key), before.site([key])
    static = tmp_path / "themes" / "default" / "static"
    static.mkdir(parents=True)
    (static / "style.css").write_text("body { color: navy; }\n")
    after = Keys(Config(root=tmp_path))
    assert after.pages(key) == pages
    assert after.site([key]) != site


def test_upgrading_a_library_that_renders_pages_moves_the_page_keys_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = Keys(Config(root=tmp_path)).briefing(_event())
    before = Keys(Config(root=tmp_path))
    pages, extraction = before.pages(key), before.extraction(_article())
    real = briefgen.keys.version
    monkeypatch.setattr(briefgen.keys, "version", lambda name: "99.0" if name == "jinja2" else real(name))
    libraries_key.cache_clear()
    after = Keys(Config(root=tmp_path))
    assert after.pages(key) != pages
    assert after.briefing(_event()) == key and after.extraction(_article()) == extraction
    libraries_key.cache_clear()
