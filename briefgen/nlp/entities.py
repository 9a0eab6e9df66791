"""Named-entity mentions and the roles written next to them."""

from __future__ import annotations

from typing import Any

from briefgen.models import Mention
from briefgen.nlp.sentmap import SentenceMap

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_ROLE_DEPS = frozenset({"compound", "nmod", "amod"})


def _clean_name(span: Any) -> str:
    tokens = list(span)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text.removesuffix("\u2019s").removesuffix("'s")


def _subtree_text(token: Any, exclude: Any = None) -> str:
    words = [t for t in token.subtree if exclude is None or t.i < exclude.start or t.i >= exclude.end]
    words = [t for t in words if t.dep_ != "punct" or t.text in "-'\u2019"]
    return "".join(t.text_with_ws for t in words).strip(" ,")


def role_of(ent: Any) -> str | None:
    """A role from an apposition, a pre-name title or a relative clause."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            return _subtree_text(child)
    if root.dep_ == "appos" and root.head.ent_type_ != "PERSON" and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        words = [t for t in head.subtree if t.i < root.i and not (ent.start <= t.i < ent.end)]
        text = "".join(t.text_with_ws for t in words if t.dep_ != "punct").strip(" ,")
        if text:
            return text
    titles = [c for c in root.lefts if c.dep_ in _ROLE_DEPS and c.i < ent.start and c.ent_type_ != "PERSON"]
    if titles:
        start = min(t.left_edge.i for t in titles)
        words = [t for t in root.doc[start : ent.start] if t.dep_ != "punct" and t.tag_ != "DT"]
        text = "".join(t.text_with_ws for t in words).strip()
        if text and any(t.pos_ == "NOUN" or t.text[:1].isupper() for t in words):
            return text
    for child in root.rights:
        if child.dep_ == "relcl" and child.left_edge.lower_ in ("who", "whose"):
            return _subtree_text(child).removeprefix("who ").strip()
    return None


def extract_mentions(doc: Any, sentmap: SentenceMap) -> tuple[Mention, ...]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS:
            continue
        name = _clean_name(ent)
        if not name or not any(c.isalpha() for c in name):
            continue
        role = role_of(ent) if ent.label_ == "PERSON" else None
        mentions.append(Mention(name, ent.label_, sentmap.at(ent.start_char), role))
    return tuple(mentions)
