"""What happened: key developments, one item per development, cited to every source that reports it.

Sentences of all sources are described by their content lemmas, the entities they name (as the
merged who entries, so "U.S." and "United States" agree) and their figures. Sentences that share
enough rare features, weighted by inverse sentence frequency, are one development. Developments
rank by how many sources report them, then by how early they come in those sources.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.models import Article, Citation, Extraction, Sentence, WhatItem, WhoItem
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations
from briefgen.reconcile.names import fold
from briefgen.reconcile.people import build_who

MAX_ITEMS = 8
MATCH = 0.3  # weighted share of the smaller sentence's features two reports of one development share
MIN_SHARED = 3  # and at least this many features in common
MIN_TERMS = 5
QUOTED_SHARE = 0.6  # sentences mostly inside quotation marks are quotes, not developments
_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"]*[\u201d\"]")
_UNCERTAIN = re.compile(
    r"\b(?:unclear|not clear|uncertain|unknown|too early|remains? to be seen|did not say|declined to|whether)\b", re.I
)


@dataclass
class _Candidate:
    source: str
    sentence: Sentence
    position: float  # 0 = first candidate of its article, 1 = last
    features: set[str]


@dataclass
class _Cluster:
    members: list[_Candidate] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def add(self, candidate: _Candidate) -> None:
        self.members.append(candidate)
        self.sources.add(candidate.source)

    @property
    def earliest(self) -> float:
        return min(m.position for m in self.members)


def _entity_index(who: Sequence[WhoItem]) -> dict[str, str]:
    index: dict[str, str] = {}
    for item in who:
        for name in (item.name, *item.aliases):
            index.setdefault(fold(name), fold(item.name))
    return index


def _is_development(sentence: Sentence, article: Article) -> bool:
    text = sentence.text.strip()
    if sentence.boilerplate or article.blocks[sentence.block].kind == "heading" or text.endswith("?"):
        return False
    quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
    return quoted < QUOTED_SHARE * len(text) and not _UNCERTAIN.search(text)


def _candidates(ex: Extraction, article: Article, entities: dict[str, str]) -> list[_Candidate]:
    names: dict[int, set[str]] = {}
    name_words: dict[int, set[str]] = {}  # the words of a name count once, as the name
    for m in ex.mentions:
        names.setdefault(m.sentence, set()).add("@" + entities.get(fold(m.text), fold(m.text)))
        name_words.setdefault(m.sentence, set()).update(fold(m.text).split())
    figures: dict[int, set[str]] = {}
    for n in ex.numbers:
        figures.setdefault(n.sentence, set()).add(f"#{n.value:g}")
    chosen = [s for s in article.sentences if _is_development(s, article) and len(set(ex.terms[s.index])) >= MIN_TERMS]
    out = []
    for rank, s in enumerate(chosen):
        terms = set(ex.terms[s.index]) - name_words.get(s.index, set())
        features = terms | names.get(s.index, set()) | figures.get(s.index, set())
        out.append(_Candidate(ex.source, s, rank / max(1, len(chosen) - 1), features))
    return out


def _similarity(a: _Candidate, b: _Candidate, weight: dict[str, float], totals: dict[int, float]) -> float:
    shared = a.features & b.features
    if len(shared) < MIN_SHARED:
        return 0.0
    smaller = min(totals[id(a)], totals[id(b)])
    return sum(weight[f] for f in shared) / smaller if smaller else 0.0


def build_what(
    extractions: Sequence[Extraction], articles: ArticleIndex, who: Sequence[WhoItem] | None = None
) -> tuple[WhatItem, ...]:
    entities = _entity_index(build_who(extractions, articles) if who is None else who)
    candidates = [c for ex in extractions for c in _candidates(ex, articles[ex.source], entities)]
    df = Counter(f for c in candidates for f in c.features)
    weight = {f: math.log(1 + len(candidates) / n) for f, n in df.items()}
    totals = {id(c): sum(weight[f] for f in c.features) for c in candidates}
    clusters: list[_Cluster] = []
    for cand in sorted(candidates, key=lambda c: c.position):
        best, score = None, MATCH
        for cluster in clusters:
            if cand.source in cluster.sources:
                continue
            sim = max(_similarity(cand, m, weight, totals) for m in cluster.members)
            if sim >= score:
                best, score = cluster, sim
        if best is None:
            best = _Cluster()
            clusters.append(best)
        best.add(cand)
    clusters.sort(key=lambda c: (-len(c.sources), c.earliest))
    items = []
    for cluster in clusters[:MAX_ITEMS]:
        lead = min(cluster.members, key=lambda m: m.position)
        cits: list[Citation] = [cite(articles[m.source], m.sentence.index) for m in cluster.members]
        items.append(WhatItem(lead.sentence.text, merge_citations(cits)))
    return tuple(items)
