"""Corroboration across sources and the coverage matrix (hand-built extractions, no spaCy)."""

from briefgen.models import (
    Briefing,
    Citation,
    EventInfo,
    EventMeta,
    NumberItem,
    NumberMention,
    QuestionMention,
    QuoteItem,
    SourceInfo,
    WhatItem,
)
from briefgen.reconcile import reconcile
from briefgen.reconcile.coverage import MAX_ROWS, build_coverage
from tests.test_reconcile import _article, _ex


def _terms(*sentences: str) -> tuple[tuple[str, ...], ...]:
    """Crude content words, standing in for the lemmas the NLP stage gives."""
    stop = {"the", "a", "of", "on", "in", "to", "and", "its", "was", "were", "by", "it", "is", "has", "for", "with"}
    return tuple(
        tuple(w.strip(".,").lower() for w in s.split() if w.strip(".,").lower() not in stop) for s in sentences
    )


A = (
    "The river ferry sank near the northern pier on Sunday.",
    "Divers recovered 14 passengers from the cold water.",
    "Officials have not explained why the ferry engine failed.",
)
B = (
    "A river ferry sank on Sunday near the northern pier.",
    "Rescue divers pulled 14 passengers from the water.",
    "It is unclear why the ferry engine failed.",
)
C = ("Local schools reopened after the winter break.", "Teachers welcomed pupils back.")


def _briefing(a_numbers: tuple[NumberMention, ...] = (), b_numbers: tuple[NumberMention, ...] = ()) -> Briefing:
    return reconcile(
        "ev",
        EventMeta(),
        [_article("a", *A), _article("b", *B), _article("c", *C)],
        [
            _ex("a", 3, terms=_terms(*A), numbers=a_numbers),
            _ex(
                "b",
                3,
                terms=_terms(*B),
                numbers=b_numbers,
                questions=(QuestionMention("why the ferry engine failed", 2, "Unclear"),),
            ),
            _ex("c", 2, terms=_terms(*C)),
        ],
    ).briefing


def _passengers(value: float, sentence: int, words: str) -> NumberMention:
    return NumberMention(value, "passenger", f"{value:g} passengers", words, sentence, terms=tuple(words.split()))


def test_a_development_told_in_other_words_cites_every_source_reporting_it() -> None:
    b = _briefing()
    sank = next(w for w in b.what if "sank" in w.text)
    assert {c.source for c in sank.citations} == {"a", "b"}  # not the unrelated source c
    assert all(c.sentence == 0 for c in sank.citations)


def test_an_open_question_cites_the_source_that_reports_the_same_point() -> None:
    b = _briefing()
    (question,) = [q for q in b.questions if "engine" in q.text]
    assert {c.source for c in question.citations} == {"a", "b"}
    assert next(c for c in question.citations if c.source == "a").sentence == 2


def test_coverage_rows_have_one_cell_per_source_in_order() -> None:
    b = _briefing(
        a_numbers=(_passengers(14, 1, "divers recover passenger cold water"),),
        b_numbers=(_passengers(14, 1, "rescue divers pull passenger water"),),
    )
    assert b.coverage
    for row in b.coverage:
        assert [c.source for c in row.cells] == ["a", "b", "c"]
    (rescue,) = [r for r in b.coverage if "14" in r.fact]
    assert [c.status for c in rescue.cells] == ["reported", "reported", "not_reported"]
    assert rescue.cells[2].citations == () and rescue.cells[0].citations[0].sentence == 1


def test_a_development_and_its_figure_are_one_row() -> None:
    b = _briefing(
        a_numbers=(_passengers(14, 1, "divers recover passenger cold water"),),
        b_numbers=(_passengers(14, 1, "rescue divers pull passenger water"),),
    )
    # the rows citing the figure's sentence in a or b (source c's sentence 1 is another story's)
    rows = [
        r for r in b.coverage if any(c.source != "c" and c.citations and c.citations[0].sentence == 1 for c in r.cells)
    ]
    assert len(rows) == 1 and rows[0].kind == "what"  # the figure's sentence is the development's: one fact
    assert len(b.coverage) == len({r.fact for r in b.coverage})


def test_a_source_with_a_conflicting_figure_disagrees() -> None:
    b = _briefing(
        a_numbers=(_passengers(14, 1, "divers recover passenger cold water"),),
        b_numbers=(_passengers(19, 1, "rescue divers pull passenger water"),),
    )
    (conflict,) = b.conflicts
    row = b.coverage[0]  # disagreements first
    assert row.kind == "conflict" and row.fact == conflict.topic
    assert [c.status for c in row.cells] == ["disagrees", "disagrees", "not_reported"]
    # the development with the figure is that row, not a row of its own beside it
    assert not [r for r in b.coverage if r.kind != "conflict" and "14" in r.fact]
    assert row.fact == "Passengers: 14 vs 19"  # the thing counted, no second noun glued to it


def _c(source: str, sentence: int) -> Citation:
    return Citation(source, sentence, f"Sentence {sentence} of {source}.")


def _bare(**sections: object) -> Briefing:
    sources = tuple(SourceInfo(s, f"ev/{s}.md", None, None, None, None) for s in ("x", "y", "z"))
    return Briefing(EventInfo("ev", "Ev"), sources, **sections)  # type: ignore[arg-type]


def test_one_fact_told_as_development_figure_and_quote_is_one_row() -> None:
    b = _bare(
        what=(WhatItem("The court fined the bank $2 million.", (_c("x", 0), _c("y", 3))),),
        numbers=(
            NumberItem(2e6, "dollar", "$2 million", "fined the bank $2 million", (_c("x", 0), _c("z", 5))),
            NumberItem(2019, None, "2019", "since 2019", (_c("z", 7),), kind="year"),
        ),
        quotes=(QuoteItem("The fine is fair and overdue", "the judge", (_c("y", 3),)),),
    )
    (row,) = build_coverage(b)  # the year is timeline material, not a fact of the matrix
    assert row.kind == "what" and row.fact == "The court fined the bank $2 million."
    assert [c.status for c in row.cells] == ["reported", "reported", "reported"]  # z through the figure


def test_rows_put_widely_reported_facts_first_and_stop_at_the_cap() -> None:
    what = tuple(WhatItem(f"Team {i} won its match.", (_c("x", i),)) for i in range(MAX_ROWS + 3))
    wide = WhatItem("The league suspended the season.", (_c("x", 40), _c("y", 1), _c("z", 2)))
    rows = build_coverage(_bare(what=(*what, wide)))
    assert len(rows) == MAX_ROWS
    assert rows[0].fact == wide.text and rows[1].fact == "Team 0 won its match."  # then in ranked order
