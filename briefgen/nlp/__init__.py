"""Stage 3, extract: the only package that imports spaCy. spaCy Docs never leave it."""

from briefgen.nlp.extract import extract_articles

__all__ = ["extract_articles"]
