"""Template filters of the event page: figure snippets, merged claims and figures, lifted dates, the glance's
word budget (hand-made items from several domains, no spaCy)."""

from __future__ import annotations

from briefgen.models import Citation, Claim, NumberItem, TimelineItem
from briefgen.render.filters import (
    claims_by_value,
    distinct_figures,
    figure_snippet,
    figures_within,
    lift_top,
    marker_words,
)


def _c(source: str, sentence: int = 0) -> Citation:
    return Citation(source, sentence, "A sentence.")


def _n(value: float, unit: str, text: str, context: str, *sources: str) -> NumberItem:
    return NumberItem(value, unit, text, context, tuple(_c(s) for s in sources))


def test_a_figure_snippet_keeps_a_few_words_of_its_clause_and_escapes() -> None:
    context = "After a long trial, the jury awarded the family $4.5 million in damages on Friday, the court said"
    assert (
        str(figure_snippet(context, "$4.5 million"))
        == "\u2026awarded the family <strong>$4.5 million</strong> in damages\u2026"
    )
    assert str(figure_snippet("12 climbers <b>reached</b> the top", "12 climbers")).startswith(
        "<strong>12 climbers</strong> &lt;b&gt;reached&lt;/b&gt;"
    )
    assert str(figure_snippet("no figure here", "7 goals")) == "<strong>7 goals</strong>"


def test_claims_of_one_value_become_one_with_every_source() -> None:
    claims = [Claim(3.5, "3.5%", (_c("a"),)), Claim(3.25, "3.25%", (_c("b"),)), Claim(3.5, "3.5 per cent", (_c("c"),))]
    merged = claims_by_value(claims)
    assert [(c.text, [x.source for x in c.citations]) for c in merged] == [("3.5%", ["a", "c"]), ("3.25%", ["b"])]


def test_the_same_figure_told_twice_is_shown_once() -> None:
    numbers = [
        _n(21, "girl", "21 girls", "freed 21 girls", "a"),
        _n(21, "schoolgirl", "21 schoolgirls", "21 schoolgirls were freed", "b"),
        _n(21, "goal", "21 goals", "scored 21 goals this season", "c"),  # same value, another thing
        _n(300, "passenger", "300 passengers", "carrying 300 passengers", "d"),
    ]
    assert [n.text for n in distinct_figures(numbers)] == ["21 girls", "21 goals", "300 passengers"]


def test_lifted_dates_keep_their_order_and_the_best_reported_come_first() -> None:
    def t(day: int, *sources: str) -> TimelineItem:
        return TimelineItem(
            f"day {day}", f"2026-03-{day:02d}", "Something happened.", tuple(_c(s, day) for s in sources)
        )

    timeline = [t(1, "a"), t(2, "a", "b", "c"), t(3, "b"), t(4, "a", "c")]
    assert [x.when for x in lift_top(timeline, 2)] == ["day 2", "day 4", "day 1", "day 3"]


def test_key_numbers_fill_the_room_left_but_at_least_three() -> None:
    numbers = [
        _n(k, "ton", f"{k} tons", f"the ship carried {k} tons of grain", "a", "b", "c") for k in (10, 20, 30, 40)
    ]
    assert marker_words(numbers[0].citations, 2) == 3  # two markers and "+1"
    each = 7 + 3  # the whole clause (seven words) and its markers
    assert len(figures_within(numbers, 4 * each)) == 4
    assert len(figures_within(numbers, 3 * each + each - 1)) == 3
    assert len(figures_within(numbers, 0)) == 3
