"""Stage 3, extract: the only package that imports spaCy. spaCy Docs never leave it."""
