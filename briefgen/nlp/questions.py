"""Open questions: what a sentence says is unknown, undisclosed, unresolved or pending, phrased as the open point.

A cue ("it is unclear", "did not say", "too early to", "remains to be seen", "the key question is whether",
"obstacle", "unresolved") marks the sentence; the open point is the clause the cue governs, cut where the
sentence moves on (", but", ", as", ", adding", ";"). One sentence can raise several points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.models import QuestionMention, Sentence

_END = (
    r"(?=,\s*(?:but|as|while|and\s+(?:he|she|they|it)|adding|saying|according|though|although|which)\b"
    r"|,?\s*[\u201d\"]|,\s*(?:[\w.'\u2019-]+\s){0,6}(?:said|says|told|added|reported|reports)\b|[;.!?]|$)"
)
_CLAUSE = rf"(?P<point>.+?){_END}"
_WH = r"(?:whether|if|how|what|when|where|who|why|which)\b"
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        (
            "Unclear",
            rf"\b(?:it\s+(?:is|was|remains|remained)\s+(?:still\s+)?|(?:is|was|remains)\s+)?"
            rf"(?:unclear|not\s+(?:yet\s+)?(?:clear|known)|uncertain|unknown)\s+(?P<point>{_WH}.+?){_END}",
        ),
        ("Unclear", rf"\bno\s+one\s+(?:knows|knew)\s+(?P<point>{_WH}.+?){_END}"),
        (
            "Not disclosed",
            rf"\b(?:did|do|does|would|could)\s+not\s+(?:say|disclose|specify|reveal|explain|confirm)"
            rf"\s+(?P<point>{_WH}.+?){_END}",
        ),
        ("Not disclosed", rf"\bdeclined\s+to\s+(?:say|disclose|specify|reveal)\s+(?P<point>{_WH}.+?){_END}"),
        ("Too early to say", rf"\btoo\s+early\s+to\s+(?:say|tell|comment|know|judge|predict)\s+(?:on\s+)?{_CLAUSE}"),
        ("Remains to be seen", rf"\bremains?\s+to\s+be\s+seen\s+(?P<point>{_WH}.+?){_END}"),
        (
            "Open question",
            rf"\b(?:key|open|big|main|central|unanswered|outstanding)\s+questions?\s+(?:now\s+)?"
            rf"(?:is|are|was|remains?)\s+(?P<point>{_WH}.+?){_END}",
        ),
        (
            "Open question",
            rf"\b(?:depends?|depended|hinges?|wonder(?:s|ed)?|ask(?:s|ed)?|doubts?|debated?|decide[sd]?|"
            rf"determine[sd]?|know|sure|unsure)\s+(?:on\s+)?(?P<point>whether\b.+?){_END}",
        ),
        ("Unresolved", rf"\bobstacles?\b[^:.;]{{0,60}}?(?::\s*|\s+(?:remains?|remained)\s+){_CLAUSE}"),
        (
            "Unresolved",
            r"(?P<point>(?:\b[\w'\u2019-]+\s+){1,4}?)(?:remain|remains|remained|are|is|were|was)\s+"
            r"(?:still\s+)?(?:unresolved|undecided|in\s+dispute|disputed|pending)\b",
        ),
        (
            "Yet to be decided",
            rf"\b(?:has|have)\s+(?:yet|still)\s+to\s+(?:be\s+)?(?:decide|determine|agree|announce)d?"
            rf"\s+(?:on\s+)?{_CLAUSE}",
        ),
    )
)
_CONNECTIVES = re.compile(r"^(?:(?:even|as|while|but|and|though|although|with|since|because|still|yet|so)\s+)+", re.I)
_LEAD = re.compile(r"^(?:the|a|an|any)\s+(?=\w)", re.IGNORECASE)
_MIN_WORDS = 2
MAX_WORDS = 24  # a longer point ran past its clause (scraped lines joined without punctuation)


def open_points(text: str) -> list[str]:
    """The open points a sentence raises, each as "Status: point" (empty when it raises none)."""
    points: list[str] = []
    taken: list[tuple[int, int]] = []
    for label, pattern in _CUES:
        for match in pattern.finditer(text):
            start, end = match.span("point")
            if any(start < e and s < end for s, e in taken):
                continue
            point = match.group("point").strip(" ,:;\u2014-\u201c\u201d\"'")
            if len(point.split()) < _MIN_WORDS:
                continue
            if label == "Unresolved":
                point = _LEAD.sub("", _CONNECTIVES.sub("", point))
            words = point.split()
            if len(words) > MAX_WORDS:
                point = " ".join(words[:MAX_WORDS]) + " \u2026"
            taken.append((start, end))
            points.append(f"{label}: {point}")
    return points


def extract_questions(sentences: Sequence[Sentence]) -> tuple[QuestionMention, ...]:
    return tuple(
        QuestionMention(point, s.index) for s in sentences if not s.boilerplate for point in open_points(s.text)
    )
