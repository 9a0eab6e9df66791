"""Link checker: every internal link and anchor in the built site must resolve.

Works on rendered pages (so `build --strict` can check before writing) or on a built
folder. Links with a scheme (https:, mailto:...) are external and not checked. Absolute
paths must lie under the site's base path. The 404 page is served at any depth, so its
links must be absolute.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefgen.errors import BuildError
from briefgen.models import Page, Problem

_LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
}
NOT_FOUND_PAGE = "404.html"


class _Scan(HTMLParser):
    """Collects the ids of a page and its links with their line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(str(values[key]))
        attr = _LINK_ATTRS.get(tag)
        if attr and values.get(attr) is not None:
            self.links.append((str(values[attr]).strip(), self.getpos()[0]))


def check_pages(pages: Iterable[Page], base_path: str = "/") -> list[Problem]:
    """Problems for every broken internal link or anchor among `pages` (paths relative to the site)."""
    files = {p.path: p.content for p in pages}
    scans: dict[str, _Scan] = {}
    for path, content in files.items():
        if path.endswith(".html"):
            scans[path] = scan = _Scan()
            scan.feed(content.decode("utf-8", errors="replace"))
            scan.close()
    problems = []
    for path, scan in scans.items():
        for href, line in scan.links:
            error = _check(path, href, base_path, files, scans)
            if error:
                problems.append(Problem(path, f"broken link '{href}': {error}", line))
    return problems


def checked(pages: Iterable[Page], base_path: str = "/") -> Iterator[Page]:
    """Pass a stream of pages through; at its end raise BuildError if any link is broken.

    A writer that swaps the site in only once the stream is consumed then never publishes broken links.
    """
    seen = []
    for page in pages:
        seen.append(page if page.path.endswith(".html") else Page(page.path, b""))  # only pages hold links
        yield page
    broken = check_pages(seen, base_path)
    if broken:
        raise BuildError(broken)


def check_site(folder: Path, base_path: str = "/") -> list[Problem]:
    """Like check_pages, for a built site on disk."""
    pages = [Page(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]
    return check_pages(pages, base_path)


def _check(page: str, href: str, base_path: str, files: Mapping[str, bytes], scans: Mapping[str, _Scan]) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        if not path.startswith(base_path):
            return f"outside the base path {base_path}"
        target = path[len(base_path) :]
    elif page == NOT_FOUND_PAGE:
        return "the 404 page is served at any depth, so its links must be absolute"
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if joined == ".." or joined.startswith("../"):
            return "points above the site root"
        target = "" if joined == "." else joined
    if target == "" or path.endswith("/"):
        target = posixpath.join(target, "index.html")
    if target not in files:
        if target + "/index.html" in files:
            target += "/index.html"
        else:
            return f"no file {target}"
    if parts.fragment and target in scans and unquote(parts.fragment) not in scans[target].ids:
        return f"no anchor #{parts.fragment} in {target}"
    return None
