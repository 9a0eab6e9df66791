"""General-English word lists that more than one stage reads.

The NLP stage finds things with them and reconcile matches what it found with the same words, so they live
here, a module both import: a later stage never reaches into an earlier stage's internals. No spaCy here.
"""
