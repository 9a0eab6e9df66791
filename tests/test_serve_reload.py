"""Rebuild state: epochs, stylesheet-only changes, located build errors, the last good site kept."""

from __future__ import annotations

import os
import queue
from pathlib import Path

import jinja2
import pytest

from briefgen.build import BuildResult, BuildStats, build
from briefgen.cache import BuildMemo
from briefgen.config import Config
from briefgen.errors import ConfigError
from briefgen.models import Problem
from briefgen.serialise import load_json
from briefgen.serve.app import change_kind
from briefgen.serve.reload import ReloadState, problems_from
from tests.serve_site import NEW_QUOTE, EventStream, event_stream, get, line_of, running_preview, write_site


def test_epochs_advance_on_builds_and_not_on_failures() -> None:
    state = ReloadState()
    first = state.built("full")
    assert (first.epoch, first.full_epoch, first.failed) == (1, 1, False)
    css = state.built("css")
    assert (css.epoch, css.full_epoch) == (2, 1)
    failed = state.failed([Problem("t.html", "boom", 3)])
    assert (failed.epoch, failed.failed, failed.version) == (2, True, css.version + 1)
    assert '"line": 3' in failed.to_json()


def test_wait_returns_on_change_and_on_close() -> None:
    state = ReloadState()
    assert state.wait(0, timeout=0.01).version == 0
    state.built("full")
    assert state.wait(0, timeout=5).version == 1
    state.close()
    assert state.wait(1, timeout=5).version == 1 and state.closed


def test_template_syntax_error_is_located() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"event.html": "<h1>\n{% for a in b %}\n{% endfro %}\n"}))
    with pytest.raises(jinja2.TemplateSyntaxError) as info:
        env.get_template("event.html")
    (problem,) = problems_from(info.value)
    assert problem.line == 3 and "syntax" in problem.message and problem.path == "event.html"


def test_config_error_keeps_its_problems() -> None:
    err = ConfigError([Problem("briefgen.yaml", "Config value 'title': bad", 2)])
    assert problems_from(err) == [Problem("briefgen.yaml", "Config value 'title': bad", 2)]


def test_change_kind(tmp_path: Path) -> None:
    css = tmp_path / "a.css"
    css.write_text("body{}")
    assert change_kind([css]) == "css"
    assert change_kind([css, tmp_path / "base.html"]) == "full"
    assert change_kind([tmp_path / "gone.css"]) == "full"  # a deleted stylesheet needs a reload
    assert change_kind([]) == "full"


def test_rebuilds_report_to_the_event_stream(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    article = tmp_path / "content" / "library-reopens" / "01-valley-news.md"
    template = tmp_path / "themes" / "preview" / "templates" / "event.html"
    good_template = template.read_text()
    with running_preview(config) as preview:
        port = preview.server.server_address[1]
        with event_stream(port) as stream:
            start = stream.next()
            assert (start["epoch"], start["problems"]) == (1, [])

            article.write_text(f"{article.read_text()}\n{NEW_QUOTE}\n")
            state = stream.until(lambda s: s["epoch"] == 2)
            assert state["full_epoch"] == 2 and not state["failed"]
            assert b"open late on Fridays" in get(port, "/library-reopens/index.html")[2]

            broken = good_template.replace("{% endfor %}", "{% endfro %}")
            template.write_text(broken)
            state = stream.until(lambda s: s["failed"])
            (problem,) = state["problems"]
            assert problem["file"] == str(template.resolve()) and problem["line"] == line_of(broken, "endfro")
            status, _, body = get(port, "/library-reopens/index.html")
            assert status == 200 and b"open late on Fridays" in body  # the last good site

            template.write_text(good_template)
            state = stream.until(lambda s: not s["failed"])
            assert (state["epoch"], state["problems"]) == (3, [])

            css = tmp_path / "themes" / "preview" / "static" / "style.css"
            css.write_text("body { color: rgb(200, 0, 0); }\n")
            state = stream.until(lambda s: s["epoch"] == 4)
            assert state["full_epoch"] == 3  # stylesheet only: swapped, no reload
            assert b"200, 0, 0" in get(port, "/style.css")[2]

            config.write_text("title: [unclosed\n")
            state = stream.until(lambda s: s["failed"])
            assert state["problems"][0]["file"].endswith("briefgen.yaml") and state["problems"][0]["line"] is not None
            config.write_text("title: Renamed preview\ntheme: preview\n")
            state = stream.until(lambda s: not s["failed"])
            assert state["epoch"] == 5 and b"Renamed preview" in get(port, "/")[2]


def test_a_bad_article_is_shown_while_the_rest_builds(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    bad = tmp_path / "content" / "library-reopens" / "03-bad.md"
    with running_preview(config) as preview, event_stream(preview.server.server_address[1]) as stream:
        assert stream.next()["epoch"] == 1
        bad.write_text("---\ntitle: [broken\n---\nThe roof was fixed too.\n")
        state = stream.until(lambda s: s["epoch"] == 2)
        assert not state["failed"]
        assert any(p["file"].endswith("03-bad.md") and p["line"] for p in state["problems"])
        if os.geteuid() != 0:  # root reads anything
            bad.write_text("The roof was fixed too.\n")
            state = stream.until(lambda s: s["epoch"] == 3 and not s["problems"])
            bad.chmod(0)
            state = stream.until(lambda s: s["epoch"] == 4)
            assert any("cannot read" in p["message"] for p in state["problems"])


def test_a_failed_first_build_is_served_live_until_fixed(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    template = tmp_path / "themes" / "preview" / "templates" / "event.html"
    good = template.read_text()
    template.write_text(good.replace("{% endfor %}", "{% endfro %}"))
    with running_preview(config) as preview, event_stream(preview.server.server_address[1]) as stream:
        port = preview.server.server_address[1]
        first = stream.next()
        assert first["failed"] and first["epoch"] == 0
        status, _, body = get(port, "/library-reopens/index.html")
        assert status == 404 and b"/__briefgen/livereload.js" in body
        template.write_text(good)
        state = stream.until(lambda s: s["epoch"] == 1)
        assert not state["failed"] and get(port, "/library-reopens/index.html")[0] == 200


def test_unexpected_errors_point_into_briefgen_rather_than_the_standard_library() -> None:
    with pytest.raises(ValueError) as info:
        load_json(Problem, b"")  # fails inside pydantic, called from briefgen
    (problem,) = problems_from(info.value)
    assert problem.path.endswith("briefgen/serialise.py") and problem.line and "ValidationError" in problem.message


def test_rebuilds_redo_only_what_changed(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    article = tmp_path / "content" / "library-reopens" / "01-valley-news.md"
    template = tmp_path / "themes" / "preview" / "templates" / "event.html"
    memo = BuildMemo()

    def run_build(cfg: Config) -> BuildResult:
        return build(cfg, jobs=1, memo=memo)

    def stats_after(stream: EventStream, epoch: int) -> BuildStats:
        stream.until(lambda s: s["epoch"] == epoch)
        assert preview.last_result is not None
        return preview.last_result.stats

    with running_preview(config, run_build) as preview, event_stream(preview.server.server_address[1]) as stream:
        first = stats_after(stream, 1)
        assert (first.extracted, first.rendered) == (2, 1)
        article.write_text(f"{article.read_text()}\n{NEW_QUOTE}\n")
        edited = stats_after(stream, 2)
        assert (edited.extracted, edited.cached, edited.rendered) == (1, 1, 1)  # NLP for that article only
        template.write_text(template.read_text().replace('<h1 id="title">', '<h1 id="title" class="t">'))
        retemplated = stats_after(stream, 3)
        assert (retemplated.extracted, retemplated.rendered) == (0, 1)  # re-rendered without NLP
        css = tmp_path / "themes" / "preview" / "static" / "style.css"
        css.write_text("body { color: rgb(1, 2, 3); }\n")
        restyled = stats_after(stream, 4)
        assert (restyled.extracted, restyled.rendered) == (0, 0)  # a stylesheet is copied, no page re-rendered
        config.write_text("title: Another title\ntheme: preview\n")
        retitled = stats_after(stream, 5)
        assert retitled.extracted == 0


def test_a_build_does_not_trigger_itself(tmp_path: Path) -> None:
    """The build's own output, staging folders, cache and file reads cause no rebuild."""
    config = write_site(tmp_path)
    article = tmp_path / "content" / "library-reopens" / "02-county-herald.md"
    with running_preview(config) as preview, event_stream(preview.server.server_address[1]) as stream:
        assert stream.next()["epoch"] == 1
        article.write_text(article.read_text() + "\nThe reading room opens at nine.\n")
        assert stream.until(lambda s: s["epoch"] == 2)["epoch"] == 2
        with pytest.raises(queue.Empty):
            stream.next(timeout=1.5)
        assert preview.state.snapshot().epoch == 2
