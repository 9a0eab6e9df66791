"""Corroboration across sources and the coverage matrix (hand-built extractions, no spaCy)."""

from briefgen.models import Briefing, EventMeta, NumberMention, QuestionMention
from briefgen.reconcile import reconcile
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
            _ex("b", 3, terms=_terms(*B), numbers=b_numbers, questions=(QuestionMention(B[2], 2),)),
            _ex("c", 2, terms=_terms(*C)),
        ],
    )


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
    number = next(r for r in b.coverage if r.kind == "number")
    assert [c.status for c in number.cells] == ["reported", "reported", "not_reported"]
    assert number.cells[2].citations == () and number.cells[0].citations[0].sentence == 1


def test_a_source_with_a_conflicting_figure_disagrees() -> None:
    b = _briefing(
        a_numbers=(_passengers(14, 1, "divers recover passenger cold water"),),
        b_numbers=(_passengers(19, 1, "rescue divers pull passenger water"),),
    )
    (conflict,) = b.conflicts
    row = next(r for r in b.coverage if r.kind == "conflict")
    assert row.fact == conflict.topic
    assert [c.status for c in row.cells] == ["disagrees", "disagrees", "not_reported"]
    development = next(r for r in b.coverage if r.kind == "what" and "14" in r.fact)
    assert development.cells[1].status == "disagrees"  # b's sentence gives another figure
