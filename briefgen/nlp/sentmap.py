"""Map spaCy token offsets back to the article's own sentence ids."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from briefgen.models import Sentence


class SentenceMap:
    """Find the sentence id that contains a character offset of Article.text."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._starts = [s.start for s in sentences]
        self._sentences = sentences

    def at(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        return max(i, 0)

    def sentence(self, index: int) -> Sentence:
        return self._sentences[index]
