"""Ranking: every section most important first, every item kept (hand-built briefings, no spaCy)."""

from __future__ import annotations

from briefgen.models import (
    Briefing,
    Citation,
    EventInfo,
    NumberItem,
    NumberKind,
    QuoteItem,
    SourceInfo,
    TimelineItem,
    WhatItem,
    WhoItem,
)
from briefgen.reconcile.rank import prominence, rank

SOURCES = tuple(SourceInfo(s, f"ev/{s}.txt", None, None, None, None) for s in "abc")


def _cite(source: str, sentence: int) -> Citation:
    return Citation(source, sentence, f"sentence {sentence} of {source}")


def _number(
    text: str, value: float, *cites: tuple[str, int], kind: NumberKind = "count", unit: str | None = None
) -> NumberItem:
    return NumberItem(value, unit, text, f"the clause of {text}", tuple(_cite(s, i) for s, i in cites), kind=kind)


def _briefing(**sections: object) -> Briefing:
    return Briefing(EventInfo("ev", "Ev"), SOURCES, **sections)  # type: ignore[arg-type]


def test_years_and_one_or_two_counts_come_after_the_figures_of_the_event() -> None:
    # A flood: the year and "the two rivers" come first in article order, the toll and the evacuations later.
    numbers = (
        _number("2019", 2019, ("a", 0), ("b", 0), ("c", 0), kind="year"),
        _number("two rivers", 2, ("a", 1), ("b", 1), unit="river"),
        _number("1,200 residents", 1200, ("a", 4), unit="resident"),
        _number("14 people", 14, ("a", 2), ("b", 3), unit="people"),
        _number("last March", 3, ("c", 9), kind="date"),
    )
    ranked = rank(_briefing(numbers=numbers)).numbers
    assert [n.text for n in ranked] == ["14 people", "1,200 residents", "two rivers", "2019", "last March"]


def test_corroborated_and_early_items_rank_first_and_none_is_dropped() -> None:
    # A court case: the verdict told by all three leads, the appeal by one source late in its story.
    what = (
        WhatItem("The defence said it would appeal.", (_cite("c", 12),)),
        WhatItem("The court heard from a dozen witnesses over two weeks.", (_cite("a", 6), _cite("b", 8))),
        WhatItem("A jury found the former treasurer guilty of fraud.", (_cite("a", 0), _cite("b", 0), _cite("c", 1))),
    )
    ranked = rank(_briefing(what=what)).what
    assert ranked[0].text.startswith("A jury found") and ranked[-1].text.startswith("The defence")
    assert sorted(w.text for w in ranked) == sorted(w.text for w in what)


def test_a_pinned_development_stays_first() -> None:
    what = (
        WhatItem("The striker scored twice in the second half.", (_cite("a", 0), _cite("b", 0))),
        WhatItem("The club will appeal the red card.", (_cite("c", 9),), pinned=True),
    )
    assert rank(_briefing(what=what)).what[0].pinned


def test_quotes_of_the_main_actors_about_the_happening_outrank_asides() -> None:
    who = (WhoItem("Dana Kell", "person", (), ("chief executive",), (_cite("a", 0), _cite("b", 0), _cite("c", 0))),)
    what = (WhatItem("Kell Motors recalled 40,000 cars over faulty brakes.", (_cite("a", 0), _cite("b", 0))),)
    quotes = (
        QuoteItem("The weather was lovely on the day.", "a bystander", (_cite("a", 9),)),
        QuoteItem("We recalled the cars because the brakes can fail.", "Dana Kell", (_cite("b", 9),)),
    )
    assert rank(_briefing(who=who, what=what, quotes=quotes)).quotes[0].speaker == "Dana Kell"


def test_the_timeline_keeps_its_date_order() -> None:
    timeline = (
        TimelineItem("in 2019", "2019", "the plant opened", (_cite("c", 20),)),
        TimelineItem("on Monday", "2025-03-10", "the plant closed", (_cite("a", 0), _cite("b", 0))),
    )
    assert rank(_briefing(timeline=timeline)).timeline == timeline


def test_prominence_counts_each_source_once_by_its_earliest_report() -> None:
    assert prominence([_cite("a", 0), _cite("a", 5), _cite("b", 8)], span=8) == 1 + 0.5
