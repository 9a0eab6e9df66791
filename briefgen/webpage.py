"""Saved web pages: the article of an HTML page (its text blocks and metadata), read with trafilatura.

trafilatura finds the main text and drops the page's furniture (navigation, related links, comments);
it is asked to favour precision, since a briefing cites sentences and a stray line of furniture costs
more than a lost one. briefgen's own boilerplate rules (briefgen/clean.py) then flag what it kept.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefgen.clean import is_furniture
from briefgen.models import BlockKind
from briefgen.sanitize import safe_url

MAX_PAGE_BYTES = 5 * 1024 * 1024  # larger pages are refused unread: 3x the largest news page we have seen
MIN_SENTENCE_WORDS = 5  # a page is an article if at least one of its blocks is this long
_WHITESPACE = re.compile(r"\s+")
_BLOCK_TAGS: dict[str, BlockKind] = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "paragraph"}
_INLINE_TAGS = frozenset({"hi", "ref", "del", "span"})  # trafilatura's inline markup
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# As browsers do (the WHATWG encoding standard): Latin-1 and ASCII labels mean Windows-1252, and a
# UTF-16 label on a page that has no UTF-16 byte-order mark is wrong.
_LABEL_MEANS = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": None}


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> charset near its top, as a Python codec name; None if none."""
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii", "replace")).name
    except LookupError:
        return None
    return _LABEL_MEANS.get(name.removesuffix("-le").removesuffix("-be"), name)


class PageError(ValueError):
    """The page holds no article text that can be read."""


@dataclass(frozen=True, slots=True)
class WebPage:
    """What a page says about its article; a field the page does not state is None."""

    blocks: tuple[tuple[BlockKind, str], ...]
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None


def _text(element: Any) -> str:
    return _WHITESPACE.sub(" ", "".join(element.itertext())).strip()


def _item_text(item: Any) -> str:
    """A list item's own text, without the items of a list nested in it (they are blocks of their own)."""
    parts = [item.text or ""]
    for child in item:
        parts += [_text(child) if child.tag != "list" else " ", child.tail or ""]
    return _WHITESPACE.sub(" ", "".join(parts)).strip()


def _blocks(body: Any) -> list[tuple[BlockKind, str]]:
    """trafilatura's output tree -> (kind, text) blocks: headings, paragraphs, list items, quotes, table rows.

    Text that stands between blocks (with its inline markup) is a paragraph of its own; a line break ends it.
    """
    blocks: list[tuple[BlockKind, str]] = []
    loose = [body.text or ""]  # text outside any block, gathered until the next block

    def flush() -> None:
        blocks.append(("paragraph", _WHITESPACE.sub(" ", "".join(loose)).strip()))
        loose.clear()

    for element in body:
        if element.tag in _INLINE_TAGS:
            loose.append("".join(element.itertext()))
        else:
            flush()
            if element.tag == "list":
                blocks += [("item", _item_text(item)) for item in element.iter("item")]
            elif element.tag == "table":
                for row in element.iter("row"):
                    cells = [_text(cell) for cell in row.iter("cell")]
                    blocks.append(("paragraph", " ; ".join(c for c in cells if c)))
            elif element.tag != "lb":
                blocks.append((_BLOCK_TAGS.get(element.tag, "paragraph"), _text(element)))
        loose.append(element.tail or "")
    flush()
    return [(kind, text) for kind, text in blocks if text]


def _same_words(a: str, b: str) -> bool:
    return _WORD.findall(a.casefold()) == _WORD.findall(b.casefold())


def _field(value: object) -> str | None:
    text = _WHITESPACE.sub(" ", value).strip() if isinstance(value, str) else ""
    return text or None


def furniture_flags(blocks: Sequence[tuple[BlockKind, Sequence[str]]]) -> list[list[bool]]:
    """Boilerplate flags for a page's blocks given as (kind, sentences): True for a furniture sentence.

    The page's own markup has already told trafilatura what is a caption, a credit or navigation, so
    only briefgen's sentence rules (sign-up, share and cookie text, credits, trailers) apply, and not
    to quotations or list items: a blockquote is matter the article quotes (an embedded post keeps its
    handle and link), and a list item is the article's own (steps, ingredients, a line of a schedule).
    The whole-block rules of text articles, which guess a caption or a label from a line's shape, are
    for text whose layout was lost.
    """
    return [[kind in ("paragraph", "heading") and is_furniture(s) for s in sentences] for kind, sentences in blocks]


def read_page(html: str, url: str | None = None) -> WebPage:
    """The article of a page: main text as blocks, with title, author, date, site name and canonical URL.

    `url` is where the page came from, if known (it helps trafilatura resolve relative links and the
    site name). Raises PageError when the page has no article text.
    """
    import trafilatura  # imported here: a site without web pages never pays for it
    from trafilatura.settings import Document

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except (ValueError, TypeError, RecursionError) as err:  # lxml gives up on some broken markup
        raise PageError(f"cannot read the markup: {err}") from err
    body = getattr(document, "body", None)
    if not isinstance(document, Document) or body is None:
        raise PageError("no article text found in the page")
    blocks = _blocks(body)
    title = _field(document.title)
    if title and blocks and blocks[0][0] == "heading" and _same_words(blocks[0][1], title):
        blocks = blocks[1:]  # the headline is the source's title, not a sentence of its text
    if not any(len(text.split()) >= MIN_SENTENCE_WORDS for _, text in blocks):  # a menu, a title, a button
        raise PageError("no article text found in the page")
    date = _field(getattr(document, "date", None))
    return WebPage(
        blocks=tuple(blocks),
        title=title,
        author=_field(document.author),
        published=date if date and _DATE.match(date) else None,
        outlet=_field(document.sitename),
        url=safe_url(document.url) if isinstance(document.url, str) else None,
    )
