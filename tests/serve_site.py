"""Helpers for the `briefgen serve` tests: a scratch site, a running preview, an event-stream reader.

The scratch site has its own small theme (with a strict Content-Security-Policy) so the serve
tests exercise live reload, not the shipped theme's layout.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import socket
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from briefgen.build import BuildResult, build
from briefgen.config import Config, load_config
from briefgen.models import Page
from briefgen.serve import Preview

CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'"
TEMPLATES = {
    "base.html": f"""<!doctype html>
<html lang="{{{{ site.language }}}}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{{% block title %}}{{{{ site.title }}}}{{% endblock %}}</title>
<link rel="stylesheet" href="{{{{ root }}}}style.css">
</head><body>
{{% block main %}}{{% endblock %}}
</body></html>
""",
    "index.html": """{% extends "base.html" %}{% block main %}<h1>{{ site.title }}</h1>
<ul>{% for e in events %}<li><a href="{{ e.event.slug }}/index.html">{{ e.event.title }}</a></li>{% endfor %}</ul>
{% endblock %}""",
    "event.html": """{% extends "base.html" %}{% block main %}<h1 id="title">{{ briefing.event.title }}</h1>
<section id="quotes">{% for q in briefing.quotes %}
<blockquote class="quote">{{ q.text }}</blockquote>{% endfor %}</section>
{% endblock %}""",
    "source.html": """{% extends "base.html" %}{% block main %}<h1>{{ article.title }}</h1>{% endblock %}""",
    "404.html": """{% extends "base.html" %}{% block main %}<h1 id="missing">Nothing here</h1>{% endblock %}""",
}
NEW_QUOTE = '"We will open late on Fridays," said Tomas Reyes, a volunteer.'
STYLE = "body { color: rgb(10, 20, 30); }\n"
ARTICLES = {
    "01-valley-news.md": """---
title: Valley library reopens after flood repairs
outlet: Valley News
published: 2026-02-10
---
The valley library reopened on Tuesday after three months of flood repairs.

"Every shelf had to be rebuilt from the floor up," said Ines Okafor, the head librarian.
""",
    "02-county-herald.md": """---
title: Library doors open again
outlet: County Herald
published: 2026-02-10
---
Readers queued outside the valley library when it reopened on Tuesday.

The repairs cost the county 240,000 dollars, officials said.
""",
}


def write_site(root: Path) -> Path:
    """Write the scratch site under `root`; return its config file."""
    event = root / "content" / "library-reopens"
    event.mkdir(parents=True)
    (event / "event.yaml").write_text("title: Valley library reopens\ndate: 2026-02-10\n")
    for name, text in ARTICLES.items():
        (event / name).write_text(text)
    templates = root / "themes" / "preview" / "templates"
    templates.mkdir(parents=True)
    for name, text in TEMPLATES.items():
        (templates / name).write_text(text)
    static = root / "themes" / "preview" / "static"
    static.mkdir()
    (static / "style.css").write_text(STYLE)
    config = root / "briefgen.yaml"
    config.write_text("title: Preview test\ntheme: preview\n")
    return config


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle`."""
    return text[: text.index(needle)].count("\n") + 1


@contextmanager
def running_preview(
    config_file: Path,
    run_build: Callable[[Config], BuildResult] = build,
    render_pages: Callable[[Config, Collection[str]], Sequence[Page]] | None = None,
) -> Iterator[Preview]:
    """A started preview on a free port over the site of `config_file` (search off, as `serve` does); always stopped."""
    preview = Preview(
        lambda: load_config(config_file, {"search": False}),
        run_build,
        config_file,
        "127.0.0.1",
        0,
        log=lambda _: None,
        render_pages=render_pages,
    )
    try:
        preview.start()
        yield preview
    finally:
        preview.stop()


class EventStream:
    """Reads `state` events from /__briefgen/events in a thread, as a browser showing `page` (a URL path) would."""

    def __init__(self, port: int, page: str | None = None) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.conn.request("GET", "/__briefgen/events" + (f"?page={quote(page)}" if page else ""))
        self.sock = self.conn.sock
        self.response = self.conn.getresponse()
        self.states: queue.Queue[dict[str, Any]] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    self.states.put(json.loads(line[6:]))
        except (OSError, ValueError):
            return

    def next(self, timeout: float = 60) -> dict[str, Any]:
        return self.states.get(timeout=timeout)

    def until(self, done: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict[str, Any]:
        """The first state (skipping earlier ones) for which `done` holds."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.next(max(0.01, deadline - time.monotonic()))
            if done(state):
                return state

    def close(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)
        self.conn.close()
        self.thread.join(timeout=5)


@contextmanager
def event_stream(port: int, page: str | None = None) -> Iterator[EventStream]:
    stream = EventStream(port, page)
    try:
        yield stream
    finally:
        stream.close()


def get(port: int, target: str) -> tuple[int, dict[str, str], bytes]:
    """A raw GET: the target is sent exactly as given (no client-side normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", target, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
    finally:
        conn.close()
