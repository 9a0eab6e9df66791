"""Benchmark `briefgen serve`: time from saving a file to the reload event reaching a browser's stream.

Runs a real preview (watchdog, debounce, `build()` with the on-disk cache and the in-memory memo, the
server-sent event stream read over HTTP as a browser showing one event page) over a scratch copy of a
site, edits files and prints, per kind of edit, the latency of each run and the median, and when the
complete site was written. A template edit reloads once the open page is rendered ahead of the build;
each run checks that the page served then shows the edit, and waits for the build before the next.
Not a test: it prints figures.

    .venv/bin/python bench/serve_latency.py [--site ../shared/datasets/news-clusters] [--runs 5]

The scratch site and its cache live in --work (kept between runs, so the second run is warm).
Targets (issue 5): one article <= 1 s, one template <= 0.3 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Collection
from importlib.resources import files
from pathlib import Path
from typing import Any

from briefgen.build import BuildResult, build
from briefgen.cache import BuildMemo
from briefgen.config import Config, load_config
from briefgen.models import Page
from briefgen.serve import Preview
from briefgen.serve.cached import render_cached

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT.parent / "shared" / "datasets" / "news-clusters"


class Stream:
    """Reads the preview's event stream; each state is queued with the time it arrived."""

    def __init__(self, port: int, page: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.conn.request("GET", f"/__briefgen/events?page={page}")
        self.response = self.conn.getresponse()
        self.states: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode()
                if line.startswith("data: "):
                    self.states.put((time.perf_counter(), json.loads(line[6:])))
        except (OSError, ValueError):
            return

    def after(self, version: int, timeout: float = 600) -> tuple[float, dict[str, Any]]:
        """The first state whose epoch passes `version` or that reports a failure."""
        while True:
            at, state = self.states.get(timeout=timeout)
            if state["epoch"] > version or state["failed"]:
                return at, state


def prepare(site: Path, work: Path) -> Path:
    """A fresh copy of the content, a config and a site-local copy of the event template to edit."""
    if (work / "content").exists():
        shutil.rmtree(work / "content")
    shutil.copytree(site, work / "content")
    for path in [work / "content", *(work / "content").rglob("*")]:  # the corpus may be read-only
        path.chmod(path.stat().st_mode | 0o200)
    templates = work / "themes" / "default" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    shipped = files("briefgen.themes").joinpath("default", "templates", "event.html").read_text()
    (templates / "event.html").write_text(shipped)
    static = work / "themes" / "default" / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "style.css").write_text(files("briefgen.themes").joinpath("default", "static", "style.css").read_text())
    config = work / "briefgen.yaml"
    config.write_text("title: Serve benchmark\n")
    return config


def unique() -> int:
    """A number no earlier run used: edits must be new, or the cache already holds their result."""
    return time.time_ns() // 1000 % 10**9


def edit_article(path: Path, n: int) -> bytes | None:
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\n\nThe review panel said it had {unique()} comments and would publish them in {n + 2} weeks.\n")
    return None


def edit_css(path: Path, n: int) -> bytes | None:
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\n.benchmark-{unique()} {{ color: rgb({n}, 0, 0); }}\n")
    return None


def edit_template(path: Path, n: int) -> bytes | None:
    """Insert a comment into the page; returns it, for the served page to be checked."""
    text = path.read_text()
    marker = "{% block main %}"
    comment = f"<!-- benchmark edit {n}: {unique()} -->"
    path.write_text(text.replace(marker, marker + comment, 1) if marker in text else text + comment + "\n")
    return comment.encode()


def fetch(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


def measure(preview: Preview, stream: Stream, page: str, label: str, edit: Any, runs: int) -> list[float]:
    """Save -> reload event per run; the open page must show a template's edit at that point."""
    times = []
    port = preview.server.server_address[1]
    for n in range(runs):
        version = preview.state.snapshot().epoch
        start = time.perf_counter()
        shows = edit(n)
        at, state = stream.after(version)
        if state["failed"]:
            raise SystemExit(f"{label}: the build failed: {state['problems']}")
        if shows is not None and shows not in fetch(port, page):
            raise SystemExit(f"{label}: the reloaded page {page} does not show the edit")
        preview.idle.wait()  # the full build: the complete site is written
        done = time.perf_counter() - start
        times.append(at - start)
        print(f"  {label} run {n + 1}: reload {at - start:.3f} s, site written {done:.3f} s  ({preview.last_build})")
        time.sleep(0.3)  # let the editor's save settle before the next one
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=SITE, help="content dir to copy (event folders)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefgen-serve-bench"), help="scratch dir (kept)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.site.is_dir():
        print(f"no site at {args.site}", file=sys.stderr)
        return 1
    args.work.mkdir(parents=True, exist_ok=True)
    config_file = prepare(args.site, args.work)
    articles = sorted(p for p in (args.work / "content").rglob("*.md"))
    template = args.work / "themes" / "default" / "templates" / "event.html"
    css = args.work / "themes" / "default" / "static" / "style.css"
    memo = BuildMemo()
    log: list[str] = []

    def run_build(config: Config) -> BuildResult:  # as `briefgen serve` does (search index off)
        return build(config, jobs=args.jobs, memo=memo)

    def render_pages(config: Config, paths: Collection[str]) -> list[Page]:
        return render_cached(config, paths, memo=memo)

    def load() -> Config:
        return load_config(config_file, {"search": False})

    print(f"{len(articles)} articles; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared)")
    started = time.perf_counter()
    preview = Preview(load, run_build, config_file, "127.0.0.1", 0, log=log.append, render_pages=render_pages)
    try:
        preview.start()
        print(f"initial build: {time.perf_counter() - started:.2f} s ({preview.last_build})", flush=True)
        preview.ready.wait()
        page = f"/{articles[0].parent.name}/index.html"  # the page a browser shows
        stream = Stream(preview.server.server_address[1], page)
        stream.after(-1)
        print(f"article edits (one article each, NLP for that article only), {page} open:")
        article_times = measure(preview, stream, page, "article", lambda n: edit_article(articles[n * 7], n), args.runs)
        print("template edits (event.html: the open page first, then the whole site without NLP):")
        template_times = measure(preview, stream, page, "template", lambda n: edit_template(template, n), args.runs)
        print("stylesheet edits (style.css, swapped in place):")
        css_times = measure(preview, stream, page, "css", lambda n: edit_css(css, n), args.runs)
    finally:
        preview.stop()
    print(f"load average now {os.getloadavg()[0]:.1f}")
    print("| edit | median (s) | min (s) | max (s) | target (s) |")
    print("| --- | --- | --- | --- | --- |")
    rows = (("one article", article_times, "1.0"), ("one template", template_times, "0.3"), ("CSS", css_times, "-"))
    for label, times, target in rows:
        med = statistics.median(times)
        print(f"| {label} | {med:.3f} | {min(times):.3f} | {max(times):.3f} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
