"""How telling each clause word is within one event: words found in few sentences weigh more.

Words are folded to their sense (briefgen.reconcile.lexicon) so "swap" and "exchange" count as one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from briefgen.models import Extraction, NumberMention
from briefgen.reconcile.lexicon import GENERIC, sense

LIGHT_VERBS = frozenset(
    {"be", "have", "do", "get", "make", "say", "report", "tell", "add", "accord", "include", "leave", "remain"}
)


def senses(terms: Iterable[str], drop: str | None = None) -> set[str]:
    """Sense-folded words without the generic ones and without `drop` (e.g. the unit itself)."""
    return {sense(t) for t in terms if t not in GENERIC and sense(t) != drop}


class TermWeights:
    def __init__(self, extractions: Sequence[Extraction]) -> None:
        df: Counter[str] = Counter()
        for ex in extractions:
            for terms in ex.terms:
                df.update({sense(t) for t in terms or ()})
        self._n = max(1, sum(len(ex.terms) for ex in extractions))
        self._df = df

    def weight(self, term: str) -> float:
        return math.log(1 + self._n / (1 + self._df[term]))

    def total(self, terms: Iterable[str]) -> float:
        """The terms' weights summed exactly (math.fsum): a float sum in a set's order, which the hash seed
        decides, rounds differently from run to run and would break ties between equal overlaps at random."""
        return math.fsum(self.weight(t) for t in terms)

    def share(self, a: set[str], b: set[str]) -> float:
        """Weighted Dice overlap of two word sets (0 to 1): rare words in common count most."""
        shared = a & b
        if not shared:
            return 0.0
        return 2 * self.total(shared) / (self.total(a) + self.total(b))

    def about_same(self, a: NumberMention, b: NumberMention) -> float:
        """How surely two figures are about the same thing: their clause words in common, halved when they say
        different things happened to it ("five people were trapped" vs "five people died"). The verb of a
        duration only says that time passed ("lasted", "ran", "took"), so it tells nothing apart."""
        unit = sense(a.unit) if a.unit else None
        score = self.share(senses(a.terms, unit), senses(b.terms, unit))
        if "duration" in (a.kind, b.kind):
            return score
        pa, pb = (sense(m.predicate) if m.predicate and m.predicate not in LIGHT_VERBS else None for m in (a, b))
        return score / 2 if pa and pb and pa != pb else score
