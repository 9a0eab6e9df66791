"""Page furniture (bylines, captions, promos) is left out once, at extraction; reconcile reads what is left.

The extraction test runs on a blank spaCy pipeline with the extractors replaced: what is tested is which of
their findings go on, not how they are found.
"""

from __future__ import annotations

from typing import Any

import pytest

import briefgen.nlp.extract
from briefgen.models import Article, DateMention, Extraction, Mention, NumberMention, SourceFile
from briefgen.nlp.extract import doc_to_extraction
from briefgen.parse import parse_source
from briefgen.reconcile.body import body
from tests.test_reconcile import _article

STORY = "The jury fined the builder 40,000 dollars on Monday after the roof collapsed."
CAPTION = "Photo: Omar Lind at the stadium on Tuesday with 12 team-mates."


def _parsed() -> Article:
    article = parse_source(SourceFile("a", "ev", "ev/a.txt", ".txt", f"{STORY}\n\n{CAPTION}", "0"), [])
    assert [s.boilerplate for s in article.sentences] == [False, True]  # parse flags the caption
    return article


def _blank_doc(article: Article) -> Any:
    """The article's text on a blank pipeline, with parts of speech and lemmas written in by hand."""
    import spacy

    doc = spacy.blank("en")(article.text)
    for token in doc:
        if token.is_alpha:
            token.pos_ = "ADP" if token.lower_ in ("on", "at", "with", "after") else "NOUN"
            token.lemma_ = token.lower_
    return doc


def test_nothing_found_in_furniture_goes_on_but_a_titled_name(monkeypatch: pytest.MonkeyPatch) -> None:
    article = _parsed()
    mentions = (
        Mention("Omar Lind", "PERSON", 1),
        Mention("Coach Eva Holm", "PERSON", 1, titled=True),  # a caption that ran into the story may name one
        Mention("Monday", "DATE", 0),
    )
    numbers = (NumberMention(40000, "dollar", "40,000 dollars", "", 0), NumberMention(12, None, "12", "", 1))
    dates = (DateMention("on Monday", 0, ""), DateMention("on Tuesday", 1, ""))
    found: dict[str, Any] = {
        "extract_mentions": mentions,
        "extract_numbers": numbers,
        "extract_dates": dates,
        "extract_quotes": (),
        "extract_questions": (),
    }
    for name, value in found.items():
        monkeypatch.setattr(briefgen.nlp.extract, name, lambda *args, value=value: value)

    ex = doc_to_extraction(article, _blank_doc(article))

    assert [m.text for m in ex.mentions] == ["Coach Eva Holm", "Monday"]
    assert [(n.value, n.sentence) for n in ex.numbers] == [(40000, 0)]
    assert [(d.text, d.sentence) for d in ex.dates] == [("on Monday", 0)]
    assert len(ex.terms) == len(article.sentences)  # sentence ids stay the article's
    assert ex.terms[1] is None
    assert ex.terms[0] is not None and {"jury", "builder", "roof"} <= set(ex.terms[0])


def _extraction(terms: tuple[tuple[str, ...] | None, ...]) -> Extraction:
    return Extraction("a", (), (), (), (), terms)


def test_reconcile_reads_the_sentences_the_extraction_read() -> None:
    article = _article("a", "Floodwater closed the bypass overnight.", "Subscribe for updates.", "The river fell.")
    read = body(_extraction((("floodwater", "close", "bypass"), None, ())), article)
    assert [(s.index, terms) for s, terms in read] == [(0, ("floodwater", "close", "bypass")), (2, ())]
