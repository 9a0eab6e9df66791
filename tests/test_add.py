"""`briefgen add`: pages fetched from a real local HTTP server (no network), written whole or not at all."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefgen.add import Outcome, add_urls, page_markdown
from briefgen.cli import main
from briefgen.load import load_event
from briefgen.models import Problem
from briefgen.parse import markdown_blocks, parse_source
from briefgen.webpage import WebPage
from tests.web_pages import STORIES, page_html, story_text

NOW = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC)


class _Site:
    """Routes of the local server: path -> (status, content type, body, headers, delay in seconds)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str], float]] = {}
        self.base = ""

    def page(self, path: str, key: str, canonical: bool = True) -> str:
        url = self.base + path
        body = page_html(key, url if canonical else None).encode()
        self.routes[path] = (200, "text/html; charset=utf-8", body, {}, 0.0)
        return url

    def raw(self, path: str, status: int, ctype: str, body: bytes, delay: float = 0.0, **headers: str) -> str:
        self.routes[path] = (status, ctype, body, headers, delay)
        return self.base + path


@pytest.fixture
def site() -> Iterator[_Site]:
    routes = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, ctype, body, headers, delay = routes.routes.get(
                self.path, (404, "text/html", b"<html><body><h1>Not found</h1></body></html>", {}, 0.0)
            )
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that timed out
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    routes.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield routes
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_three_pages_a_404_and_a_duplicate(site: _Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    urls = [site.page("/court/ruling", "court"), site.page("/flood/crest", "flood"), site.page("/rates", "rates")]
    missing = site.base + "/gone"
    code = main(["add", *urls, missing, urls[0], "--event", "week", "--content", str(content)])
    out, err = capsys.readouterr()
    assert code == 1
    assert _files(content / "week") == ["01-northern-ledger.md", "02-valley-courier.md", "03-market-dispatch.md"]
    assert f"{missing}: error: HTTP 404 Not Found" in err
    assert f"{urls[0]}: skipped: the event already has this URL (01-northern-ledger.md)" in out
    assert "added 3 of 5 pages to week; 1 failed" in out
    problems: list[Problem] = []
    articles = [parse_source(f, problems) for f in load_event(content / "week", content, problems).files]
    assert problems == []
    first = articles[0]
    assert (first.title, first.outlet, first.url) == (STORIES["court"]["title"], "Northern Ledger", urls[0])
    assert (first.published, first.author) == ("2026-02-11", "Priya Raman")
    assert next(s.text for s in first.sentences if not s.boilerplate) == story_text("court")[0]


def test_adding_again_is_refused_by_url_and_by_text(site: _Site, tmp_path: Path) -> None:
    url = site.page("/match", "match")
    first = add_urls(tmp_path, "cup", [url], now=NOW)
    assert first[0].path is not None
    mirror = site.page("/mirror/match", "match", canonical=False)  # same text at another address
    again = add_urls(tmp_path, "cup", [url, mirror, url + "#comments"], now=NOW)
    assert [o.skipped is not None for o in again] == [True, True, True]
    assert "already has this page (01-touchline-weekly.md)" in str(again[1].skipped)
    assert _files(tmp_path / "cup") == ["01-touchline-weekly.md"]


def test_redirects_are_followed_and_the_final_url_kept(site: _Site, tmp_path: Path) -> None:
    final = site.page("/science/2026/corals", "science", canonical=False)
    old = site.raw("/s/123", 301, "text/html", b"", Location=final)
    [outcome] = add_urls(tmp_path, "reef", [old], now=NOW)
    assert outcome.path is not None and outcome.path.name == "01-science-bulletin.md"
    text = outcome.path.read_text(encoding="utf-8")
    assert f"url: {final}\n" in text and "fetched: '2026-07-01T09:30:00+00:00'" in text


def test_each_failure_is_reported_and_nothing_half_written(site: _Site, tmp_path: Path) -> None:
    urls = [
        site.raw("/broken", 500, "text/html", b"<p>oops</p>"),
        site.raw("/slow", 200, "text/html", page_html("flood").encode(), delay=2.0),
        site.raw("/data.json", 200, "application/json", json.dumps({"a": 1}).encode()),
        site.raw("/huge", 200, "text/html", b"<p>" + b"word " * 50_000 + b"</p>"),
        site.raw("/menu", 200, "text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        "ftp://example.org/file",
    ]
    outcomes = add_urls(tmp_path, "bad", urls, timeout=0.5, max_bytes=100_000, now=NOW)
    errors = [o.error or "" for o in outcomes]
    assert errors[0] == "HTTP 500 Internal Server Error"
    assert errors[1].startswith("timed out")
    assert errors[2] == "not a web page: the server sent application/json"
    assert "over the 100,000 byte limit" in errors[3]
    assert errors[4] == "no article text found in the page"
    assert errors[5] == "not an http(s) URL"
    assert all(o.path is None for o in outcomes)
    assert _files(tmp_path / "bad") == []  # not even a temporary file


def test_html_flag_keeps_the_raw_page(site: _Site, tmp_path: Path) -> None:
    url = site.page("/rates/hold", "rates")
    [outcome] = add_urls(tmp_path, "rates", [url], keep_html=True, now=NOW)
    assert outcome.path is not None and outcome.path.name == "01-market-dispatch.html"
    assert _files(tmp_path / "rates") == ["01-market-dispatch.html"]
    assert page_html("rates", url) in outcome.path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    [source] = load_event(tmp_path / "rates", tmp_path, problems).files
    article = parse_source(source, problems)
    assert problems == [] and article.url == url and article.outlet == "Market Dispatch"
    assert add_urls(tmp_path, "rates", [url], now=NOW)[0].skipped is not None


def test_markdown_round_trips_markup_characters() -> None:
    blocks: tuple[tuple[str, str], ...] = (
        ("heading", "Q&A: what <the> ruling means"),
        ("paragraph", "1998. That was the year the *old* bridge_fell [see below]."),
        ("item", "# of votes: 12 - 3"),
        ("quote", "> not a nested quote"),
    )
    page = WebPage(blocks)  # type: ignore[arg-type]
    markdown = page_markdown(page, "https://example.org/a", "2026-07-01T00:00:00+00:00")
    body = markdown.split("---\n", 2)[2]
    assert markdown_blocks(body) == list(blocks)


def test_event_must_be_a_slug(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a slug"):
        add_urls(tmp_path, "Big Storm!", ["http://127.0.0.1:9/x"])


@pytest.mark.slow
def test_added_pages_build_and_are_cited(site: _Site, tmp_path: Path) -> None:
    content = tmp_path / "content"
    urls = [site.page(f"/{key}", key) for key in ("court", "flood", "science")]
    assert main(["add", *urls, "--event", "mixed-week", "--content", str(content)]) == 0
    output = tmp_path / "site"
    flags = ["--no-cache", "--no-daemon", "-j", "1"]
    assert main(["build", "--content", str(content), "--output", str(output), *flags]) == 0
    briefing = json.loads((output / "mixed-week" / "briefing.json").read_text(encoding="utf-8"))
    assert {s["outlet"] for s in briefing["sources"]} == {"Northern Ledger", "Valley Courier", "Science Bulletin"}
    cited = {c["source"] for section in ("who", "what", "numbers", "quotes") for item in briefing.get(section, [])
             for c in item.get("citations", [])}  # fmt: skip
    assert cited == {s["id"] for s in briefing["sources"]}
    shutil.rmtree(output)


def test_outcome_lines(tmp_path: Path) -> None:
    written = tmp_path / "content" / "ev" / "01-a.md"
    url = "http://x.example/a"
    assert Outcome(url, path=written).line(tmp_path) == f"{url}: added as content/ev/01-a.md"
    assert Outcome(url, path=written).line(tmp_path / "elsewhere") == f"{url}: added as {written.resolve()}"
    assert Outcome(url, error="HTTP 404 Not Found").line(tmp_path) == f"{url}: error: HTTP 404 Not Found"
    assert Outcome(url, skipped="dup").line(tmp_path) == f"{url}: skipped: dup"
