"""Named-entity mentions, the roles written next to them, and the evidence reconcile needs to fix NER errors."""

from __future__ import annotations

import re
from typing import Any

from briefgen.models import Mention
from briefgen.nlp.sentmap import SentenceMap

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "messrs"})
# Words that stand before a name as a title: general vocabulary of offices and ranks, no names.
TITLES = frozenset(
    """president vice prime minister secretary senator sen rep representative congressman congresswoman gov governor
    mayor judge justice chancellor king queen prince princess pope sheikh emir general gen col colonel lt lieutenant
    sgt sergeant capt captain cmdr commander adm admiral marshal chief ceo chairman chairwoman chair director
    ambassador envoy spokesman spokeswoman spokesperson coach officer detective sheriff inspector lawyer attorney
    pastor bishop cardinal archbishop rabbi imam emperor speaker leader premier commissioner deputy minister
    professor prof dr""".split()  # noqa: SIM905 - a word list reads better as text
)
_ROLE_DEPS = frozenset({"compound", "nmod", "amod"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "appos", "prep"})
_MAX_ROLE_WORDS = 16
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
_CORPORATE = frozenset({"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "group", "company", "ag", "gmbh"})
_SLIDE = re.compile(r"^\d+/\d+$")
_DOMAIN = re.compile(r"\w\.(?:com|ca|org|net|co|uk|au|in|de|fr)\b", re.IGNORECASE)


def is_credit(ent: Any, name: list[Any]) -> bool:
    """A name in a byline or photo credit: "By Jane Doe", "Jane Doe/Agency", "... Jane Doe 3/12"."""
    doc = ent.doc
    after = doc[name[-1].i + 1] if name[-1].i + 1 < len(doc) else None
    if after is not None and (after.text.startswith("/") or _SLIDE.match(after.text)):
        return True
    if after is not None and after.text == "," and after.i + 1 < len(doc) and _DOMAIN.search(doc[after.i + 1].text):
        return True  # "Jane Doe, Example.com": a byline
    first = name[0].i
    return first > 0 and str(doc[first - 1].text) == "By"  # capitalised: a byline, not "written by"


def _label(ent: Any, name: list[Any]) -> str:
    """The model's label, corrected where the context rules out a person: "the X" is no one, "in X" a place."""
    if ent.label_ != "PERSON" or not name:
        return str(ent.label_)
    if _word(name[-1]) in _CORPORATE and len(name) > 1:
        return "ORG"  # "Acme Inc.": a company whatever the model thought
    if name[0].i == 0:
        return str(ent.label_)
    before = ent.doc[name[0].i - 1]
    if before.lower_ == "the":
        return "ORG"
    if before.lower_ in _LOCATIVE and name[-1].i + 1 < len(ent.doc) and ent.doc[name[-1].i + 1].tag_ != "POS":
        return "GPE"
    return str(ent.label_)


def _word(token: Any) -> str:
    return str(token.lower_).strip(".")


def _name_tokens(ent: Any) -> list[Any]:
    """The tokens of the name proper: no determiners, possessive marks, honorifics or titles."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct or tokens[0].tag_ == "POS"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if ent.label_ == "PERSON":
        while len(tokens) > 1 and (_word(tokens[0]) in HONORIFICS or _word(tokens[0]) in TITLES):
            tokens = tokens[1:]
    return tokens


def _text(tokens: list[Any]) -> str:
    """Surface text of tokens in document order; gaps (skipped tokens) become single spaces."""
    out = ""
    for prev, tok in zip([None, *tokens], tokens, strict=False):
        if prev is not None:
            out += prev.whitespace_ if tok.i == prev.i + 1 else " "
        out += tok.text
    return out.strip(" ,;:-\u2014").removesuffix("\u2019s").removesuffix("'s").strip()


def _phrase(head: Any, skip: Any = None) -> str:
    """A noun phrase from its head: the head's subtree without clauses hanging off it, nor `skip`'s span."""
    keep: list[Any] = []

    def walk(tok: Any, top: bool) -> None:
        if skip is not None and skip.start <= tok.i < skip.end:
            return
        if not top and tok.head.i == head.i and tok.dep_ in ("relcl", "acl", "advcl", "appos"):
            return
        if tok.dep_ == "punct" and tok.text not in "-'\u2019":
            return
        if tok.dep_ == "conj" and tok.ent_type_ == "PERSON":
            return  # "his son-in-law and Jane Doe": the next person of a list
        keep.append(tok)
        for child in tok.children:
            walk(child, False)

    walk(head, True)
    keep.sort(key=lambda t: t.i)
    while keep and (keep[0].tag_ == "DT" or keep[0].dep_ == "cc"):
        keep = keep[1:]
    while keep and keep[-1].dep_ in ("cc", "prep"):
        keep = keep[:-1]
    return _text(keep)


def _usable(role: str) -> str | None:
    """A role says what someone is: it needs a common word or a title, not only names."""
    words = role.split()
    if not words or len(words) > _MAX_ROLE_WORDS or re.search(r"[|/@#]", role):
        return None
    if not any(w[:1].islower() or w.lower().strip(".,") in TITLES for w in words):
        return None
    return role


def _appositive_after(ent: Any) -> str | None:
    """`NAME, the ministry spokesman,`: a common-noun phrase that opens right after the name and a comma."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    start = ent.end + 1
    for tok in doc[start : min(len(doc), start + _MAX_ROLE_WORDS)]:
        if tok.left_edge.i == start and tok.pos_ == "NOUN" and tok.dep_ in ("appos", "conj", "npadvmod", "attr"):
            if tok.ent_type_ in ("PERSON", "GPE"):
                return None
            return _usable(_phrase(tok))
    return None


def role_of(ent: Any) -> str | None:
    """A role from an apposition, a pre-name title or a relative clause."""
    root = ent.root
    found = _appositive_after(ent)
    if found:
        return found
    # the name is the apposition of a title: "Freedonia's President, Ana Ruiz"
    head = root.head
    if root.dep_ == "appos" and head.ent_type_ not in ("PERSON", "GPE") and head.i < ent.start and head.pos_ != "VERB":
        words = [t for t in head.subtree if t.i < ent.start and not t.is_punct]
        while words and words[0].tag_ == "DT":
            words = words[1:]
        text = _usable(_text(words))
        if text and head.pos_ in ("NOUN", "PROPN"):
            return text
    # a title before the name: "U.S. Secretary of Labor Ana Ruiz", "President Ana Ruiz of Freedonia"
    titles = [c for c in root.lefts if c.dep_ in _ROLE_DEPS and c.i < ent.start and c.ent_type_ != "PERSON"]
    titles += [t for t in ent if t.i < _name_tokens(ent)[0].i] if _name_tokens(ent) else []
    if titles:
        start = min(t.left_edge.i for t in titles)
        words = [t for t in root.doc[start : ent.start] if not t.is_punct and t.tag_ != "DT"]
        words += [t for t in ent if t in titles]
        words = [t for t in words if _word(t) not in HONORIFICS]
        after = [c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"]
        if words and any(t.pos_ == "NOUN" or t.text[:1].isupper() for t in words):
            text = _text(sorted(set(words), key=lambda t: t.i))
            if after:
                text = f"{text} {_text(list(after[0].subtree))}"
            role = _usable(text)
            if role:
                return role
    for child in root.rights:
        if child.dep_ == "relcl" and child.left_edge.lower_ in ("who", "whose"):
            words = [t for t in child.subtree if t.i > child.left_edge.i]
            words = [t for t in words if not t.is_punct or t.text in "-'\u2019"]
            return _usable(_text(words))
    return None


def _personal(ent: Any, name: list[Any], role: str | None) -> bool:
    """Evidence of a person: an honorific or title before the name, a `who` clause, an office as role."""
    doc = ent.doc
    before = doc[name[0].i - 1] if name and name[0].i > 0 else None
    if before is not None and (_word(before) in HONORIFICS or _word(before) in TITLES):
        return True
    if any(c.dep_ == "relcl" and c.left_edge.lower_ in ("who", "whose") for c in ent.root.rights):
        return True
    words = [w.strip(".,").lower() for w in (role or "").split()]
    return bool(words) and words[-1] in TITLES


def extract_mentions(doc: Any, sentmap: SentenceMap) -> tuple[Mention, ...]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS:
            continue
        if ent.label_ == "NORP" and ent.root.pos_ == "ADJ":
            continue  # "Russian forces": an adjective, not a group in the story
        tokens = _name_tokens(ent)
        name = _text(tokens)
        if not name or sum(c.isalpha() for c in name) < 2 or (ent.label_ == "PERSON" and is_credit(ent, tokens)):
            continue
        sent_start = ent.sent.start
        while sent_start < ent.start and (doc[sent_start].is_punct or doc[sent_start].is_space):
            sent_start += 1
        role = role_of(ent) if ent.label_ in ("PERSON", "ORG") else None
        mentions.append(
            Mention(
                name,
                _label(ent, tokens),
                sentmap.at(tokens[0].idx),
                role,
                initial=tokens[0].i == sent_start,
                proper=all(t.tag_ in ("NNP", "NNPS") for t in tokens if t.text[:1].isupper()),
                titled=ent.label_ in ("PERSON", "ORG") and _personal(ent, tokens, role),
            )
        )
    return tuple(mentions)
