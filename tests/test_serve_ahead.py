"""Template edits: the pages browsers show are rendered and reloaded before `build()` rewrites the site."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefgen.build import BuildResult, build
from briefgen.cache import BuildMemo
from briefgen.config import Config, load_config
from briefgen.models import Page
from briefgen.serve.ahead import AheadPages
from briefgen.serve.app import Preview, template_dirs, templates_only
from briefgen.serve.cached import render_cached
from tests.serve_site import EventStream, event_stream, get, running_preview, write_site

EVENT = "library-reopens/index.html"
SOURCE = "library-reopens/sources/01-valley-news.html"


def test_open_pages_are_wanted_else_the_latest_requests() -> None:
    ahead = AheadPages(keep=3)
    for path in ("a.html", "b.html", "c.html", "a.html", "d.html"):
        ahead.visited(path)
    assert ahead.wanted() == ["d.html", "a.html", "c.html"]
    ahead.opened("x.html")
    ahead.opened("y.html")
    ahead.opened("x.html")
    ahead.closed("x.html")
    assert ahead.wanted() == ["x.html", "y.html"]
    ahead.closed("x.html")
    ahead.closed("y.html")
    assert ahead.wanted() == ["d.html", "a.html", "c.html"]


def test_pages_are_served_ahead_until_dropped_and_stale_ones_are_noted() -> None:
    ahead = AheadPages()
    assert ahead.page("a.html") is None
    ahead.show({"a.html": b"new"})
    assert ahead.page("a.html") == b"new" and ahead.page("style.css") is None
    assert ahead.drop() == ({"a.html": b"new"}, False)
    ahead.show({"a.html": b"new"})
    assert ahead.page("b.html") is None  # an HTML page the build has not written yet: served old
    assert ahead.drop() == ({"a.html": b"new"}, True)
    assert ahead.page("a.html") is None


def test_only_template_edits_are_rendered_ahead(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path))
    (tmp_path / "themes" / "other" / "static" / "templates").mkdir(parents=True)
    dirs = template_dirs(config)
    own, other = tmp_path / "themes" / "preview", tmp_path / "themes" / "other"
    assert templates_only([own / "templates" / "base.html", other / "templates" / "a.html"], dirs)
    assert not templates_only([own / "templates" / "base.html", own / "static" / "style.css"], dirs)
    assert not templates_only([other / "static" / "templates" / "a.css"], dirs)
    assert not templates_only([tmp_path / "content" / "e" / "a.md"], dirs)
    assert not templates_only([], dirs)


def test_render_cached_gives_the_builds_bytes_for_cached_events_only(tmp_path: Path) -> None:
    config_file = write_site(tmp_path)
    config = load_config(config_file, {"search": False})
    memo = BuildMemo()
    build(config, jobs=1, memo=memo)
    site = config.output_path
    pages = {p.path: p.content for p in render_cached(config, [EVENT, SOURCE, "index.html", "nope.html"], memo=memo)}
    assert set(pages) == {EVENT, SOURCE, "index.html"}
    assert all(body == (site / path).read_bytes() for path, body in pages.items())
    article = tmp_path / "content" / "library-reopens" / "02-county-herald.md"
    article.write_text(article.read_text() + "\nThe reading room opens at nine.\n")
    assert render_cached(config, [EVENT, "index.html"], memo=memo) == []  # its briefing needs the build


class HeldBuilds:
    """`build()` with one memo, held at a gate; the preview renders ahead from the same memo."""

    def __init__(self) -> None:
        self.memo = BuildMemo()
        self.gate = threading.Event()
        self.gate.set()
        self.finished = 0

    def run_build(self, config: Config) -> BuildResult:
        assert self.gate.wait(60)
        result = build(config, jobs=1, memo=self.memo)
        self.finished += 1
        return result

    def render_pages(self, config: Config, paths: Collection[str]) -> list[Page]:
        return render_cached(config, paths, memo=self.memo)


def _edit_base(tmp_path: Path) -> None:
    base = tmp_path / "themes" / "preview" / "templates" / "base.html"
    base.write_text(base.read_text().replace("<body>", '<body class="v2">'))


def _release(preview: Preview, builds: HeldBuilds) -> None:
    builds.gate.set()
    assert preview.idle.wait(60)


def test_a_template_edit_reloads_the_open_pages_before_the_build_finishes(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    builds = HeldBuilds()
    on_disk = tmp_path / "site" / EVENT
    with running_preview(config, builds.run_build, builds.render_pages) as preview:
        port = preview.server.server_address[1]
        with event_stream(port, page="/library-reopens/") as stream, event_stream(port, page="/" + SOURCE) as other:
            assert stream.next()["epoch"] == 1 and other.next()["epoch"] == 1
            assert get(port, "/index.html")[0] == 200  # requested, but not open in any browser
            assert sorted(preview.server.ahead.wanted()) == [EVENT, SOURCE]
            builds.gate.clear()
            _edit_base(tmp_path)
            state = stream.until(lambda s: s["epoch"] == 2)
            assert state["full_epoch"] == 2 and not state["failed"] and other.next()["epoch"] == 2
            assert builds.finished == 1  # the rebuild's build() is still held
            assert b'<body class="v2">' not in on_disk.read_bytes()
            for path in (EVENT, SOURCE):
                assert b'<body class="v2">' in get(port, "/" + path)[2]
            _release(preview, builds)
            assert builds.finished == 2 and b'<body class="v2">' in on_disk.read_bytes()
            with pytest.raises(queue.Empty):  # the build wrote what the browsers show: no second reload
                stream.next(timeout=1.5)
            assert other.states.empty()
            assert b'<body class="v2">' in get(port, "/" + EVENT)[2]


@contextmanager
def held_edit(tmp_path: Path, edit: Callable[[], None]) -> Iterator[tuple[Preview, HeldBuilds, EventStream]]:
    """A preview with the event page open, `edit` made while build() is held, and the early reload received."""
    config = write_site(tmp_path)
    builds = HeldBuilds()
    with (
        running_preview(config, builds.run_build, builds.render_pages) as preview,
        event_stream(preview.server.server_address[1], page="/" + EVENT) as stream,
    ):
        assert stream.next()["epoch"] == 1
        builds.gate.clear()
        edit()
        assert stream.until(lambda s: s["epoch"] == 2)["full_epoch"] == 2
        yield preview, builds, stream


def test_a_page_served_old_meanwhile_gets_a_second_reload(tmp_path: Path) -> None:
    with held_edit(tmp_path, lambda: _edit_base(tmp_path)) as (preview, builds, stream):
        port = preview.server.server_address[1]
        assert b'<body class="v2">' not in get(port, "/")[2]  # the index was not open: the old one
        _release(preview, builds)
        state = stream.next(timeout=10)
        assert (state["epoch"], state["full_epoch"]) == (3, 3)
        assert b'<body class="v2">' in get(port, "/")[2]


def test_a_build_failing_after_the_early_reload_shows_the_error_and_the_last_good_site(tmp_path: Path) -> None:
    source_template = tmp_path / "themes" / "preview" / "templates" / "source.html"

    def edit() -> None:  # the event page does not use source.html: it renders ahead
        _edit_base(tmp_path)
        source_template.write_text(source_template.read_text().replace("{% endblock %}", "{% endblok %}"))

    with held_edit(tmp_path, edit) as (preview, builds, stream):
        _release(preview, builds)
        state = stream.next(timeout=10)
        assert state["failed"] and state["problems"][0]["file"].endswith("source.html")
        port = preview.server.server_address[1]
        assert b'<body class="v2">' not in get(port, "/" + EVENT)[2]  # the last good site again
