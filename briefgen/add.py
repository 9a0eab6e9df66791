"""`briefgen add URL... --event SLUG`: fetch web pages and keep each as an article of the event.

Each page is fetched with httpx (redirects followed, a time-out and a size limit), read as a saved page
is (briefgen/webpage.py) and written as `content/SLUG/NN-<outlet>.md` with front matter, or kept raw as
`NN-<outlet>.html` with `keep_html`. A URL or a text the event already has is refused. Every file is
written aside and renamed into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import yaml

from briefgen.decode import DecodeError, decode_text
from briefgen.load import load_event
from briefgen.models import BlockKind, Problem
from briefgen.parse import parse_source
from briefgen.sanitize import safe_url
from briefgen.slug import is_slug, slugify
from briefgen.webpage import MAX_PAGE_BYTES, PageError, WebPage, declared_charset, read_page

TIMEOUT_SECONDS = 20.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_NUMBERED = re.compile(r"^(\d+)-")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_PREFIX: dict[BlockKind, str] = {"heading": "## ", "item": "- ", "quote": "> ", "paragraph": ""}


class FetchError(Exception):
    """A URL whose page could not be fetched or read."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one URL: the file written, or why it was refused or failed."""

    url: str
    path: Path | None = None
    skipped: str | None = None  # refused, not failed: the event already has it
    error: str | None = None

    def line(self, here: Path) -> str:
        """One line for the user; the file is shown relative to `here` (the working folder) when inside it."""
        if self.path is not None:
            path = self.path.resolve()
            shown = path.relative_to(here.resolve()) if path.is_relative_to(here.resolve()) else path
            return f"{self.url}: added as {shown.as_posix()}"
        return f"{self.url}: {'error: ' + self.error if self.error else 'skipped: ' + str(self.skipped)}"


def _url_key(url: str) -> str:
    """A URL as compared for duplicates: no fragment, lower-case host, no trailing slash."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


def _text_key(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str) -> str:
    """Text as markdown that reads back as the same text: markup characters and line-start markers escaped."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    if _ORDERED.match(text):
        return _ORDERED.sub(r"\1\\\2", text)
    return "\\" + text if text[:1] in "#>+-=" else text


def page_markdown(page: WebPage, url: str, fetched: str) -> str:
    """A page as a markdown article: front matter (title, outlet, url, published, author, fetched) and its blocks."""
    fields = {"title": page.title, "outlet": page.outlet, "url": url, "published": page.published}
    fields |= {"author": page.author, "fetched": fetched}
    front = yaml.safe_dump({k: v for k, v in fields.items() if v}, sort_keys=False, allow_unicode=True, width=10**6)
    body = "\n\n".join(_PREFIX[kind] + _escape(text) for kind, text in page.blocks)
    return f"---\n{front}---\n\n{body}\n"


def _fetch(client: httpx.Client, url: str, max_bytes: int) -> tuple[str, bytes, str | None]:
    """GET a page: (final URL, body, charset from the headers). Raises FetchError with the reason."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if media and media not in _HTML_TYPES:
                raise FetchError(f"not a web page: the server sent {media}")
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"page is {int(length):,} bytes, over the {max_bytes:,} byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(f"page is over the {max_bytes:,} byte limit")
            return str(response.url), bytes(body), response.charset_encoding
    except httpx.TimeoutException as err:
        raise FetchError(f"timed out ({type(err).__name__})") from err
    except httpx.TooManyRedirects as err:
        raise FetchError("too many redirects") from err
    except httpx.HTTPError as err:
        raise FetchError(f"cannot fetch: {err}") from err


def _decode(body: bytes, header_charset: str | None) -> str:
    try:
        return decode_text(body, header_charset or declared_charset(body)).text
    except DecodeError as err:
        raise FetchError(str(err)) from err


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a hidden file beside `path`, then rename it into place: all of it or nothing."""
    fd, temp = tempfile.mkstemp(prefix=".add-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _Event:
    """The URLs and texts an event folder already has, and the next free file number."""

    def __init__(self, folder: Path, content: Path) -> None:
        self.folder = folder
        self.urls: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.number = 0
        if not folder.is_dir():
            return
        ignored: list[Problem] = []
        for source in load_event(folder, content, ignored).files:
            article = parse_source(source, ignored)
            name = Path(source.path).name
            if article.url:
                self.urls[_url_key(article.url)] = name
            if article.text.strip():
                self.texts[_text_key(article.text)] = name
        for path in folder.iterdir():
            match = _NUMBERED.match(path.name)
            if match:
                self.number = max(self.number, int(match.group(1)))

    def has_url(self, urls: Sequence[str]) -> str | None:
        """The file that already holds one of these URLs, if any."""
        return next((self.urls[_url_key(u)] for u in urls if _url_key(u) in self.urls), None)

    def has_text(self, text: str) -> str | None:
        return self.texts.get(_text_key(text))

    def add(self, urls: Sequence[str], text: str, name: str) -> None:
        self.urls.update((_url_key(url), name) for url in urls)
        self.texts[_text_key(text)] = name


def add_urls(
    content: Path,
    slug: str,
    urls: Sequence[str],
    *,
    keep_html: bool = False,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_PAGE_BYTES,
    now: dt.datetime | None = None,
    transport: httpx.BaseTransport | None = None,
) -> list[Outcome]:
    """Fetch each URL into the event `slug` of the content dir; one Outcome per URL, in order."""
    if not is_slug(slug):
        raise ValueError(f"event '{slug}' is not a slug (try '{slugify(slug, 'event')}')")
    folder = content / slug
    event = _Event(folder, content)
    fetched = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    outcomes: list[Outcome] = []
    headers = {"user-agent": "briefgen (+https://pypi.org/project/briefgen/)", "accept": "text/html,*/*;q=0.5"}
    with httpx.Client(follow_redirects=True, timeout=timeout, headers=headers, transport=transport) as client:
        for url in urls:
            outcomes.append(_add_one(client, url, event, keep_html, max_bytes, fetched))
    return outcomes


def _add_one(client: httpx.Client, url: str, event: _Event, keep_html: bool, max_bytes: int, fetched: str) -> Outcome:
    if safe_url(url) is None:
        return Outcome(url, error="not an http(s) URL")
    if (known := event.has_url([url])) is not None:
        return Outcome(url, skipped=f"the event already has this URL ({known})")
    try:
        final, body, charset = _fetch(client, url, max_bytes)
        raw = _decode(body, charset)
        page = read_page(raw, final)
    except (FetchError, PageError) as err:
        return Outcome(url, error=str(err))
    text = "\n\n".join(text for _, text in page.blocks)
    same = [url, final, *([page.url] if page.url else [])]
    if (known := event.has_url(same) or event.has_text(text)) is not None:
        return Outcome(url, skipped=f"the event already has this page ({known})")
    event.folder.mkdir(parents=True, exist_ok=True)
    event.number += 1
    outlet = slugify(page.outlet or urlsplit(final).hostname or "", "page")
    if keep_html:
        path = event.folder / f"{event.number:02d}-{outlet}.html"
        front = yaml.safe_dump({"url": final, "fetched": fetched}, sort_keys=False, width=10**6)
        _write_atomic(path, f"---\n{front}---\n{raw}".encode())
    else:
        path = event.folder / f"{event.number:02d}-{outlet}.md"
        _write_atomic(path, page_markdown(page, page.url or final, fetched).encode())
    event.add(same, text, path.name)
    return Outcome(url, path=path)
