"""The story's own sentences, as the extraction read them.

The NLP stage leaves page furniture (bylines, captions, promos: sentences parse flagged as boilerplate) out of
what it extracts, and gives such a sentence no terms (None) where any other has its content words.
"""

from __future__ import annotations

from briefgen.models import Article, Extraction, Sentence


def body(ex: Extraction, article: Article) -> list[tuple[Sentence, tuple[str, ...]]]:
    """The sentences of `article` that are the story's, each with its content words."""
    return [(s, terms) for s in article.sentences if (terms := ex.terms[s.index]) is not None]
