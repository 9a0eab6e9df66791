"""Direct quotations and who said them."""

from __future__ import annotations

import re
from typing import Any

from briefgen.models import QuoteMention
from briefgen.nlp.sentmap import SentenceMap

REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "declare",
        "write",
        "note",
        "explain",
        "insist",
        "argue",
        "claim",
        "warn",
        "announce",
        "reply",
        "respond",
        "answer",
        "ask",
        "continue",
        "describe",
        "call",
        "admit",
        "acknowledge",
        "suggest",
        "stress",
        "emphasize",
        "emphasise",
        "comment",
        "report",
        "predict",
        "remark",
        "recall",
        "urge",
        "agree",
        "confirm",
        "deny",
        "concede",
        "tweet",
        "post",
        "conclude",
        "observe",
        "promise",
        "vow",
        "quip",
        "joke",
        "testify",
        "complain",
        "boast",
        "lament",
    ]
)
_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019"}
_QUOTE_RE = re.compile(r"\u201c[^\u201c\u201d]+\u201d|\"[^\"\n]+\"|(?<![\w])\u2018[^\u2018\u2019\n]+\u2019(?![\w])")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the words inside quotation marks."""
    return [(m.start() + 1, m.end() - 1) for m in _QUOTE_RE.finditer(text)]


def _speaker_near(doc: Any, start: int, end: int) -> str | None:
    """Subject of a reporting verb in the sentence holding the quote."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    for token in sent:
        if token.lemma_ in REPORTING_VERBS and not (span.start <= token.i < span.end):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    ent = next((e for e in sent.ents if e.start <= child.i < e.end), None)
                    if ent is not None and ent.label_ in ("PERSON", "ORG"):
                        return str(ent.text)
                    compound = [c for c in child.lefts if c.dep_ == "compound"]
                    words = [*compound, child]
                    return " ".join(t.text for t in words)
    return None


def extract_quotes(doc: Any, sentmap: SentenceMap) -> tuple[QuoteMention, ...]:
    quotes = []
    text = doc.text
    for start, end in find_quote_spans(text):
        words = text[start:end].strip()
        first, last = sentmap.at(start), sentmap.at(max(end - 1, start))
        scare = len(words.split()) <= 2
        speaker = None if scare else _speaker_near(doc, start, end)
        quotes.append(QuoteMention(words, speaker, tuple(range(first, last + 1)), scare))
    return tuple(quotes)
