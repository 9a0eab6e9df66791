"""What happened: key developments, ranked by how many sources report them and how early."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.models import Citation, Extraction, WhatItem
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations

LEAD_SENTENCES = 3
MATCH = 0.5


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def build_what(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[WhatItem, ...]:
    clusters: list[tuple[set[str], str, list[Citation], float]] = []
    for ex in extractions:
        article = articles[ex.source]
        lead = [
            s
            for s in article.sentences
            if not s.boilerplate and article.blocks[s.block].kind != "heading" and len(ex.terms[s.index]) >= 4
        ][:LEAD_SENTENCES]
        for rank, s in enumerate(lead):
            terms = set(ex.terms[s.index])
            for cluster in clusters:
                if _overlap(terms, cluster[0]) >= MATCH:
                    cluster[2].append(cite(article, s.index))
                    break
            else:
                clusters.append((terms, s.text, [cite(article, s.index)], float(rank)))
    clusters.sort(key=lambda c: (-len({x.source for x in c[2]}), c[3]))
    return tuple(WhatItem(text, merge_citations(cits)) for _, text, cits, _ in clusters)
