"""Link checker: every internal link and anchor in the built site must resolve.

Works on rendered pages (so `build --strict` can check before writing) or on a built
folder. Links with a scheme (https:, mailto:...) are external and not checked. Absolute
paths must lie under the site's base path. The 404 page is served at any depth, so its
links must be absolute.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefgen.errors import BuildError
from briefgen.models import Page, Problem
from briefgen.records import SitePage

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


# A start tag with its attributes (quoted values may hold '>'), or a comment to skip.
_TOKEN = re.compile(
    r"<!--.*?-->|<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>", re.S
)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_RAW_TEXT = {t: re.compile(rf"</{t}\s*>", re.I) for t in ("script", "style", "textarea", "title")}  # text, not markup


@dataclass
class _Scan:
    """The ids of a page and its links with their line numbers.

    A tokenizer for start tags, not a full HTML parser: it reads 30 MB of generated pages several
    times faster than html.parser, and the site's pages are well-formed output of templates.
    """

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Scan:
        scan, pos, line, counted = cls(), 0, 1, 0
        while (m := _TOKEN.search(text, pos)) is not None:
            pos = m.end()
            if m[1] is None:
                continue  # a comment
            tag = m[1].lower()
            if tag in _RAW_TEXT:
                close = _RAW_TEXT[tag].search(text, pos)
                pos = close.end() if close else len(text)
            if tag not in _LINK_ATTRS and "id" not in m[2].lower():
                continue
            values = {a[1].lower(): html.unescape(a[2] or a[3] or a[4] or "") for a in _ATTR.finditer(m[2])}
            for key in ("id", "name") if tag == "a" else ("id",):
                if values.get(key):
                    scan.ids.add(values[key])
            attr = _LINK_ATTRS.get(tag)
            if attr and attr in values:
                line += text.count("\n", counted, m.start())
                counted = m.start()
                scan.links.append((values[attr].strip(), line))
        return scan


def check_pages(pages: Iterable[SitePage], base_path: str = "/") -> list[Problem]:
    """Problems for every broken internal link or anchor among `pages` (paths relative to the site)."""
    files = {p.path: p.content for p in pages}
    scans: dict[str, _Scan] = {}
    for path, content in files.items():
        if path.endswith(".html"):
            scans[path] = _Scan.of(content.decode("utf-8", errors="replace"))
    problems = []
    for path, scan in scans.items():
        for href, line in scan.links:
            error = _check(path, href, base_path, files, scans)
            if error:
                problems.append(Problem(path, f"broken link '{href}': {error}", line))
    return problems


def checked(pages: Iterable[SitePage], base_path: str = "/") -> Iterator[SitePage]:
    """Pass a stream of pages through; at its end raise BuildError if any link is broken.

    A writer that swaps the site in only once the stream is consumed then never publishes broken links.
    """
    seen: list[SitePage] = []
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
