"""Corroboration: find, in every other source, the sentence that reports the same fact as an item.

Matching is by meaning without embeddings: the content lemmas, figures and entity names of the item's cited
sentences against each sentence of another source, each word weighted by how rare it is in the event (so the
event's own name, present everywhere, proves nothing). The best sentence above the bar gets a citation.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from briefgen.models import Article, Citation, Extraction, QuestionItem, WhatItem
from briefgen.reconcile.body import body
from briefgen.reconcile.cite import cite, merge_citations

MATCH = 0.45  # weighted share of the smaller side's words that must be shared
MIN_SHARED = 3  # and at least this many words in common

Item = TypeVar("Item", WhatItem, QuestionItem)


class SentenceIndex:
    """Words (lemmas, figures, entity names) of every usable sentence of the event, with their rarity."""

    def __init__(self, extractions: Sequence[Extraction], articles: Mapping[str, Article]) -> None:
        self.articles = articles
        self.words: dict[tuple[str, int], frozenset[str]] = {}
        for ex in extractions:
            article = articles[ex.source]
            extra: dict[int, set[str]] = {}
            for figure in ex.numbers:
                extra.setdefault(figure.sentence, set()).add(f"#{figure.value:g}")
            for mention in ex.mentions:
                extra.setdefault(mention.sentence, set()).add(mention.text.lower())
            for s, terms in body(ex, article):
                if article.blocks[s.block].kind == "heading":
                    continue
                words = set(terms) | extra.get(s.index, set())
                if words:
                    self.words[(ex.source, s.index)] = frozenset(words)
        df: Counter[str] = Counter(w for words in self.words.values() for w in words)
        n = len(self.words) or 1
        self._weight = {w: math.log(1 + n / c) for w, c in df.items()}
        self._totals = {key: self.weight(words) for key, words in self.words.items()}

    def weight(self, words: frozenset[str] | set[str]) -> float:
        """The words' total weight, summed exactly: a float sum in a set's order (the hash seed's) rounds
        differently from run to run, and two equally good sentences must tie the same way every time."""
        return math.fsum(self._weight.get(w, 0.0) for w in words)

    def best_in(self, source: str, words: frozenset[str]) -> int | None:
        """The sentence of `source` that best reports the same fact as `words`, if any reaches the bar."""
        best, best_score = None, MATCH
        mine = self.weight(words)
        for (sid, index), theirs in self.words.items():
            if sid != source:
                continue
            shared = words & theirs
            if len(shared) < MIN_SHARED:
                continue
            score = self.weight(shared) / min(mine, self._totals[sid, index])
            if score >= best_score:
                best, best_score = index, score
        return best


def corroborate(items: Sequence[Item], index: SentenceIndex) -> tuple[Item, ...]:
    """Each item with a citation added for every other source that reports the same fact."""
    out = []
    sources = list(index.articles)
    for item in items:
        cited = {c.source for c in item.citations}
        words = frozenset().union(*(index.words.get((c.source, c.sentence), frozenset()) for c in item.citations))
        extra: list[Citation] = []
        for source in sources:
            if source in cited or not words:
                continue
            found = index.best_in(source, words)
            if found is not None:
                extra.append(cite(index.articles[source], found))
        out.append(replace(item, citations=merge_citations(item.citations, extra)) if extra else item)
    return tuple(out)
