"""Find direct quotations in plain text: which marks open and close them, and where.

Pure text work (no spaCy). Handles curly, straight and doubled ('', \u2019\u2019) marks, single quotes told
apart from apostrophes, nested quotes, unbalanced marks (a quote left open runs to the end of
its paragraph) and quotes running over paragraphs where each paragraph reopens the mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["open", "close", "either"]

_MARK_RE = re.compile(r"''|``|\u2018\u2018|\u2019\u2019|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']")
_OPENERS = " \t([{\u2014\u2013-/\u2015"
_CLOSERS = " \t.,;:!?)]}\u2014\u2013-/\u2015\u2026"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The words inside one pair of quotation marks: offsets into the text, marks excluded."""

    start: int
    end: int
    closed: bool = True  # False when the paragraph ended before a closing mark
    reopened: bool = False  # True when it continues a quote left open in the previous paragraph


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    end: int
    double: bool
    role: Role


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _double_role(text: str, m: re.Match[str]) -> Role:
    mark = m.group()
    before, after = _char(text, m.start() - 1), _char(text, m.end())
    if mark in ("\u201c", "``", "\u201e", "\u00ab", "\u2018\u2018"):
        return "open"
    if mark in ("\u201d", "\u00bb", "\u2019\u2019"):
        # a closing curly mark at a paragraph start or after a space, before a word, is a typo for an opener
        return "open" if before in _OPENERS and after.isalnum() else "close"
    if before in _OPENERS and after not in " \t":
        return "open"
    if after in _CLOSERS and before not in " \t":
        return "close"
    return "either"


def _single_role(text: str, m: re.Match[str]) -> Role | None:
    """None for an apostrophe (don't, Smith's, '90s); otherwise whether it can open or close."""
    before, after = _char(text, m.start() - 1), _char(text, m.end())
    if before.isalnum() and after.isalnum():
        return None
    if before in _OPENERS and (after.isalpha() or after in '"\u201c'):
        return "open"
    if after in _CLOSERS and (before.isalnum() or before in '.,!?\u2026"\u201d'):
        return "close"
    return None


def _marks(text: str) -> list[_Mark]:
    marks = []
    for m in _MARK_RE.finditer(text):
        double = m.group() not in ("'", "\u2018", "\u2019")
        role = _double_role(text, m) if double else _single_role(text, m)
        if role is not None:
            marks.append(_Mark(m.start(), m.end(), double, role))
    return marks


def _single_spans(text: str, marks: list[_Mark], lo: int, hi: int) -> list[tuple[int, int]]:
    """Top-level single-quoted spans between lo and hi: an opener paired with the next closer."""
    spans = []
    inner = [m for m in marks if not m.double and lo <= m.pos < hi]
    i = 0
    while i < len(inner):
        if inner[i].role != "open":
            i += 1
            continue
        j = next((k for k in range(i + 1, len(inner)) if inner[k].role == "close"), None)
        if j is None:
            break
        spans.append((inner[i].end, inner[j].pos))
        i = j + 1
    return spans


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*(?=\s)")


def _cut_open_quote(text: str, start: int, mark: _Mark) -> tuple[int, bool]:
    """An opening double mark inside an open double quote (English nests quotes in single marks): the open
    quote was left open. After a finished sentence it goes on, as each paragraph of a long quote reopens the
    mark (the break between them may be lost); else other words came between: it ended with its last sentence.
    Returns where the open quote ends and whether the next one continues it."""
    if text[: mark.pos].rstrip().endswith((".", "!", "?", "\u2026")):
        return mark.pos, True
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, mark.pos)]
    return (ends[-1] if ends else mark.pos), False


def _paragraph_spans(text: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, closed, reopened) of the top-level quotes of one paragraph."""
    marks = _marks(text)
    spans: list[tuple[int, int, bool, bool]] = []
    depth, opened_at, plain_from, reopened = 0, 0, 0, False
    for mark in marks:
        if not mark.double:
            continue
        role = mark.role
        if role == "either":
            role = "close" if depth else "open"
        if role == "open" and depth == 1:
            end, continues = _cut_open_quote(text, opened_at, mark)
            spans.append((opened_at, end, False, reopened))
            opened_at, reopened = mark.end, continues
        elif role == "open":
            if depth == 0:
                opened_at, reopened = mark.end, False
                spans.extend((s, e, True, False) for s, e in _single_spans(text, marks, plain_from, mark.pos))
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened_at, mark.pos, True, reopened))
                plain_from = mark.end
    if depth:
        spans.append((opened_at, len(text.rstrip()), False, reopened))
    else:
        spans.extend((s, e, True, False) for s, e in _single_spans(text, marks, plain_from, len(text)))
    return sorted(spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotes of a text whose paragraphs are separated by blank lines, in order."""
    found: list[QuoteSpan] = []
    offset = 0
    left_open = False
    for para in text.split("\n\n"):
        spans = _paragraph_spans(para)
        for i, (start, end, closed, reopens) in enumerate(spans):
            s, e = _trim(para, start, end)
            reopened = reopens or (left_open and i == 0 and para[:start].strip(" \"'\u201c\u201d\u2018\u2019`") == "")
            if e > s:
                found.append(QuoteSpan(offset + s, offset + e, closed, reopened))
        left_open = bool(spans) and not spans[-1][2]
        offset += len(para) + 2
    return found
