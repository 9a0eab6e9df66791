"""Who: people, organisations and places, merged across mentions and sources."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.models import Article, Citation, Extraction, Mention, WhoItem
from briefgen.reconcile.cite import ArticleIndex, cite

_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "madam", "prof"})


def name_tokens(name: str) -> list[str]:
    words = [w.strip(".,").lower() for w in re.split(r"\s+", name) if w.strip(".,")]
    return [w for w in words if w not in _HONORIFICS]


@dataclass
class _Entity:
    names: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(name_tokens(n)), self.names[n], n))


def _key(mention: Mention) -> tuple[str, str]:
    return (_KIND.get(mention.label, "other"), " ".join(name_tokens(mention.text)))


def build_who(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[WhoItem, ...]:
    groups: dict[tuple[str, str], _Entity] = defaultdict(_Entity)
    for ex in extractions:
        article: Article = articles[ex.source]
        for m in ex.mentions:
            if article.sentences[m.sentence].boilerplate:
                continue
            entity = groups[_key(m)]
            entity.names[m.text] += 1
            entity.labels[m.label] += 1
            if m.role and m.role not in entity.roles:
                entity.roles.append(m.role)
            entity.citations.append(cite(article, m.sentence))
    # join surname-only person keys to the single full name ending with that surname
    for kind, key in list(groups):
        if kind != "person" or " " in key:
            continue
        fulls = [k for (kd, k) in groups if kd == "person" and k != key and k.split()[-1] == key]
        if len(fulls) == 1:
            short = groups.pop((kind, key))
            full = groups[(kind, fulls[0])]
            full.names.update(short.names)
            full.roles.extend(r for r in short.roles if r not in full.roles)
            full.citations.extend(short.citations)
    items = []
    for (kind, _), e in groups.items():
        per_source: dict[str, Citation] = {}
        for c in e.citations:
            per_source.setdefault(c.source, c)
        name = e.name
        items.append(
            WhoItem(
                name=name,
                kind=kind,
                aliases=tuple(sorted(n for n in e.names if n != name)),
                roles=tuple(e.roles),
                citations=tuple(per_source.values()),
                mentions=sum(e.names.values()),
            )
        )
    items.sort(key=lambda w: (-len(w.citations), -w.mentions, w.name))
    return tuple(items)
