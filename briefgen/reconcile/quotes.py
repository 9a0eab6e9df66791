"""Quotes: the same words reported by several sources become one item."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.models import Citation, Extraction, QuoteItem
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")))


def build_quotes(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[QuoteItem, ...]:
    items: list[tuple[str, str | None, list[Citation]]] = []
    for ex in extractions:
        article = articles[ex.source]
        for q in ex.quotes:
            if q.scare or any(article.sentences[s].boilerplate for s in q.sentences):
                continue
            cits = [cite(article, s) for s in q.sentences]
            key = _norm(q.text)
            for i, (text, speaker, existing) in enumerate(items):
                other = _norm(text)
                if key and (key in other or other in key):
                    longer = q.text if len(key) > len(other) else text
                    items[i] = (longer, speaker or q.speaker, [*existing, *cits])
                    break
            else:
                items.append((q.text, q.speaker, cits))
    return tuple(QuoteItem(t, s, merge_citations(c)) for t, s, c in items)
