"""Open questions: the same open point raised by several sources is one item citing each of them.

Items are listed by what a reader can least take for granted: what the sources say is unknown, withheld or
pending before what they only hedge, and within each, the points more sources raise first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.models import Citation, Extraction, QuestionItem
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations
from briefgen.reconcile.names import fold
from briefgen.words.hedge_cues import HEDGED

MATCH = 0.5  # share of the shorter point's content words the two points must share
MIN_SHARED = 2
_STOP = frozenset(
    """a an the of to in on at for and or but is are was were be been will would can could has have had do does did
    not no it its this that these those there their they he she his her we our you your with as by from into about
    over after before while which who whom what when where why how whether if than then also just more most such
    any all some one two""".split()  # noqa: SIM905 - a word list reads better as text
)


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", fold(text))
    return {w.removesuffix("'s").rstrip("s") for w in words if w not in _STOP and len(w) > 2}


@dataclass
class _Point:
    text: str
    status: str
    words: set[str]
    citations: list[Citation] = field(default_factory=list)


def _same(a: set[str], b: set[str]) -> bool:
    shared = a & b
    return len(shared) >= MIN_SHARED and len(shared) >= MATCH * min(len(a), len(b))


def build_questions(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[QuestionItem, ...]:
    points: list[_Point] = []
    for ex in extractions:
        article = articles[ex.source]
        for q in ex.questions:
            words = content_words(q.text)
            citation = cite(article, q.sentence)
            match = next((p for p in points if p.status == q.status and _same(p.words, words)), None)
            if match is None:
                match = next((p for p in points if _same(p.words, words) and len(words & p.words) >= 3), None)
            if match is None:
                points.append(_Point(q.text, q.status, words, [citation]))
            else:
                match.words |= words
                match.citations.append(citation)
    ranked = sorted(
        points,
        key=lambda p: (p.status == HEDGED, -len({c.source for c in p.citations})),
    )
    return tuple(QuestionItem(p.text, merge_citations(p.citations), p.status) for p in ranked)
