"""Date and relative-date mentions ("on Thursday", "late last month", "since 2021") from spaCy's DATE/TIME entities.

Durations ("four years", "five hours") and vague spans ("months") are not points in time and are left out.
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.models import DateMention
from briefgen.nlp.numbers import clause_of
from briefgen.nlp.sentmap import SentenceMap

_ANCHOR = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|today|tonight|yesterday|tomorrow|ago|\d{4}|\d{4}s"
    r"|(?:last|next|this|previous|earlier this|later this) (?:week|month|year|morning|evening|weekend)"
    r"|the (?:day|week|month|year) (?:before|after)|the (?:previous|following|next) (?:day|week|month|year))\b",
    re.IGNORECASE,
)
_MAY_VERB = re.compile(r"^may$", re.IGNORECASE)
_QUALIFIERS = frozenset({"since", "before", "after", "until", "till", "by", "from", "through", "as of", "prior to"})


def _qualifier(doc: Any, start: int) -> str | None:
    prev = doc[start - 1].lower_ if start > 0 else ""
    if prev == "to" and start > 1 and doc[start - 2].lower_ == "prior":
        return "prior to"
    if prev == "of" and start > 1 and doc[start - 2].lower_ == "as":
        return "as of"
    return prev if prev in _QUALIFIERS else None


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "would"})
_FUTURE_HEADS = frozenset({"plan", "expect", "schedule", "due", "set", "intend", "aim", "hope", "go"})


def _future(anchor: Any) -> bool:
    """Whether the clause holding anchor speaks of the future ("will meet", "is expected to vote")."""
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_HEADS


def extract_dates(doc: Any, sentmap: SentenceMap) -> tuple[DateMention, ...]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not _ANCHOR.search(ent.text) or _MAY_VERB.match(ent.text):
            continue
        if re.search(r"\d+-(?:year|month|week|day)-old", ent.text):
            continue
        context, _ = clause_of(ent.root)
        where = sentmap.at(ent.start_char)
        out.append(DateMention(ent.text, where, context, _qualifier(doc, ent.start), _future(ent.root)))
    return tuple(out)
