"""Ranking: each section of a briefing ordered most important first, every item kept.

Importance, as news is written and read: how many sources report the item (corroboration), how early they
report it (the inverted pyramid puts what matters first), and whether it is about the event's main actors and
happenings (the words of the development most sources tell earliest). Among numbers, years and dates are
timeline material and come last, and a count of one or two of something ("two sides", "one man") refers to
parties more than it measures the event, so it comes after the figures. The timeline stays in date order;
editor-pinned developments stay first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from briefgen.models import Briefing, Citation, NumberItem, QuoteItem, WhatItem
from briefgen.reconcile.cite import sources_of

T = TypeVar("T")

LEAD_SPAN = 8.0  # sentence index at which position counts half as much as the first sentence
MAIN_ACTORS = 3
TIMELINE_KINDS = ("year", "date", "ordinal")
_WORD = re.compile(r"[a-z0-9]+")


def long_words(text: str) -> frozenset[str]:
    """The lower-cased words of more than three letters: enough to tell what two texts share."""
    return frozenset(w for w in _WORD.findall(text.lower()) if len(w) > 3)


def prominence(citations: Sequence[Citation], span: float = LEAD_SPAN) -> float:
    """Corroboration weighted by position: each source counts by how early it first reports the item (1 for its
    first sentence, 1/2 at sentence `span`), as a lead carries what matters most."""
    first: dict[str, int] = {}
    for c in citations:
        first[c.source] = min(first.get(c.source, c.sentence), c.sentence)
    return sum(1 / (1 + index / span) for index in first.values())


class _Signals:
    """The event-wide facts an item's importance is measured against."""

    def __init__(self, briefing: Briefing) -> None:
        self.sources = max(1, len(briefing.sources))
        actors = sorted(briefing.who, key=lambda w: -len(sources_of(w.citations)))[:MAIN_ACTORS]
        self.actors = [n.lower() for w in actors for n in (w.name, *w.aliases)]
        main = max(briefing.what, key=lambda w: prominence(w.citations), default=None)  # told earliest by most
        self.happening = long_words(main.text) - long_words(" ".join(self.actors)) if main else frozenset()

    def score(self, citations: Sequence[Citation], text: str) -> float:
        support = len(sources_of(citations)) / self.sources
        position = prominence(citations) / self.sources
        lowered = text.lower()
        actor = any(a in lowered for a in self.actors)
        shared = len(self.happening & long_words(text)) / len(self.happening) if self.happening else 0.0
        return 2 * support + position + 0.5 * actor + shared


def _ordered(items: Sequence[T], key: Callable[[T], tuple[float, ...]]) -> tuple[T, ...]:
    return tuple(sorted(items, key=key))  # sorted is stable: equal items keep the section's own order


def _generic(n: NumberItem) -> bool:
    return n.kind == "count" and n.value <= 2 and not n.each


def rank_numbers(numbers: Sequence[NumberItem], signals: _Signals) -> tuple[NumberItem, ...]:
    def key(n: NumberItem) -> tuple[float, ...]:
        tier = 2 if n.kind in TIMELINE_KINDS else 1 if _generic(n) else 0
        return (tier, -signals.score(n.citations, f"{n.text} {n.context}"))

    return _ordered(numbers, key)


def rank_what(what: Sequence[WhatItem], signals: _Signals) -> tuple[WhatItem, ...]:
    return _ordered(what, lambda w: (not w.pinned, -signals.score(w.citations, w.text)))


def rank_quotes(quotes: Sequence[QuoteItem], signals: _Signals) -> tuple[QuoteItem, ...]:
    return _ordered(quotes, lambda q: (-signals.score(q.citations, f"{q.speaker or ''} {q.text}"),))


def rank(briefing: Briefing) -> Briefing:
    """The briefing with who, what, numbers, quotes, questions and conflicts ranked most important first."""
    signals = _Signals(briefing)
    return replace(
        briefing,
        who=_ordered(briefing.who, lambda w: (-len(sources_of(w.citations)), -w.mentions)),
        what=rank_what(briefing.what, signals),
        numbers=rank_numbers(briefing.numbers, signals),
        quotes=rank_quotes(briefing.quotes, signals),
        questions=_ordered(briefing.questions, lambda q: (-signals.score(q.citations, q.text),)),
        conflicts=_ordered(
            briefing.conflicts,
            lambda c: (-signals.score([x for claim in c.claims for x in claim.citations], c.topic),),
        ),
    )
