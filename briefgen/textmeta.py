"""Metadata an article's own text states, for articles without front matter: outlet, date and author.

News copy names its source in a few fixed places: the wire dateline ("LONDON, March 3 (Reuters) -"),
the byline ("By Jane Doe, The Example Times" or "By Jane Doe | Example News"), a date line under the
headline ("Published: 3 March 2026") and the syndication trailer ("The post ... appeared first on
Example News."). Only those places are read: the first and last few blocks, never the story itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.clean import EDGE, trailer_outlet

_MONTHS = {
    name.lower(): i for names in (calendar.month_name, calendar.month_abbr) for i, name in enumerate(names) if name
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = (
    re.compile(rf"(?i)\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
_DATE_LINE = re.compile(r"(?i)^(?:published|posted|updated|last\s+updated|first\s+published|date)\b\s*(?:on|:)?\s*")
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}"
# A wire dateline: a place in capitals, an optional date, the agency in brackets, a dash.
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'\u2019 -]{{1,40}}(?:,\s*[A-Z][\w.]*\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*"
    rf"\((?P<outlet>{_NAME})\)\s*[-\u2013\u2014]"
)
# A byline naming the outlet after the writer: "By Jane Doe, Example News" / "By Jane Doe | Example News".
_BYLINE = re.compile(
    rf"^(?:By|BY)\s+(?P<author>{_NAME}(?:\s+and\s+{_NAME})?)(?:\s*(?:,|\||\u2014|\u2013|-|\bfor\b)\s*"
    rf"(?P<outlet>(?:[Tt]he\s+)?{_NAME}))?\s*$"
)
SHORT_LINE = 12  # words: a date line or byline is short; a sentence of the story is not read


@dataclass(frozen=True, slots=True)
class TextMeta:
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None


def _date(text: str) -> str | None:
    for pattern in _DATES:
        match = pattern.search(text)
        if match is None:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        try:
            return dt.date(int(match["year"]), number, int(match["day"])).isoformat()
        except ValueError:
            continue
    return None


def text_meta(blocks: Sequence[str]) -> TextMeta:
    """Outlet, date and author stated by the first or last blocks of an article's text (plain text blocks)."""
    outlet = author = published = None
    for text in (b.strip() for b in blocks[:EDGE]):
        short = len(text.split()) <= SHORT_LINE
        if (match := _DATELINE.match(text)) is not None:
            outlet = outlet or match["outlet"]
            published = published or _date(text[: match.end()])
        elif short and (match := _BYLINE.match(text)) is not None:
            author = author or match["author"]
            outlet = outlet or match["outlet"]
        elif short and (_DATE_LINE.match(text) or (_date(text) and len(text.split()) <= 6)):
            published = published or _date(text)
    return TextMeta(outlet or trailer_outlet(blocks), published, author)
