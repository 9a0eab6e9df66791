"""Loading the spaCy pipeline, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from briefgen.errors import BuildError
from briefgen.models import Problem


@lru_cache(maxsize=2)
def load_model(name: str) -> Any:
    """Load a spaCy pipeline by package name; a missing model is a clear error."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as err:
        raise BuildError([Problem("config", f"cannot load spaCy model '{name}' (nlp_model): {err}")]) from err
