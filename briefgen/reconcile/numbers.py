"""Numbers: the same figure about the same thing from several sources is one item."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.models import Citation, Extraction, NumberItem, NumberMention
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations


def build_numbers(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[NumberItem, ...]:
    groups: dict[tuple[float, str | None], tuple[NumberMention, list[Citation]]] = {}
    for ex in extractions:
        article = articles[ex.source]
        for n in ex.numbers:
            if article.sentences[n.sentence].boilerplate:
                continue
            key = (n.value, n.unit)
            _, cits = groups.setdefault(key, (n, []))
            cits.append(cite(article, n.sentence))
    return tuple(NumberItem(n.value, n.unit, n.text, n.context, merge_citations(c)) for n, c in groups.values())
