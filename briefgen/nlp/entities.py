"""Named-entity mentions, the roles written next to them, and the evidence reconcile needs to fix NER errors."""

from __future__ import annotations

import re
from typing import Any

from briefgen.models import Mention
from briefgen.nlp.sentmap import SentenceMap
from briefgen.words.nouns import FACILITY_NOUNS, INSTITUTION_NOUNS, ORG_NOUNS, PERSON_NOUNS, PLACE_NOUNS, role_head
from briefgen.words.titles import HONORIFICS, TITLES

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_ROLE_DEPS = frozenset({"compound", "nmod", "amod"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "appos", "prep"})
_MAX_ROLE_WORDS = 16
_MAX_TITLE_WORDS = 5
_GENERIC = frozenset({"man", "woman", "person", "one", "people"})  # says less than a clause after it may
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
_CORPORATE = frozenset({"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "group", "company", "ag", "gmbh"})
_SLIDE = re.compile(r"^\d+/\d+$")
# Words that label a caption or a credit line, glued before a name by scraping: "Photo Jane Doe"
_CAPTION_LABELS = frozenset({"photo", "image", "picture", "video", "caption", "credit", "pictured", "file"})
# Newsroom staff: a name described so ("Jane Doe is a reporter for ...") is a byline or a promo, not a source
_NEWSROOM = frozenset({"reporter", "correspondent", "editor", "columnist", "writer", "photographer", "contributor",
                       "producer", "presenter"})
# Lower-case particles inside a name ("Ana de la Cruz", "Jan van Dijk") where the NER often cuts it in two
_PARTICLES = frozenset({"da", "de", "del", "della", "der", "di", "do", "dos", "das", "du", "van", "von", "bin",
                        "ibn", "al", "el", "la", "le", "ter", "ten"})
# Endings of nationality adjectives ("Kuwaiti", "Ukrainian", "Maltese", "Danish") used before a noun
_DEMONYM_END = re.compile(r"(?:i|ian|ean|an|ese|ish|ic)$")
_POST_VERBS = frozenset({"say", "write", "post", "tweet", "describe", "share", "add"})
_POSTS = frozenset({"tweet", "post", "video", "livestream", "blog"})
_NOT_MEDIA = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})
_CREDIT_VERBS = frozenset({"reporting", "writing", "editing", "additional", "photographs", "photography"})
# "said on X", "a post on X": X is where it was said, a medium, not a person
_MEDIUM_HEADS = frozenset({"say", "write", "post", "tweet", "announce", "share", "publish", "account", "page",
                           "message", "video", "statement", "feed", "channel", "site", "website"})
_CLOCK = re.compile(r"^\d{1,2}(?:[:.]\d{2}(?:am|pm)?|am|pm|a\.m\.|p\.m\.)$", re.IGNORECASE)  # "06:00", "9pm"
_DOMAIN = re.compile(r"\w\.(?:com|ca|org|net|co|uk|au|in|de|fr)\b", re.IGNORECASE)


def is_credit(ent: Any, name: list[Any]) -> bool:
    """A name in a byline or photo credit: "By Jane Doe", "Jane Doe/Agency", "... Jane Doe 3/12"."""
    doc = ent.doc
    after = doc[name[-1].i + 1] if name[-1].i + 1 < len(doc) else None
    if after is not None and (after.text.startswith("/") or _SLIDE.match(after.text)):
        return True
    if after is not None and after.text == "," and after.i + 1 < len(doc) and _DOMAIN.search(doc[after.i + 1].text):
        return True  # "Jane Doe, Example.com": a byline
    end = name[-1].idx + len(name[-1].text)
    if re.match(r",\s*[A-Za-z]{1,12}\s*/\s*[A-Z]", doc.text[end : end + 40]):
        return True  # "(Jane Doe, File/Agency)": a photo credit
    first = name[0].i
    if first > 0 and doc.text[name[0].idx - 1] == "/":
        return True  # "AGENCY/Jane Doe": a photo credit
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.text == ":" and first > 1 and _word(doc[first - 2]) in _CAPTION_LABELS:
        return True  # "Photo: Jane Doe"
    if before is not None and before.text == "By":
        return True  # capitalised: a byline, not "written by"
    return before is not None and before.lower_ == "by" and first > 1 and doc[first - 2].lower_ in _CREDIT_VERBS


def _label(ent: Any, name: list[Any]) -> str:
    """The model's label, corrected where the context rules out a person: "the X" is no one, "in X" a place."""
    if ent.label_ != "PERSON" or not name:
        return str(ent.label_)
    last = _word(name[-1])
    if (last in _CORPORATE and len(name) > 1) or any(t.text == "&" for t in name):
        return "ORG"  # "Acme Inc.", "Lund & Berg": a company whatever the model thought
    if len(name) > 1 and last in INSTITUTION_NOUNS:
        return "ORG"  # "Hill Street School"
    if len(name) > 1 and last in FACILITY_NOUNS:
        return "FAC"  # "Harrow Road"
    if len(name) == 1 and name[0].text.isupper() and len(name[0].text) > 1:
        return "ORG"  # "PII", "ACME": an initialism, not a person's name
    root, head = ent.root, ent.root.head
    if root.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_ in ORG_NOUNS | _MEDIUM_HEADS:
        return "ORG"  # "the Kestrel security agency", "its Chirper account"
    if root.dep_ == "poss" and head.lemma_ in INSTITUTION_NOUNS:
        return "ORG"  # "St Anne's hospital"
    if root.dep_ == "appos" and head.ent_type_ in ("GPE", "LOC", "FAC"):
        return "GPE"  # "Mill Lane, Tarn": a place in a place
    if root.dep_ == "pobj" and head.head.pos_ in ("NOUN", "VERB"):
        governor = head.head.lemma_.lower()
        if head.lower_ == "of" and governor in PLACE_NOUNS:
            return "GPE"  # "the village of Tor"
        if head.lower_ == "on" and governor in _MEDIUM_HEADS:
            return "ORG"  # "said on Chirper", "a post on Chirper": a medium
        if head.lower_ in ("at", "with") and governor in PERSON_NOUNS:
            return "ORG"  # "a lawyer with Lund Berg", "an analyst at Kite": an employer
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
    while len(tokens) > 1 and _word(tokens[0]) in _CAPTION_LABELS and tokens[0].text[:1].isupper():
        tokens = tokens[1:]  # "Photo Jane Doe": a caption label scraped onto the name
    if ent.label_ == "PERSON":
        while len(tokens) > 1 and (_word(tokens[0]) in HONORIFICS or _word(tokens[0]) in TITLES):
            tokens = tokens[1:]
    return tokens


def _modifier(ent: Any) -> bool:
    """A nationality or place name used as an adjective before a noun, or inside a hyphenated modifier."""
    if ent.label_ not in ("NORP", "GPE", "ORG"):
        return False
    root, doc = ent.root, ent.doc
    if ent.end < len(doc) and doc[ent.end].text == "-" and not ent[-1].whitespace_:
        return True  # "Tarn-based", "Ruritanian-controlled"
    if ent.label_ == "NORP" and root.pos_ == "ADJ":
        return True
    if ent.label_ == "ORG" and root.dep_ == "compound" and root.head.tag_ == "NNS" and root.head.i == ent.end:
        return True  # "Social Security numbers": a name used to say what kind of thing is counted
    if len(ent) != 1 or root.head.pos_ != "NOUN" or root.head.i != root.i + 1:
        return False
    demonym = root.dep_ == "compound" and bool(_DEMONYM_END.search(root.lower_))
    return root.tag_ == "JJ" or root.dep_ == "amod" or demonym


def _titled_name(ent: Any) -> list[Any] | None:
    """`UN Spokesperson Ana Lee` tagged as an organisation or a title: a title, then a full name to the end."""
    if ent.label_ == "PERSON":
        return None
    titles = [t for t in ent if _word(t) in TITLES]
    if not titles:
        return None
    rest = [t for t in ent if t.i > titles[-1].i]
    last = _word(rest[-1]) if rest else ""
    nouns = _CORPORATE | ORG_NOUNS | INSTITUTION_NOUNS | FACILITY_NOUNS
    if len(rest) < 2 or last in nouns or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest):
        return None
    return rest


def _with_particles(tokens: list[Any]) -> list[Any]:
    """A name the NER cut at a particle, joined again: "Ana" + "de la" + "Cruz Vega"."""
    if not tokens:
        return tokens
    doc = tokens[0].doc

    def name_word(i: int) -> bool:
        tok = doc[i]
        return tok.pos_ == "PROPN" and tok.text[:1].isupper() and _word(tok) not in TITLES | HONORIFICS

    start, end = tokens[0].i, tokens[-1].i + 1
    i = end
    while i < len(doc) and doc[i].lower_ in _PARTICLES:
        i += 1
    if i > end and i < len(doc) and name_word(i):
        while i < len(doc) and name_word(i):
            i += 1
        end = i
    i = start - 1
    while i >= 0 and doc[i].lower_ in _PARTICLES:
        i -= 1
    if i < start - 1 and i >= 0 and name_word(i):
        while i >= 0 and name_word(i):
            i -= 1
        start = i + 1
    return list(doc[start:end])


def _text(tokens: list[Any]) -> str:
    """Surface text of tokens in document order; gaps (skipped tokens) become single spaces."""
    out = ""
    for prev, tok in zip([None, *tokens], tokens, strict=False):
        if prev is not None:
            out += prev.whitespace_ if tok.i == prev.i + 1 else " "
        out += tok.text
    return out.strip(" ,;:-\u2014").removesuffix("\u2019s").removesuffix("'s").strip()


def _phrase(head: Any, skip: Any = None) -> str:
    """A noun phrase from its head: the head's subtree without clauses (at any depth) nor `skip`'s span."""
    keep: list[Any] = []

    def walk(tok: Any, top: bool) -> None:
        if skip is not None and skip.start <= tok.i < skip.end:
            return
        if not top and (tok.dep_ in ("relcl", "advcl") or (tok.head.i == head.i and tok.dep_ in ("acl", "appos"))):
            return  # a clause, even on a noun inside the phrase, says more than what someone is
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
    if not any(w[:1].islower() or w.lower().strip(".,") in TITLES | PERSON_NOUNS for w in words):
        return None
    return role


def _appositive_after(ent: Any) -> str | None:
    """`NAME, the ministry spokesman,`, `NAME, 52, a nurse,`, `NAME, of the drivers' union,`: a phrase that
    opens right after the name and a comma (an age in commas skipped)."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    start = ent.end + 1
    if start + 2 < len(doc) and doc[start].like_num and doc[start + 1].text == ",":
        start += 2  # "Ana Lee, 52, a nurse": the age is an apposition of its own
    first = doc[start]
    if first.dep_ == "prep" and first.lower_ in ("of", "from") and first.head.i < start:
        return _usable(_text([t for t in first.subtree if not t.is_punct or t.text in "-'\u2019"]))
    for tok in doc[start : min(len(doc), start + _MAX_ROLE_WORDS)]:
        if tok.left_edge.i != start or tok.dep_ not in ("appos", "conj", "npadvmod", "attr"):
            continue
        if tok.ent_type_ in ("PERSON", "GPE"):
            return None
        if tok.pos_ == "NUM" and tok.lower_ == "one" and any(c.lower_ == "of" for c in tok.rights):
            return _usable(_phrase(tok))  # "Ana Lee, one of the passengers,"
        if tok.pos_ == "NOUN" and not (tok.dep_ == "conj" and tok.tag_ == "NNS"):
            return _usable(_phrase(tok))  # a plural conjunct is the next item of a list, not what she is
    return None


def _as_role(ent: Any) -> str | None:
    """`named Ana Lee as its chief`: the `as` phrase; `identified the victims as Ana Lee and Tom Ode`: the object."""
    root = ent.root
    while root.dep_ == "conj" and root.head.pos_ == "PROPN":
        root = root.head  # one of a list of names: what the list is introduced as
    verb, doc = root.head, ent.doc
    if root.dep_ in ("dobj", "oprd") and verb.pos_ == "VERB":
        after = ent.end + 3 if ent.end + 2 < len(doc) and doc[ent.end + 1].like_num else ent.end  # ", 16, as"
        preps = [c for c in verb.children if c.dep_ == "prep"] + ([doc[after]] if after < len(doc) else [])
        for prep in preps:
            if prep.lower_ == "as":
                objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objects:
                    return _usable(_phrase(objects[0]))
    if root.dep_ == "pobj" and verb.lower_ == "as" and verb.head.pos_ == "VERB":
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        if objects:
            return _usable(_phrase(objects[0]))
    return None


def _predicate(ent: Any) -> str | None:
    """`Ana Lee is a senior member of the board`: the noun phrase the name is said to be."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    attrs = [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return _usable(_phrase(attrs[0])) if attrs else None


def _title_run(doc: Any, start: int) -> list[Any]:
    """Capitalised words right before a name that end in a title: "Deputy Chief Constable", "Croydon Central MP"."""
    i = start - 1
    while i >= 0 and start - i <= _MAX_TITLE_WORDS and doc[i].text[:1].isupper() and doc[i].is_alpha:
        i -= 1
    run = list(doc[i + 1 : start])
    while run and _word(run[0]) not in TITLES and run[0].ent_type_ not in ("GPE", "ORG", "NORP", ""):
        run = run[1:]
    return run if run and (_word(run[-1]) in TITLES or _word(run[-1]) in PERSON_NOUNS) else []


def _after_furniture(words: list[Any]) -> list[Any]:
    """Title words after the last caption label, number, clock time or word in capitals glued before them."""
    cut = [i for i, t in enumerate(words) if _word(t) in _CAPTION_LABELS | {"copyright"} or t.like_num]
    cut += [i for i, t in enumerate(words) if any(c.isdigit() for c in t.text)]
    cut += [i for i, t in enumerate(words) if t.i > 0 and _CLOCK.match(t.doc[t.i - 1].text)]  # "06:00 GMT"
    cut += [i for i, t in enumerate(words) if len(t.text) >= 5 and t.text.isupper()]  # a dateline, a heading
    return words[max(cut) + 1 :] if cut else words


def role_of(ent: Any, name: list[Any] | None = None) -> str | None:
    """A role from an apposition, a pre-name title, a relative clause, "X is a ..." or "named X as ..."."""
    root = ent.root
    name = name or _name_tokens(ent)
    found = _appositive_after(ent)
    if found and found.lower() not in _GENERIC:
        return found
    # the name is the apposition of a title: "Freedonia's President, Ana Ruiz"
    head = root.head
    joined = head.i == ent.start - 1 or (ent.start > 0 and ent.doc[ent.start - 1].text in (",", ":"))
    if root.dep_ == "appos" and head.ent_type_ not in ("PERSON", "GPE") and head.i < ent.start and joined:
        words = [t for t in head.subtree if t.i < ent.start and not t.is_punct]
        while words and words[0].tag_ == "DT":
            words = words[1:]
        text = _usable(_text(words))
        if text and head.pos_ in ("NOUN", "PROPN"):
            return text
    # a title before the name: "U.S. Secretary of Labor Ana Ruiz", "President Ana Ruiz of Freedonia"
    titles = [c for c in root.lefts if c.dep_ in _ROLE_DEPS and c.i < ent.start and c.ent_type_ != "PERSON"]
    titles += [t for t in ent if name and t.i < name[0].i]
    run = [] if titles else _title_run(ent.doc, ent.start)
    titles = titles or run
    if titles:
        start = run[0].i if run else min(t.left_edge.i for t in titles)
        words = [t for t in root.doc[start : ent.start] if not t.is_punct and t.tag_ != "DT"]
        words += [t for t in ent if t in titles]
        words = _after_furniture([t for t in words if _word(t) not in HONORIFICS])
        after = [c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"]
        if words and any(t.pos_ == "NOUN" or t.text[:1].isupper() for t in words):
            text = _text(sorted(set(words), key=lambda t: t.i))
            if after:
                text = f"{text} {_text(list(after[0].subtree))}"
            role = _usable(text)
            if role:
                return role
    for child in [*root.rights, *(root.head.rights if root.dep_ == "appos" else [])]:
        if child.dep_ == "relcl" and child.left_edge.lower_ in ("who", "whose"):
            words = [t for t in child.subtree if t.i > child.left_edge.i]
            words = [t for t in words if not t.is_punct or t.text in "-'\u2019"]
            return _usable(_text(words))
    return _predicate(ent) or _as_role(ent) or found or _posted(ent)


def _posted(ent: Any) -> str | None:
    """Someone known in the story only by a post: "Ana Lee wrote on Chirper", "said in a tweet"."""
    root = ent.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ not in _POST_VERBS:
        return None
    for prep in verb.children:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.dep_ != "prep" or prep.i < verb.i or prep.lower_ not in ("on", "in") or not objects:
            continue
        obj = objects[0]
        named_medium = prep.lower_ == "on" and obj.pos_ == "PROPN" and obj.ent_type_ not in _NOT_MEDIA
        if named_medium or obj.lemma_ in _POSTS:
            return _text([verb, *(t for t in prep.subtree if not t.is_punct)])
    return None


def _personal(ent: Any, name: list[Any], role: str | None) -> bool:
    """Evidence of a person: an honorific or title before the name, a `who` clause, an office as role."""
    if any(t.text == "&" for t in name):
        return False  # "Lund & Berg": a firm, whatever clause follows
    doc = ent.doc
    before = doc[name[0].i - 1] if name and name[0].i > 0 else None
    if before is not None and (_word(before) in HONORIFICS or _word(before) in TITLES):
        return True
    if any(c.dep_ == "relcl" and c.left_edge.lower_ in ("who", "whose") for c in ent.root.rights):
        return True
    words = [w.strip(".,").lower() for w in (role or "").split()]
    if words and words[0] == "its":
        return False  # "its owner": said of a thing, not of a person
    return bool(words) and (words[-1] in TITLES or role_head(role or "") in PERSON_NOUNS)


def extract_mentions(doc: Any, sentmap: SentenceMap) -> tuple[Mention, ...]:
    mentions = []
    covered: set[int] = set()
    for ent in doc.ents:
        titled_name = _titled_name(ent)
        if (ent.label_ not in KEEP_LABELS and not titled_name) or ent.start in covered:
            continue
        if _modifier(ent):
            continue  # "Russian forces", "Kuwaiti officials", "Tarn-based": an adjective, not a place or a group
        if ent.start > 0 and _CLOCK.match(doc[ent.start - 1].text) and ent.label_ != "PERSON":
            continue  # "06:00 GMT", "9pm EST": a time zone
        tokens = titled_name or _with_particles(_name_tokens(ent))
        covered.update(t.i for t in tokens)
        name = _text(tokens)
        if not name or sum(c.isalpha() for c in name) < 2 or (ent.label_ == "PERSON" and is_credit(ent, tokens)):
            continue
        sent_start = ent.sent.start
        while sent_start < ent.start and (doc[sent_start].is_punct or doc[sent_start].is_space):
            sent_start += 1
        role = role_of(ent, tokens) if ent.label_ in ("PERSON", "ORG", "GPE") or titled_name else None
        if role and role_head(role) in _NEWSROOM:
            continue  # "Jane Doe is a reporter for ...": the outlet's staff, not a person in the story
        label = "PERSON" if titled_name else _label(ent, tokens)
        personal = label in ("PERSON", "ORG", "GPE") and label in (ent.label_, "PERSON")
        mentions.append(
            Mention(
                name,
                label,
                sentmap.at(tokens[0].idx),
                role,
                initial=tokens[0].i == sent_start,
                proper=all(t.tag_ in ("NNP", "NNPS") for t in tokens if t.text[:1].isupper()),
                titled=personal and _personal(ent, tokens, role),
            )
        )
    for tokens in _untagged_titled_names(doc):
        run = _title_run(doc, tokens[0].i)
        mentions.append(
            Mention(
                _text(tokens),
                "PERSON",
                sentmap.at(tokens[0].idx),
                _usable(_text(_after_furniture(run))),
                initial=False,
                titled=True,
            )
        )
    return tuple(mentions)


def _untagged_titled_names(doc: Any) -> list[list[Any]]:
    """Names the NER missed right after a title: "Deputy Chief Constable Ana Lee said" (two or three name words)."""
    found = []
    for tok in doc:
        if not (_word(tok) in TITLES and tok.text[:1].isupper()) or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            if doc[end].ent_type_ or _word(doc[end]) in TITLES | HONORIFICS:
                break
            end += 1
        names = list(doc[tok.i + 1 : end])
        if 2 <= len(names) <= 3 and (end == len(doc) or doc[end].pos_ != "PROPN"):
            found.append(names)
    return found
