"""Open questions, cited to the sentences that raise them."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.models import Extraction, QuestionItem
from briefgen.reconcile.cite import ArticleIndex, cite


def build_questions(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[QuestionItem, ...]:
    return tuple(
        QuestionItem(q.text, (cite(articles[ex.source], q.sentence),)) for ex in extractions for q in ex.questions
    )
