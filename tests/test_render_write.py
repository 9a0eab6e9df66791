import json
import threading
from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.models import Briefing, Citation, EventInfo, Page, QuoteItem, SourceInfo
from briefgen.render import render_site
from briefgen.render.theme import resolve_theme
from briefgen.write import write_site


def _briefing(quote: str) -> Briefing:
    cit = Citation("a", 0, "x")
    return Briefing(
        event=EventInfo("ev", "Event <b>title</b>"),
        sources=(SourceInfo("a", "ev/a.md", "A", "Outlet", "javascript:alert(1)", None),),
        quotes=(QuoteItem(quote, "Someone", (cit,)),),
    )


def test_render_escapes_untrusted_text_and_drops_unsafe_links(tmp_path: Path) -> None:
    config = load_config(None)
    pages = {
        p.path: p
        for p in render_site(
            config, resolve_theme("default", tmp_path), {"ev": (_briefing("<script>alert(1)</script>"), [])}
        )
    }
    html = pages["ev/index.html"].content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert json.loads(pages["ev/briefing.json"].content)["quotes"][0]["speaker"] == "Someone"
    assert {"index.html", "404.html", "style.css"} <= set(pages)


def test_site_theme_overrides_a_template(tmp_path: Path) -> None:
    templates = tmp_path / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "index.html").write_text('{% extends "!default/index.html" %}{% block main %}MINE{% endblock %}')
    config = load_config(None)
    pages = {p.path: p for p in render_site(config, resolve_theme("default", tmp_path), {})}
    assert "MINE" in pages["index.html"].content.decode()
    assert "style.css" in pages


def test_write_site_replaces_old_output_completely(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([Page("a.html", b"1"), Page("sub/b.html", b"2")], out)
    write_site([Page("a.html", b"3")], out)
    assert (out / "a.html").read_bytes() == b"3"
    assert not (out / "sub").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_write_site_failure_keeps_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([Page("a.html", b"old")], out)

    def pages() -> object:
        yield Page("a.html", b"new")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_site(pages(), out)  # type: ignore[arg-type]
    assert (out / "a.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_writers_of_other_outputs_in_the_same_folder_do_not_wait(tmp_path: Path) -> None:
    from briefgen.write import _locked

    with _locked((tmp_path / "a").resolve()):  # a build of "a" holds its lock (e.g. while it streams NLP)
        done = threading.Event()
        worker = threading.Thread(target=lambda: (write_site([Page("x.html", b"b")], tmp_path / "b"), done.set()))
        worker.start()
        assert done.wait(timeout=10), "writing 'b' waited for the lock of 'a'"
        worker.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]  # no lock file beside the sites
