"""Rule-based sentence splitting, so sentence ids exist before (and without) NLP.

A boundary is terminal punctuation (optionally followed by closing quotes or
brackets), then whitespace, then something that can open a sentence. Known
abbreviations, initials and decimals do not end sentences.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
        "approx",
        "dept",
        "est",
        "fig",
        "ft",
    ]
)
_CLOSERS = "\"'\u201d\u2019)]"
_OPENERS = "\"'\u201c\u2018([\u2014-"
_BOUNDARY = re.compile(rf"[.!?\u2026]+[{re.escape(_CLOSERS)}]*(?=\s+[{re.escape(_OPENERS)}]*[A-Z0-9\u00C0-\u024F])")


def _ends_with_abbreviation(text: str) -> bool:
    """True if `text` (ending in a period) ends with an abbreviation or an initial."""
    word = re.search(r"(\S+)\.$", text)
    if not word:
        return False
    token = word.group(1).lstrip(_OPENERS).lower()
    if token in ABBREVIATIONS:
        return True
    # single initials ("Dmitri S.") and dotted acronyms ("U.S.", "a.m.")
    return bool(re.fullmatch(r"[a-z]|([a-z]\.)+[a-z]", token))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of one block of text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        piece = text[start:end]
        if piece.rstrip(_CLOSERS).endswith(".") and _ends_with_abbreviation(piece.rstrip(_CLOSERS)):
            continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
