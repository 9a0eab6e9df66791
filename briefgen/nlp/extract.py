"""Run spaCy once per article (batched) and turn each Doc into an Extraction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from briefgen.models import Article, Extraction
from briefgen.nlp.entities import extract_mentions
from briefgen.nlp.model import load_model
from briefgen.nlp.numbers import extract_numbers
from briefgen.nlp.questions import extract_questions
from briefgen.nlp.quotes import extract_quotes
from briefgen.nlp.sentmap import SentenceMap

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def _terms(doc: Any, sentmap: SentenceMap, count: int) -> tuple[tuple[str, ...], ...]:
    per: list[list[str]] = [[] for _ in range(count)]
    for tok in doc:
        if tok.pos_ in _CONTENT_POS and not tok.is_stop and tok.is_alpha:
            per[sentmap.at(tok.idx)].append(tok.lemma_.lower())
    return tuple(tuple(t) for t in per)


def doc_to_extraction(article: Article, doc: Any) -> Extraction:
    """Turn one parsed Doc into plain data; the Doc itself goes no further."""
    sentmap = SentenceMap(article.sentences)
    return Extraction(
        source=article.id,
        mentions=extract_mentions(doc, sentmap),
        quotes=extract_quotes(doc, sentmap),
        numbers=extract_numbers(doc, sentmap),
        questions=extract_questions(article.sentences),
        terms=_terms(doc, sentmap, len(article.sentences)),
    )


def extract_articles(articles: Sequence[Article], model: str) -> Iterator[Extraction]:
    """Extract every article, in order, running the pipeline in batches."""
    if not articles:
        return
    nlp = load_model(model)
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        yield doc_to_extraction(article, doc)
