"""HTTP side of `briefgen serve`: the built site, the live-reload script and its event stream.

Only files inside the output dir are served: the request path is percent-decoded, any `.` or
`..` segment is refused, and the resolved file (symlinks followed) must lie inside the
resolved output dir. HTML gets the reload script as an external same-origin `<script>`, so a
theme's Content-Security-Policy with `script-src 'self'` still allows it. Pages rendered ahead of a
build (see ahead.py) are served before the output dir's.
"""

from __future__ import annotations

import mimetypes
import re
import socket
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from briefgen.serve.ahead import AheadPages
from briefgen.serve.reload import ReloadState

PREFIX = "/__briefgen/"
SCRIPT_PATH = PREFIX + "livereload.js"
EVENTS_PATH = PREFIX + "events"
HEARTBEAT = 15.0  # seconds between keep-alive comments on the event stream
SWAP_RETRY_DELAY = 0.05  # the write stage swaps the output dir; a request in the gap retries once
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
}
FALLBACK_404 = b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>\n"
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


@dataclass(frozen=True, slots=True)
class SiteRoot:
    """Where the built site is and the URL path it is published under (base_url's path)."""

    output: Path
    base_path: str = "/"


@dataclass(frozen=True, slots=True)
class Redirect:
    location: str


def resolve_request(site: SiteRoot, url_path: str) -> Path | Redirect | None:
    """The file a request path names inside the output dir, a redirect, or None (404)."""
    base = site.base_path
    if not url_path.startswith(base):
        return Redirect(base) if url_path in ("/", base.rstrip("/")) else None
    rel = unquote(url_path[len(base) :], errors="strict")
    if "\x00" in rel or "\\" in rel:
        return None
    parts = rel.split("/")
    if any(p in (".", "..") for p in parts):
        return None
    root = site.output.resolve()
    try:
        real = root.joinpath(*(p for p in parts if p)).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(root):
        return None
    if real.is_dir():
        if not url_path.endswith("/"):
            return Redirect(quote(url_path + "/"))
        real = real / "index.html"
    return real if real.is_file() else None


def inject_script(html: bytes, tag: bytes) -> bytes:
    """Put the reload script before the last `</body>`, or at the end of a fragment."""
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + tag
    at = ends[-1].start()
    return html[:at] + tag + html[at:]


def livereload_js() -> bytes:
    return files("briefgen.serve").joinpath("livereload.js").read_bytes()


def _path_of(target: str) -> str:
    """The path of a request target, also for absolute-form targets (`GET http://h/x`)."""
    if target.startswith(("http://", "https://")):
        return urlsplit(target).path or "/"
    return target.split("#", 1)[0].split("?", 1)[0]


class PreviewServer(ThreadingHTTPServer):
    """Threaded server holding the site location and the reload state for its handlers."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, site: SiteRoot, state: ReloadState) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.site = site
        self.state = state
        self.ahead = AheadPages()
        super().__init__((host, port), PreviewHandler)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.site.base_path}"


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "briefgen-serve"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows builds, not requests."""

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        path = _path_of(self.path)
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", livereload_js(), head)
        elif path == EVENTS_PATH and not head:
            self._stream_events(self._shown_page())
        else:
            self._serve_site(path, head)

    def _serve_site(self, path: str, head: bool) -> None:
        state = self.server.state.snapshot()  # read before the file: a racing build only adds a reload
        site = self.server.site
        try:
            found = self._fetch(site, path)
        except UnicodeDecodeError:
            found = None
        if isinstance(found, Redirect):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if found is None:
            status = HTTPStatus.NOT_FOUND
            page = self._fetch(site, site.base_path + "404.html")
            found = page if isinstance(page, tuple) else None
        elif (rel := _relative(site, found[0])) is not None:
            ahead = self.server.ahead.page(rel)
            found = (found[0], ahead) if ahead is not None else found
            if rel.endswith(".html"):
                self.server.ahead.visited(rel)
        # No 404.html (e.g. the first build failed): a bare page, still live so the overlay shows.
        file, body = found or (Path("404.html"), FALLBACK_404)
        ctype = content_type(file)
        if ctype.startswith("text/html"):
            tag = f'<script src="{SCRIPT_PATH}?server={state.server}&amp;epoch={state.epoch}"></script>'
            body = inject_script(body, tag.encode())
        self._send(status, ctype, body, head)

    def _fetch(self, site: SiteRoot, path: str) -> tuple[Path, bytes] | Redirect | None:
        """Resolve and read a file; retry once if the output dir was being swapped by a build."""
        before = _inode(site.output)
        for attempt in range(2):
            found = resolve_request(site, path)
            if isinstance(found, Redirect):
                return found
            body = _read(found)
            if found is not None and body is not None:
                return found, body
            if attempt or (before is not None and _inode(site.output) == before):
                break
            time.sleep(SWAP_RETRY_DELAY)
        return None

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _shown_page(self) -> str | None:
        """The output-relative page an event stream's browser shows (its `page` query parameter)."""
        shown = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
        site = self.server.site
        try:
            found = resolve_request(site, shown) if shown.startswith("/") else None
        except UnicodeDecodeError:
            return None
        return _relative(site, found) if isinstance(found, Path) else None

    def _stream_events(self, shown: str | None) -> None:
        """Server-sent events for a browser showing `shown`, which is rendered first on template edits."""
        if shown is None:
            self._send_events()
            return
        self.server.ahead.opened(shown)
        try:
            self._send_events()
        finally:
            self.server.ahead.closed(shown)

    def _send_events(self) -> None:
        """Server-sent events: the state now, then each change, with keep-alive comments."""
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        snap = state.snapshot()
        try:
            self.wfile.write(f"retry: 500\nevent: state\ndata: {snap.to_json()}\n\n".encode())
            self.wfile.flush()
            while True:
                nxt = state.wait(snap.version, HEARTBEAT)
                if state.closed:
                    return
                if nxt.version == snap.version:
                    self.wfile.write(b": ping\n\n")
                else:
                    snap = nxt
                    self.wfile.write(f"event: state\ndata: {snap.to_json()}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def _relative(site: SiteRoot, path: Path) -> str | None:
    try:
        return path.relative_to(site.output.resolve()).as_posix()
    except ValueError:
        return None


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None
