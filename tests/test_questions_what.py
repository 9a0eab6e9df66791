"""Key developments clustered across sources (open questions: tests/test_questions.py)."""

from __future__ import annotations

from dataclasses import replace

from briefgen.models import EventMeta, Extraction, Mention, NumberMention
from briefgen.reconcile import reconcile
from briefgen.reconcile.what import MAX_ITEMS, build_what
from tests.test_reconcile import _article


def _ex(aid: str, terms: list[list[str]], **kw: object) -> Extraction:
    base: dict[str, object] = dict(mentions=(), quotes=(), numbers=(), questions=(), terms=tuple(map(tuple, terms)))
    base.update(kw)
    return Extraction(source=aid, **base)  # type: ignore[arg-type]


def test_developments_cluster_across_sources_and_rank_by_sources_then_position() -> None:
    a = _article(
        "a",
        "Storm winds closed the Harlow bridge on Tuesday, stranding commuters.",
        "Local bakeries sold out of bread as shoppers stocked up before the weekend.",
        "Crews restored power to 4,000 homes by evening, the utility said.",
    )
    b = _article(
        "b",
        "The Harlow bridge was shut on Tuesday after storm winds, leaving commuters stranded.",
        "The utility said its crews had brought power back to 4,000 homes by the evening.",
    )
    ta = [
        ["storm", "wind", "close", "bridge", "tuesday", "strand", "commuter"],
        ["local", "bakery", "sell", "bread", "shopper", "stock", "weekend"],
        ["crew", "restore", "power", "home", "evening", "utility", "say"],
    ]
    tb = [
        ["bridge", "shut", "tuesday", "storm", "wind", "leave", "commuter", "strand"],
        ["utility", "say", "crew", "bring", "power", "home", "evening"],
    ]
    harlow = (Mention("Harlow", "GPE", 0),)
    power = NumberMention(4000, "home", "4,000 homes", "", 2)
    ea = _ex("a", ta, mentions=harlow, numbers=(power,))
    eb = _ex("b", tb, mentions=harlow, numbers=(NumberMention(4000, "home", "4,000 homes", "", 1),))
    items = build_what([ea, eb], {"a": a, "b": b})
    assert [sorted({c.source for c in i.citations}) for i in items] == [["a", "b"], ["a", "b"], ["a"]]
    assert items[0].text.startswith("Storm winds closed")  # reported by both and first in both
    assert len(items) <= MAX_ITEMS


def test_uncertain_and_furniture_sentences_are_not_developments() -> None:
    texts = (
        "It is unclear whether the new harbour wall will be finished before the winter storms.",
        "Crews closed the harbour road on Tuesday after waves flooded the car park.",
    )
    a = _article("a", *texts)
    unclear = ["unclear", "harbour", "wall", "finish", "winter", "storm"]
    road = ["crew", "close", "harbour", "road", "tuesday", "wave", "flood", "car", "park"]
    assert [w.text for w in reconcile("ev", EventMeta(), [a], [_ex("a", [unclear, road])]).briefing.what] == [texts[1]]
    furniture = replace(_ex("a", [unclear, road]), terms=(tuple(unclear), None))  # the extraction left it out
    assert reconcile("ev", EventMeta(), [a], [furniture]).briefing.what == ()
