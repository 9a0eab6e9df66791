"""Timeline: the event's dated moments, resolved against each article's published date, in order.

A moment reported by several sources (same resolved date, or same words when unresolved, and clauses that
share words) is one item citing all of them. Unresolvable dates stay as written and come last.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefgen.models import Article, Citation, DateMention, Extraction, TimelineItem
from briefgen.reconcile.cite import cite, merge_citations
from briefgen.reconcile.dates import resolve

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "by",
        "with",
        "as",
        "that",
        "this",
        "it",
        "its",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


@dataclass
class _Moment:
    when: str
    date: str | None
    key: str
    qualifier: str | None
    text: str
    words: set[str]
    order: tuple[int, int]
    citations: list[Citation] = field(default_factory=list)


def _qualifier(mention: DateMention, edge: str | None) -> str | None:
    return " ".join(q for q in (mention.qualifier, edge) if q) or None


def build_timeline(
    extractions: Sequence[Extraction], articles: Mapping[str, Article], fallback: str | None = None
) -> tuple[TimelineItem, ...]:
    """Ordered timeline; `fallback` (the event's date) stands in for a missing published date."""
    moments: list[_Moment] = []
    for rank, ex in enumerate(extractions):
        article = articles[ex.source]
        for d in ex.dates:
            resolved = resolve(d.text, article.published or fallback, d.future)
            key = resolved.iso if resolved else d.text.lower().removeprefix("the ").strip()
            qualifier = _qualifier(d, resolved.edge if resolved else None)
            words = _words(d.context) - _words(d.text)
            same = next(
                (m for m in moments if m.key == key and m.qualifier == qualifier and (m.words & words or not words)),
                None,
            )
            if same is None:
                same = _Moment(
                    d.text, resolved.iso if resolved else None, key, qualifier, d.context, words, (rank, d.sentence)
                )
                moments.append(same)
            same.citations.append(cite(article, d.sentence))
    moments.sort(key=lambda m: (m.date is None, m.date or "", m.order))
    return tuple(TimelineItem(m.when, m.date, m.text, merge_citations(m.citations), m.qualifier) for m in moments)
