"""A two-event site of hand-written articles for the publishing and hosting tests."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLES = {
    "harbour-lights/01-courier.md": """---
title: Harbour lights switched off after storm damage
outlet: The Coastline Courier
published: 2026-02-03
---
The harbour authority switched off the pier lights on Monday after a storm damaged the cables.
Engineer Harriet Quennell said the repairs would take two weeks.
About 40 boats were moved to the inner basin.
""",
    "harbour-lights/02-gazette.txt": """Pier lights stay dark for repairs

The pier lights will stay dark until the middle of February, the harbour authority said on Tuesday.
Harriet Quennell, who leads the repair crew, said the cables were older than anyone had thought.
Some fishermen asked why the warning came so late.
""",
    "tram-fares/01-herald.md": """---
title: Tram fares rise by a tenth
outlet: The Valley Herald
published: 2026-03-10
---
The city council raised tram fares by 10 percent on Tuesday.
Councillor Desmond Okafor said the money would pay for twelve new carriages.
Riders' groups called the rise unfair and asked when the carriages would arrive.
""",
}
PERSON_IN_ONE_EVENT = ("Quennell", "harbour-lights")


def write_tiny_site(root: Path, base_url: str = "/", extra_config: str = "") -> Path:
    """Write config and content under `root`; returns the config file."""
    for rel, text in ARTICLES.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = root / "briefgen.yaml"
    config.write_text(f"title: Tiny briefings\nbase_url: {base_url}\n{extra_config}", encoding="utf-8")
    return config


def change_one_article(root: Path) -> None:
    path = root / "content" / "tram-fares" / "01-herald.md"
    path.write_text(path.read_text(encoding="utf-8").replace("twelve new carriages", "fifteen new carriages"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A static HTTP server for `folder` on a free local port; yields its URL without the final slash."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
