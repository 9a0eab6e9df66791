"""Open questions: sentences saying something is unknown, unresolved or pending."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.models import QuestionMention, Sentence

_CUES = re.compile(
    r"\b(it is (still )?(unclear|not clear|uncertain|unknown)|did not (say|disclose|specify|comment)"
    r"|declined to (say|comment)|too early to|remains? to be seen|key question|open question"
    r"|whether\b|unresolved|yet to be (decided|determined)|not yet (known|clear))",
    re.IGNORECASE,
)


def extract_questions(sentences: Sequence[Sentence]) -> tuple[QuestionMention, ...]:
    return tuple(QuestionMention(s.text, s.index) for s in sentences if not s.boilerplate and _CUES.search(s.text))
