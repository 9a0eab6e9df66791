"""Citations: pointers from a briefing item to the exact sentence of a source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefgen.models import Article, Citation


def cite(article: Article, sentence: int) -> Citation:
    return Citation(article.id, sentence, article.sentences[sentence].text)


def merge_citations(*groups: Iterable[Citation]) -> tuple[Citation, ...]:
    """Union of citations, first occurrence order, one per (source, sentence)."""
    seen: dict[tuple[str, int], Citation] = {}
    for group in groups:
        for c in group:
            seen.setdefault((c.source, c.sentence), c)
    return tuple(seen.values())


def sources_of(citations: Iterable[Citation]) -> set[str]:
    return {c.source for c in citations}


ArticleIndex = Mapping[str, Article]
