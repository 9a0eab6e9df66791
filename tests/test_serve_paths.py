"""Serving is confined to the output dir: traversal, encoded traversal, absolute paths and symlinks 404."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.serve.reload import ReloadState
from briefgen.serve.server import PreviewServer, Redirect, SiteRoot, inject_script, resolve_request
from tests.serve_site import get


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """An output dir with a page, a 404 page, data, and symlinks in and out; a secret beside it."""
    (tmp_path / "secret.txt").write_text("top secret")
    out = tmp_path / "site"
    (out / "event").mkdir(parents=True)
    (out / "index.html").write_text("<html><body><h1>Home</h1></body></html>")
    (out / "404.html").write_text("<html><body><h1>Theme 404</h1></body></html>")
    (out / "event" / "index.html").write_text("<html><body>Event</body></html>")
    (out / "event" / "briefing.json").write_text("{}")
    (out / "style.css").write_text("body{}")
    (out / "out-link.txt").symlink_to(tmp_path / "secret.txt")
    (out / "out-dir").symlink_to(tmp_path)
    (out / "in-link.css").symlink_to(out / "style.css")
    return out


@pytest.fixture
def port(tree: Path) -> Iterator[int]:
    server = PreviewServer("127.0.0.1", 0, SiteRoot(tree), ReloadState())
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/event/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/event/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/./index.html",
        "/%00index.html",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/out-link.txt",
        "/out-dir/secret.txt",
        "/out-dir/",
    ],
)
def test_outside_of_the_output_dir_is_404(port: int, tree: Path, target: str) -> None:
    status, headers, body = get(port, target)
    assert status == 404
    assert b"top secret" not in body
    assert b"Theme 404" in body  # the site's own 404 page
    assert headers["content-type"].startswith("text/html")


def test_absolute_path_resolves_inside_the_root(tree: Path) -> None:
    site = SiteRoot(tree)
    secret = tree.parent / "secret.txt"
    assert resolve_request(site, str(secret)) is None
    assert resolve_request(site, "/" + str(tree / "index.html")) is None


def test_pages_and_assets_have_their_content_types(port: int) -> None:
    expected = {
        "/index.html": "text/html; charset=utf-8",
        "/style.css": "text/css; charset=utf-8",
        "/in-link.css": "text/css; charset=utf-8",
        "/event/briefing.json": "application/json",
        "/__briefgen/livereload.js": "text/javascript; charset=utf-8",
    }
    for target, ctype in expected.items():
        status, headers, _ = get(port, target)
        assert (status, headers["content-type"]) == (200, ctype), target
        assert headers["x-content-type-options"] == "nosniff"


def test_html_gets_the_external_reload_script(port: int) -> None:
    status, _, body = get(port, "/event/?q=1")
    assert status == 200
    assert body.index(b'<script src="/__briefgen/livereload.js?server=') < body.index(b"</body>")
    assert b"<script>" not in body  # never inline: CSP script-src 'self'
    _, _, css = get(port, "/style.css")
    assert b"livereload" not in css


def test_directory_without_slash_redirects(port: int) -> None:
    status, headers, _ = get(port, "/event")
    assert status == 301 and headers["location"] == "/event/"


def test_base_path_mounts_the_site(tree: Path) -> None:
    site = SiteRoot(tree, "/briefs/")
    assert resolve_request(site, "/briefs/index.html") == (tree / "index.html").resolve()
    assert resolve_request(site, "/") == Redirect("/briefs/")
    assert resolve_request(site, "/index.html") is None


def test_request_during_the_output_swap_is_retried(port: int, tree: Path) -> None:
    aside = tree.with_name("aside")
    os.replace(tree, aside)
    timer = threading.Timer(0.03, os.replace, (aside, tree))
    timer.start()
    try:
        status, _, body = get(port, "/index.html")
    finally:
        timer.join()
    assert status == 200 and b"Home" in body


def test_inject_script_places_tag_before_the_last_body_end() -> None:
    tag = b"<script src=/x.js></script>"
    assert inject_script(b"<p>a</p></BODY></html>", tag) == b"<p>a</p>" + tag + b"</BODY></html>"
    assert inject_script(b"<p>fragment</p>", tag) == b"<p>fragment</p>" + tag


def test_without_a_404_page_a_live_fallback_is_served(port: int, tree: Path) -> None:
    (tree / "404.html").unlink()
    status, headers, body = get(port, "/missing.html")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b"/__briefgen/livereload.js" in body  # so a failed first build still shows its overlay
