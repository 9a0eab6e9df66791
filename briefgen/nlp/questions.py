"""Open questions: what a sentence marks as not (yet) known, each phrased as the open point, with its status.

Cues (hedge_cues.py) are of two kinds. A complement cue governs a wh-clause that is the point ("it is unclear
whether the bridge will reopen" -> status "Unclear", point "whether the bridge will reopen"). A clause cue marks
its own clause as the point ("the driver may have fallen asleep" -> "Hedged", "the driver may have fallen asleep");
the clause comes from the dependency parse when there is one (the cue's governing verb and what it
governs), from punctuation otherwise. A point ends where the sentence moves on (", but", ", adding",
"; ", a closing quote, the attribution "..., police said"). One sentence can raise several points.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from briefgen.models import QuestionMention, Sentence
from briefgen.words.hedge_cues import CLAUSE, COMPLEMENT

Span = tuple[int, int]
Clause = Callable[[int, int], Span]  # the clause (char span in the sentence) around a cue's char span

_END = re.compile(
    r",\s*(?:as|while|and\s+(?:he|she|they|it|the|a|an|his|her|their|its)|adding|saying|according|though|although|which)\b|,?\s+but\b"
    r"|,?\s*[\u201d\"]|,\s*(?:[\w.'\u2019-]+\s){0,6}(?:said|says|told|added|reported|reports)\b|[;!?]|(?<!\b[A-Z])\.(?=\s|$)|$"
)
_OPEN = re.compile(r"[,;:(\u2014\u2013\u201c\"]\s*|\s[-\u2013]\s")
_COMPLEMENT = tuple((label, re.compile(p, re.IGNORECASE)) for label, p in COMPLEMENT)
_CLAUSE = tuple((label, re.compile(p, re.IGNORECASE)) for label, p in CLAUSE)
_STRIP = " ,:;\u2014\u2013-\u201c\u201d\"'\u2018\u2019"
_MIN_WORDS = 2
MAX_WORDS = 24  # a longer point ran past its clause (scraped lines joined without punctuation)


def end_of_clause(text: str, pos: int) -> int:
    """Where the clause running at `pos` ends: the next boundary (see the module doc)."""
    match = _END.search(text, pos)
    return match.start() if match else len(text)


def punctuation_clause(text: str) -> Clause:
    """The clause around a cue as punctuation shows it: from the last mark before the cue to the clause end."""

    def clause(start: int, end: int) -> Span:
        opens = [m.end() for m in _OPEN.finditer(text, 0, start)]
        return (opens[-1] if opens else 0), end_of_clause(text, end)

    return clause


def _phrase(text: str) -> str | None:
    point = text.strip(_STRIP)
    words = point.split()
    if len(words) < _MIN_WORDS:
        return None
    if len(words) > MAX_WORDS:
        point = " ".join(words[:MAX_WORDS]) + " \u2026"
    return point


def open_points(text: str, clause: Clause | None = None) -> list[tuple[str, str]]:
    """The open points a sentence raises, each as (status, point) (empty when it raises none)."""
    around = clause or punctuation_clause(text)
    found: list[tuple[Span, str]] = []
    for label, pattern in _COMPLEMENT:
        for match in pattern.finditer(text):
            start = match.start("point")
            found.append(((start, around(start, start + 1)[1]), label))
    for label, pattern in _CLAUSE:
        for match in pattern.finditer(text):
            start, end = around(match.start(), match.end())
            found.append(((min(start, match.start()), max(end, match.end())), label))
    points: list[tuple[str, str]] = []
    taken: list[Span] = []
    for (start, end), label in found:
        if any(start < e and s < end for s, e in taken):
            continue
        point = _phrase(text[start:end])
        if point is not None:
            taken.append((start, end))
            points.append((label, point))
    return points


_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def parse_clause(doc: Any, sentence: Sentence) -> Clause:
    """The clause around a cue from the dependency parse: the verb that governs the cue, from its subject
    (the first conjunct's, when verbs share it; what comes before the subject, a subordinate clause or a
    connective, is another matter) to the end of what the verb governs; a relative clause comes with the noun
    it describes."""
    fallback = punctuation_clause(sentence.text)

    def clause(start: int, end: int) -> Span:
        span = doc.char_span(sentence.start + start, sentence.start + end, alignment_mode="expand")
        if span is None or not len(span):
            return fallback(start, end)
        head = span[0]
        while head.head.i != head.i and not (
            head.dep_ in _CLAUSE_DEPS or (head.dep_ == "conj" and head.pos_ in ("VERB", "AUX"))
        ):
            head = head.head
        if head.dep_ in ("relcl", "acl"):
            first = head.head.left_edge
        else:
            subjects = [c for c in head.lefts if c.dep_ in _SUBJECTS]
            if not subjects and head.dep_ == "conj":  # "the deal needs approval and could face ...": shared subject
                subjects = [c for c in head.head.lefts if c.dep_ in _SUBJECTS]
            first = subjects[0].left_edge if subjects else head
        last = head.right_edge
        left = max(first.idx - sentence.start, 0)
        right = last.idx + len(last) - sentence.start
        return min(left, start), max(min(right, end_of_clause(sentence.text, end)), end)

    return clause


def extract_questions(doc: Any, sentences: Sequence[Sentence]) -> tuple[QuestionMention, ...]:
    """The open points of each sentence that is not page furniture, cited to it (`doc`: the article's parse,
    whose text is the article's, or None to read clauses from punctuation alone)."""
    return tuple(
        QuestionMention(point, s.index, status)
        for s in sentences
        if not s.boilerplate
        for status, point in open_points(s.text, parse_clause(doc, s) if doc is not None else None)
    )
