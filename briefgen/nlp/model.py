"""Loading the spaCy pipeline, once per process, with only the components the extractors read."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from briefgen.errors import BuildError
from briefgen.modelinfo import model_meta
from briefgen.models import Problem
from briefgen.nlp.rules import Rules, fast_rules

# What the extractors read: tokens' vectors (tok2vec) feed the tagger (tag_), the parser (dep_, head,
# sentences), the NER (ents, ent_type_); attribute_ruler maps tags to pos_; the lemmatizer gives lemma_.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


_LOADED: set[str] = set()


def is_loaded(name: str) -> bool:
    """Whether this process already holds the model (a long-lived `serve` keeps it between builds)."""
    return name in _LOADED


@lru_cache(maxsize=2)
def load_model(name: str) -> Any:
    """Load a spaCy pipeline by package name; components no extractor reads are not even loaded."""
    import spacy

    components = model_meta(name).get("components", [])
    exclude = [c for c in components if c not in USED_COMPONENTS]
    try:
        nlp = spacy.load(name, exclude=exclude)
    except OSError as err:
        raise BuildError([Problem("config", f"cannot load spaCy model '{name}' (nlp_model): {err}")]) from err
    _LOADED.add(name)
    return nlp


@lru_cache(maxsize=2)
def model_rules(name: str) -> Rules | None:
    """The fast stand-in for the model's attribute ruler and lemmatizer (None: they run as they are)."""
    return fast_rules(load_model(name))
