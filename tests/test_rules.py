"""The fast attribute ruler and lemmatizer give every token what spaCy's own components give it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import briefgen.nlp.rules
from briefgen.config import Config
from briefgen.load import load_content
from briefgen.nlp.model import load_model, model_rules
from briefgen.nlp.rules import REPLACED, fast_rules
from briefgen.parse import parse_source

pytestmark = pytest.mark.slow  # these tests compare against the trained spaCy model

MODEL = Config().nlp_model
TEXTS = [
    "I told them we'd gonna wait, but she said it ain't over. You can't say that, he replied.",
    "The data were published by the ministry; its figures show 1,200 homes lost power.\n\nNobody knew why.",
    "Those who'd been there didn't think anything of it. Let's see: y'all were goin' home anyway.",
    "There's a new plan. Is there? Yes, there are two, and each of them has been debated.  Twice.",
    "The S9's cameras, the companies' reports and Ms. Okonjo's own words: 'We will not stop,' she said.",
]


def _annotations(docs: list[Any]) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_, t.ent_iob_)
        for doc in docs
        for t in doc
    ]


def _both(texts: list[str]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    nlp, rules = load_model(MODEL), model_rules(MODEL)
    assert rules is not None
    spacy_own = _annotations(list(nlp.pipe(texts)))
    ours = _annotations([rules(doc) for doc in nlp.pipe(texts, disable=list(REPLACED))])
    return spacy_own, ours


def test_hand_written_texts_get_the_same_annotations() -> None:
    spacy_own, ours = _both(TEXTS)
    assert ours == spacy_own


def test_the_same_after_the_lemma_memo_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefgen.nlp.rules, "LEMMA_MEMO", 5)
    spacy_own, ours = _both(TEXTS)
    assert ours == spacy_own


def test_real_articles_get_the_same_annotations(shared: Path) -> None:
    problems: list[Any] = []
    events = load_content(shared / "datasets" / "news-clusters", problems)
    texts = [parse_source(f, problems).text for event in events[:40:4] for f in event.files]
    spacy_own, ours = _both(texts)
    assert len(ours) > 10_000
    assert ours == spacy_own


def test_a_pipeline_with_more_after_the_ruler_keeps_its_own_components() -> None:
    import spacy

    nlp = spacy.load(MODEL, exclude=["senter"])
    assert fast_rules(nlp) is not None
    nlp.add_pipe("entity_ruler", last=True)  # might read POS or lemmas
    assert fast_rules(nlp) is None
    assert fast_rules(spacy.blank("en")) is None


def test_a_lemmatizer_before_the_ruler_keeps_the_pipelines_own_components() -> None:
    import spacy

    nlp, donor = spacy.load(MODEL, exclude=["senter"]), spacy.load(MODEL, exclude=["senter"])
    nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("lemmatizer", before="attribute_ruler", source=donor)  # lemmas without the ruler's POS
    assert fast_rules(nlp) is None
