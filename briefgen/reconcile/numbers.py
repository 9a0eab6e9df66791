"""Numbers: the same figure about the same thing from several sources is one item citing all of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.models import Bound, Extraction, NumberItem, NumberMention
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations
from briefgen.reconcile.lexicon import sense
from briefgen.reconcile.weights import LIGHT_VERBS, TermWeights, senses


def unit_key(unit: str | None) -> str | None:
    """Units that name the same counted thing share a key ("people", "persons")."""
    return sense(unit) if unit else None


@dataclass(frozen=True, slots=True)
class Figure:
    """One merged figure: the briefing item and the mentions (with their source ids) behind it."""

    item: NumberItem
    mentions: tuple[tuple[str, NumberMention], ...]

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(source for source, _ in self.mentions)

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for _, m in self.mentions for t in m.terms)

    @property
    def item_terms(self) -> tuple[str, ...]:
        """Clause words of the mention the item shows, in order."""
        return next((m.terms for _, m in self.mentions if m.text == self.item.text), ())


def _item(members: Sequence[tuple[str, NumberMention]], articles: ArticleIndex) -> NumberItem:
    first = next((m for _, m in members if m.unit), members[0][1])
    bounds = {m.bound for _, m in members} - {"exact"}
    bound: Bound = bounds.pop() if len(bounds) == 1 else "exact"  # "at least 84" and "the 84 killed": at least 84
    return NumberItem(
        value=first.value,
        unit=first.unit,
        text=first.text,
        context=first.context,
        citations=merge_citations(cite(articles[s], m.sentence) for s, m in members),
        kind=first.kind,
        approximate=all(m.approximate for _, m in members),
        bound=bound,
        each=any(m.each for _, m in members),
    )


JOIN = 0.15  # how surely two mentions of one value must be about the same thing to be one figure


def _joins(members: Sequence[tuple[str, NumberMention]], n: NumberMention, weights: TermWeights) -> bool:
    """Whether n is the figure of these members: same value and thing counted, and about the same thing."""
    first = members[0][1]
    if first.value != n.value or (first.kind != n.kind and "count" not in (first.kind, n.kind)):
        return False
    if unit_key(first.unit) != unit_key(n.unit) and not (n.unit is None and n.kind == "count"):
        return False
    if n.kind == "count" and any(_done_apart(m, n) for _, m in members):
        return False
    if not senses(n.terms, unit_key(first.unit)):
        return True
    return any(weights.about_same(m, n) >= JOIN for _, m in members)


def _done_apart(a: NumberMention, b: NumberMention) -> bool:
    """Whether two counts say different things happened to what they count ("five were trapped", "five are
    dead"): the same number of people in two states is two facts, however alike the rest of the clauses."""
    pa, pb = (sense(m.predicate) if m.predicate and m.predicate not in LIGHT_VERBS else None for m in (a, b))
    return bool(pa and pb and pa != pb)


def build_figures(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[Figure, ...]:
    """Group number mentions into figures: the same value of the same counted thing, about the same thing
    ("five people were trapped" and "five people died" stay apart). A unit-less mention ("51 were injured")
    joins a same-valued figure it shares words with."""
    weights = TermWeights(extractions)
    groups: list[list[tuple[str, NumberMention]]] = []
    first: list[int] = []  # per group, the place of its earliest mention in the extractions
    mentions = [(ex.source, n) for ex in extractions for n in ex.numbers]
    # unit-less mentions come last, to join figures with units
    for place in sorted(range(len(mentions)), key=lambda i: mentions[i][1].unit is None):
        source, n = mentions[place]
        home = next((k for k, g in enumerate(groups) if _joins(g, n, weights)), None)
        if home is None:
            groups.append([(source, n)])
            first.append(place)
        else:
            groups[home].append((source, n))
            first[home] = min(first[home], place)
    order = sorted(range(len(groups)), key=first.__getitem__)  # by place in the articles, never by identity
    return tuple(Figure(_item(groups[k], articles), tuple(groups[k])) for k in order)


def build_numbers(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[NumberItem, ...]:
    return tuple(f.item for f in build_figures(extractions, articles))
