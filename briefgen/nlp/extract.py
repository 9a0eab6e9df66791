"""Run spaCy once per article (batched) and turn each Doc into an Extraction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from briefgen.models import Article, Extraction
from briefgen.nlp.dates import extract_dates
from briefgen.nlp.entities import extract_mentions
from briefgen.nlp.model import load_model, model_rules
from briefgen.nlp.numbers import extract_numbers
from briefgen.nlp.questions import extract_questions
from briefgen.nlp.quotes import extract_quotes
from briefgen.nlp.rules import REPLACED
from briefgen.nlp.sentmap import SentenceMap

BATCH_SIZE = 32  # docs per nlp.pipe batch; larger batches gain nothing on long news articles

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def _terms(doc: Any, sentmap: SentenceMap, body: Sequence[bool]) -> tuple[tuple[str, ...] | None, ...]:
    """Per sentence, the lowercased lemmas of its content words (read from spaCy's arrays, not Tokens); None
    for a sentence that is not `body` text."""
    from spacy.parts_of_speech import IDS

    content = {IDS[pos] for pos in _CONTENT_POS}
    strings = doc.vocab.strings
    per: list[list[str]] = [[] for _ in body]
    for pos, stop, alpha, lemma, idx in doc.to_array(["POS", "IS_STOP", "IS_ALPHA", "LEMMA", "IDX"]).tolist():
        if pos in content and not stop and alpha and body[i := sentmap.at(idx)]:
            per[i].append(strings[lemma].lower())
    return tuple(tuple(t) if read else None for t, read in zip(per, body, strict=True))


def doc_to_extraction(article: Article, doc: Any) -> Extraction:
    """Turn one parsed Doc into plain data; the Doc itself goes no further.

    Page furniture (sentences parse flagged as boilerplate) is left out here, once: its terms are None and
    nothing found in it goes on, except a name with evidence of a person (a title, a `who` clause), which a
    caption that ran into the story may hold. The quote and question extractors skip furniture themselves.
    """
    sentmap = SentenceMap(article.sentences)
    body = [not s.boilerplate for s in article.sentences]
    return Extraction(
        source=article.id,
        mentions=tuple(m for m in extract_mentions(doc, sentmap) if body[m.sentence] or m.titled),
        quotes=extract_quotes(doc, article.text, sentmap),
        numbers=tuple(n for n in extract_numbers(doc, sentmap) if body[n.sentence]),
        questions=extract_questions(doc, article.sentences),
        terms=_terms(doc, sentmap, body),
        dates=tuple(d for d in extract_dates(doc, sentmap) if body[d.sentence]),
    )


def extract_articles(articles: Sequence[Article], model: str) -> Iterator[Extraction]:
    """Extract every article, in order, running the pipeline in batches in this process."""
    if not articles:
        return
    nlp = load_model(model)
    rules = model_rules(model)
    # Words first seen in these articles leave spaCy's vocab and string store at the end of the zone, so a
    # worker (or `serve`) does not grow with every article it has read; no Doc outlives it.
    with nlp.memory_zone():
        docs = nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE, disable=list(REPLACED) if rules else [])
        for article, doc in zip(articles, docs, strict=True):
            yield doc_to_extraction(article, rules(doc) if rules else doc)
