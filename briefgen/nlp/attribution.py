"""Who said a quote: the subject of a nearby reporting verb, resolved to a named speaker.

Works on a spaCy Doc of the whole article. Cues, strongest first: a dash signature after the quote
("-- Name"), a reporting verb in the quote's own sentences (its subject, an inverted subject
"said Name", a participle's governing subject, "according to Name"), a "Name:" lead-in, the
previous sentence ending in a colon, the verb that governs the quote. Pronouns go to the most
recent compatible person, a subject of the last sentences first ("they"/"it" may take up an
organisation noun that was the subject); descriptions ("the spokesman") to the person or
organisation whose name or role holds the head noun, never to one that was only told or shown
something; surnames to the fullest form of the name in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefgen.nlp.entities import is_credit
from briefgen.nlp.reporting_verbs import (
    DOCUMENT_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    FIRST_PERSON,
    FUNCTION_WORDS,
    GROUP_PRONOUNS,
    HONORIFICS,
    INVERSION_VERBS,
    LISTENING_VERBS,
    MALE_PRONOUNS,
    MALE_TITLES,
    ORG_KINDS,
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    REPORTING_VERBS,
    SPOKES_NOUNS,
    STATE_NOUNS,
    TITLE_WORDS,
    WEAK_REPORTING_VERBS,
)
from briefgen.nlp.sentmap import SentenceMap

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DASH_SIGNATURE = re.compile(r"^[ \t,.]*(?:[\u2014\u2015\u2013]|--?)[ \t]*((?:[A-Z][\w.'\u2019-]*\.?[ \t]*){1,5})")
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "parataxis", "relcl", "acl", "pcomp"})


@dataclass(frozen=True, slots=True)
class Name:
    """A named mention outside quotes: text without titles, its label and where it sits."""

    text: str
    label: str
    start: int  # char offsets
    end: int
    root: int  # token index of the entity root
    gender: str | None


class ArticleContext:
    """What attribution needs to know about one article: tokens in quotes, names, sentences."""

    def __init__(self, doc: Any, text: str, sentmap: SentenceMap, quoted: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = text  # the Doc's text: spaCy would join every token again for each `doc.text`
        self.sentmap = sentmap
        self._quoted = sorted(quoted)
        self._qstarts = [s for s, _ in self._quoted]
        self._tok_starts: list[int] = doc.to_array("IDX").tolist()
        self._places = {e.text.lower() for e in doc.ents if e.label_ in PLACE_LABELS}
        self.names = [n for n in (self._name(e) for e in doc.ents) if n is not None]
        self.names = [self._as_person(n) for n in self.names]
        self.names = sorted([*self.names, *self._untagged_surnames()], key=lambda n: n.start)
        self.genders = self._genders()
        self._named_genders = self._pronoun_genders()
        self._name_words = {
            w.lower() for n in self.names if n.label == "PERSON" and len(n.text.split()) > 1 for w in n.text.split()
        }

    def in_quote(self, offset: int) -> bool:
        i = bisect_left(self._qstarts, offset + 1) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def tokens(self, start: int, end: int) -> list[Any]:
        """Tokens starting inside [start, end) that are not inside a quote."""
        lo = bisect_left(self._tok_starts, start)
        hi = bisect_left(self._tok_starts, end)
        return [t for t in self.doc[lo:hi] if not self.in_quote(t.idx)]

    def _name(self, ent: Any) -> Name | None:
        if ent.label_ not in SPEAKER_LABELS or self.in_quote(ent.start_char) or is_credit(ent, list(ent)):
            return None  # a photographer in a credit line ("AGENCY/Jane Doe") speaks in no sentence
        text, gender = clean_name(list(ent))
        if not text or not any(c.isupper() for c in text):
            return None
        if ent.label_ == "PERSON":
            text = self._without_place(_without_titles(text))
        return Name(text, ent.label_, ent.start_char, ent.end_char, ent.root.i, gender)

    def _as_person(self, name: Name) -> Name:
        """An organisation-tagged name of two or three plain capitalised words that 'he', 'she', 'his' or 'her'
        takes up later in its sentence is a person ("Ada Quill said her shop ...")."""
        words = name.text.split()
        plain = all(w.isalpha() and w[:1].isupper() and w.lower() not in ORG_NOUNS for w in words)
        subject = self.doc[name.root].dep_ in _SUBJECT_DEPS
        if name.label != "ORG" or not 2 <= len(words) <= 3 or not plain or not subject:
            return name
        end = self.sentmap.sentence(self.sentmap.at(name.start)).end
        for t in self.tokens(name.end, end):
            if t.ent_type_ in ("PERSON", "ORG"):
                return name
            if (t.lower_ in MALE_PRONOUNS or t.lower_ in FEMALE_PRONOUNS) and _refers_back(t):
                gender = "m" if t.lower_ in MALE_PRONOUNS else "f"
                return Name(name.text, "PERSON", name.start, name.end, name.root, name.gender or gender)
        return name

    def _without_place(self, name: str) -> str:
        """'Riverton Jane' -> 'Jane': leading words the article names as a place elsewhere were glued onto the
        name from a dateline or the end of a run-on line, when a word of the name is left."""
        words = name.split()
        for i in range(len(words) - 1, 0, -1):
            if " ".join(words[:i]).lower() in self._places:
                return " ".join(words[i:])
        return name

    def _untagged_surnames(self) -> list[Name]:
        """Surnames of known people that the tagger missed elsewhere in the article."""
        surnames = {n.text.split()[-1] for n in self.names if n.label == "PERSON" and len(n.text.split()) > 1}
        strings = self.doc.vocab.strings
        wanted = {strings.as_int(s) for s in surnames}  # the hash of each word: no Token made for the others
        found = (self.doc[i] for i, orth in enumerate(self.doc.to_array("ORTH").tolist()) if orth in wanted)
        return [
            Name(t.text, "PERSON", t.idx, t.idx + len(t.text), t.i, None)
            for t in found
            if not t.ent_type_ and t.pos_ in ("PROPN", "NOUN") and not self.in_quote(t.idx)
        ]

    def _genders(self) -> dict[str, str]:
        """Surname -> gender, from titles anywhere in the article ("Mrs. Lee")."""
        found: dict[str, str] = {}
        for n in self.names:
            if n.gender and n.label == "PERSON":
                found.setdefault(n.text.split()[-1].lower(), n.gender)
        return found

    def _pronoun_genders(self) -> dict[str, str]:
        """Whole name -> gender, from the first he, she, his or possessive her after a person who is the subject of
        a sentence, before another person is named ("Ann Lee said her car..."); not by surname: relatives share
        one."""
        found: dict[str, str] = {}
        for n in self.names:
            if n.label != "PERSON" or self.doc[n.root].dep_ not in _SUBJECT_DEPS:
                continue
            end = self.sentmap.sentence(self.sentmap.at(n.start)).end
            later = [m.start for m in self.names if n.end <= m.start < end and m.label == "PERSON"]
            pronoun = next(
                (
                    t.lower_
                    for t in self.tokens(n.end, min([end, *later]))
                    if (t.lower_ in MALE_PRONOUNS or t.lower_ in FEMALE_PRONOUNS) and _refers_back(t)
                ),
                None,
            )
            if pronoun:
                found.setdefault(n.text.lower(), "m" if pronoun in MALE_PRONOUNS else "f")
        return found

    def introduced(self, name: str) -> bool:
        """A person news introduces by full name or title: a one-word name that is neither a word of a longer
        person name nor titled is likely a tagging slip (a company, a place)."""
        if len(name.split()) > 1 or self.gender_of(name):
            return True
        return name.lower() in self._name_words

    def gender_of(self, name: str) -> str | None:
        if not name:
            return None
        return self.genders.get(name.split()[-1].lower()) or self._named_genders.get(name.lower())

    def fullest(self, name: str, before: int) -> str:
        """The usual full form of a name: of the person names of two words or more that hold all its words or
        are held by it ("UN Jane Roe" -> "Jane Roe"), the most frequent, then the longest; when they name
        different people, the one named last before `before`."""
        words = name.split()
        if not words:
            return name
        want = {w.lower() for w in words}
        forms: Counter[str] = Counter()
        for n in self.names:
            have = n.text.split()
            lowered = {w.lower() for w in have}
            same_person = want <= lowered or (len(words) > 1 and lowered <= want)
            if n.label == "PERSON" and len(have) > 1 and have[-1].lower() == words[-1].lower() and same_person:
                forms[n.text] += 1
        if not forms:
            return name
        sets = [{w.lower() for w in f.split()} for f in forms]
        if any(not (x <= y or y <= x) for x in sets for y in sets):
            return self._nearest_full(words[-1], before) or name
        return max(forms, key=lambda f: (forms[f], len(f.split())))

    def _nearest_full(self, surname: str, before: int) -> str | None:
        earlier = [n for n in self.names if n.start < before and n.text.split()[-1].lower() == surname.lower()]
        full = [n for n in earlier if len(n.text.split()) > 1]
        return full[-1].text if full else None


def _refers_back(pronoun: Any) -> bool:
    """He, she, his, a possessive her, a reflexive: likely the subject's; him and an object her are someone else."""
    low = pronoun.lower_
    return low not in ("him", "her") or (low == "her" and pronoun.dep_ == "poss")


def clean_name(tokens: list[Any]) -> tuple[str, str | None]:
    """Entity tokens -> (name without determiners, titles and possessive, gender from a title)."""
    gender = None
    while tokens and (tokens[0].lower_ in HONORIFICS or tokens[0].lower_ in ("the", "a", "an")):
        low = tokens[0].lower_
        if low in MALE_TITLES:
            gender = "m"
        elif low in FEMALE_TITLES:
            gender = "f"
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens = tokens[:-1]
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text.removesuffix("\u2019s").removesuffix("'s"), gender


def _without_titles(name: str) -> str:
    """'Deputy Chief Constable Jane Roe' -> 'Jane Roe': capitalised titles before a name of two words or more."""
    words = name.split()
    while len(words) > 2 and words[0].lower() in TITLE_WORDS and words[0][:1].isupper():
        words = words[1:]
    return " ".join(words)


def _entity_at(ctx: ArticleContext, token: Any) -> Name | None:
    return next((n for n in ctx.names if n.start <= token.idx < n.end), None)


def _noun_phrase(token: Any) -> str:
    """A subject's noun phrase without relative clauses or trailing punctuation."""
    words = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            continue
        words.extend(child.subtree)
    words.sort(key=lambda t: t.i)
    text = "".join(t.text_with_ws for t in words).strip(" ,")
    return text


def resolve_pronoun(ctx: ArticleContext, word: str, at: int, person: bool = False) -> str | None:
    """Most recent compatible name before `at`: subjects of the last sentences first, then by position."""
    name = _antecedent(ctx, word, at, person)
    return name.text if name is not None else None


def _antecedent(ctx: ArticleContext, word: str, at: int, person: bool = False) -> Name | None:
    low = word.lower()
    if low in FIRST_PERSON:
        return None
    want_person = person or low in MALE_PRONOUNS or low in FEMALE_PRONOUNS
    gender = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
    earlier = [n for n in ctx.names if n.end <= at]
    if not earlier:
        return None
    by_sentence: dict[int, list[Name]] = {}
    for n in earlier:
        by_sentence.setdefault(ctx.sentmap.at(n.start), []).append(n)
    recent = sorted(by_sentence, reverse=True)[:6]
    here = ctx.sentmap.at(at)
    ordered = [  # a subject of the last sentences before any other name: news names the one who speaks first
        n for sent in recent if here - sent <= _SUBJECT_REACH for n in by_sentence[sent] if _is_subject(ctx, n)
    ]
    for sent in recent:
        ordered.extend(sorted(by_sentence[sent], key=lambda n: (not _is_subject(ctx, n), n.start)))
    for n in ordered:
        if want_person != (n.label == "PERSON"):
            continue
        if want_person and not ctx.introduced(n.text):
            continue
        known = ctx.gender_of(n.text)
        if gender and known and known != gender:
            continue
        return n
    return None


_SUBJECT_REACH = 2  # sentences back in which a subject outranks a nearer name that is not one


def _is_subject(ctx: ArticleContext, name: Name) -> bool:
    return bool(ctx.doc[name.root].dep_ in _SUBJECT_DEPS)


_DEFINITE = frozenset({"the", "this", "that", "his", "her", "its", "their"})
_OF_ORG_PREPS = frozenset({"for", "at", "from", "of", "with"})
_DESCRIBED_NOUNS = PERSON_ROLE_NOUNS | SPOKES_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS


def _named_organisation(ctx: ArticleContext, token: Any) -> str | None:
    """The organisation a noun is of: 'a Harbour Trust spokesman', 'the agency's chief', 'an official at X'."""
    if token.lemma_.lower() in SPOKES_NOUNS:
        between = _name_before(ctx, token)
        if between:
            return between
    for child in token.children:
        target = child
        if child.dep_ == "prep" and child.lower_ in _OF_ORG_PREPS:
            target = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ not in ("compound", "poss", "nmod"):
            continue
        name = _entity_at(ctx, target) if target is not None else None
        if name is not None and name.label == "ORG":
            return name.text
        if name is None and child.dep_ == "compound" and child.pos_ == "PROPN" and token.lemma_.lower() in SPOKES_NOUNS:
            text, _ = clean_name([*(c for c in child.lefts if c.dep_ == "compound"), child])
            return text or None  # "a Kestrel spokesperson": an untagged name speaks through its spokesperson
        if target is not None and child.dep_ == "prep" and target.lemma_.lower() in ORG_NOUNS:
            return _recent_organisation(ctx, target.idx, target.lemma_.lower())
    return None


def _named_antecedent(ctx: ArticleContext, noun: str, at: int) -> str | None:
    """A definite description refers back to an earlier phrase with the same head: 'the military' -> 'the
    Northland military' (its name-like modifiers and the head, without the determiner)."""
    for token in reversed(ctx.tokens(0, at)):
        if token.lemma_.lower() != noun or token.pos_ != "NOUN":
            continue
        named = [c for c in token.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "ORG", "GPE")]
        if named:
            words = [*range(named[0].i, token.i + 1)]
            return "".join(ctx.doc[i].text_with_ws for i in words).strip()
    return _national_body(ctx, noun, at) if noun in STATE_NOUNS else None


_NATIONAL = frozenset({"NORP", "GPE"})


def _national_body(ctx: ArticleContext, noun: str, at: int) -> str | None:
    """'The Northland army said ... the military said': a country's body named by another state noun gives the
    nationality ('Northland military'), the one the article gives its state bodies most."""
    found: Counter[str] = Counter()
    for token in ctx.tokens(0, at):
        if token.pos_ == "NOUN" and token.lemma_.lower() in STATE_NOUNS:
            found.update(c.text for c in token.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in _NATIONAL)
    return f"{max(found, key=lambda k: (found[k], k))} {noun}" if found else None


def _listener(ctx: ArticleContext, name: Name) -> bool:
    """An organisation told something or shown a document ("told the Ledger", "seen by the Ledger") reports;
    it is not the one a description of a speaker refers back to."""
    root = ctx.doc[name.root]
    head = root.head
    if root.dep_ in ("dobj", "dative") and head.lemma_.lower() in LISTENING_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("by", "to", "with"):
        verb = head.head.lemma_.lower()
        return verb in LISTENING_VERBS or (head.lower_ != "by" and verb in REPORTING_VERBS)  # "said to X"
    return False


def _self_described(token: Any) -> bool:
    """'the Northland military', 'the Oslo-based campaign': a name among its modifiers, so it names itself."""
    return any(
        c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN")
        for c in token.lefts
    )


def _person_in_role_phrase(ctx: ArticleContext, token: Any) -> str | None:
    """'chairman and chief executive Jane Roe': the person a role phrase ends with."""
    stack = [c for c in token.children if c.dep_ in ("conj", "compound", "flat", "appos")]
    while stack:
        child = stack.pop()
        name = _entity_at(ctx, child)
        if name is not None and name.label == "PERSON":
            return ctx.fullest(name.text, name.start)
        if name is None and child.pos_ == "PROPN" and child.dep_ in ("conj", "appos"):
            text, _ = clean_name([*(c for c in child.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), child])
            return ctx.fullest(text, child.idx) if text else None
        stack.extend(c for c in child.children if c.dep_ in ("conj", "compound", "flat", "appos"))
    return None


def _name_before(ctx: ArticleContext, token: Any) -> str | None:
    """'a Port of Tyne spokesman': capitalised words (joined by 'of', 'for', 'and', '&') between an article and
    the noun."""
    det = token.left_edge  # the article may hang on the name: "A [Port of Tyne] spokesman"
    if det.lower_ not in ("a", "an") or token.i - det.i < 2:
        return None
    words = list(ctx.doc[det.i + 1 : token.i])
    named = all(t.text[:1].isupper() or t.lower_ in ("of", "for", "and", "&", "the") for t in words)
    if not named or not words[0].text[:1].isupper() or not words[-1].text[:1].isupper():
        return None
    return "".join(t.text_with_ws for t in words).strip()


def _kind(name: str) -> str | None:
    words = {w.lower() for w in name.split()}
    return next((kind for kind, nouns in ORG_KINDS.items() if words & nouns), None)


def _recent_organisation(ctx: ArticleContext, at: int, noun: str | None) -> str | None:
    """The organisation a description refers back to: the last one named whose name holds the noun ("the
    police" -> "Riverside Police"); else, for a noun of a kind, the one of a fitting kind named most; else
    (a bare spokesman, a statement) the last named, preferring one named as a subject or twice."""
    listeners = {n.text for n in ctx.names if n.label == "ORG" and _listener(ctx, n)}
    orgs = [n for n in ctx.names if n.end <= at and n.label == "ORG" and n.text not in listeners]
    if noun:
        holding = [n for n in orgs if noun in n.text.lower().split()]
        if holding:
            return holding[-1].text
        named = _named_antecedent(ctx, noun, at)
        if named:
            return named
        kind = next((k for k, nouns in ORG_KINDS.items() if noun in nouns), None)
        orgs = [n for n in orgs if _kind(n.text) in (kind, None)]
    if not orgs:
        return None
    counts = Counter(n.text for n in orgs)
    if noun:  # "the company": the one the article is about, named most; ties to the latest
        return max(reversed(orgs), key=lambda n: counts[n.text]).text
    salient = [n for n in orgs if counts[n.text] > 1 or ctx.doc[n.root].dep_ in _SUBJECT_DEPS]
    return (salient or orgs)[-1].text


def resolve_description(ctx: ArticleContext, token: Any, at: int) -> str:
    """'the spokesman' -> a name whose role or name holds the head noun; 'a spokesman for X' -> X; 'the
    company', 'police', 'the statement' -> the organisation named before that fits; else the phrase itself."""
    phrase = _noun_phrase(token)
    det = next((c.lower_ for c in token.children if c.dep_ in ("det", "poss")), "")
    head = token.lemma_.lower()
    organisation = _named_organisation(ctx, token)
    if organisation and (head in SPOKES_NOUNS or det not in _DEFINITE):
        return organisation
    if det in _DEFINITE:
        named = _role_holder(ctx, head, at)
        if named:
            return named
    if organisation:
        return organisation
    if _self_described(token):
        return phrase
    if head in SPOKES_NOUNS and det in ("a", "an", *_DEFINITE):
        return _recent_organisation(ctx, at, None) or phrase
    if head in ORG_NOUNS and det in ("", *_DEFINITE) and head not in PERSON_ROLE_NOUNS:
        return _recent_organisation(ctx, at, head) or phrase
    if head in DOCUMENT_NOUNS and det in _DEFINITE:
        return _recent_organisation(ctx, at, None) or phrase
    if head in PERSON_ROLE_NOUNS and det in _DEFINITE:
        return resolve_pronoun(ctx, "they", at, person=True) or phrase
    return phrase


def _role_holder(ctx: ArticleContext, head: str, at: int) -> str | None:
    """The last name before `at` whose apposition, modifiers or own words hold the role noun."""
    for n in reversed([n for n in ctx.names if n.end <= at]):
        root = ctx.doc[n.root]
        role_words = {
            t.lemma_.lower() for c in root.children if c.dep_ in ("appos", "compound", "amod") for t in c.subtree
        }
        if root.dep_ == "appos":
            role_words |= {t.lemma_.lower() for t in root.head.subtree if not (n.start <= t.idx < n.end)}
        if head in role_words or head in n.text.lower().split():
            return n.text
    return None


def speaker_of_token(ctx: ArticleContext, token: Any) -> str | None:
    """Resolve a subject token to a speaker name."""
    if ctx.in_quote(token.idx):
        return None
    name = _entity_at(ctx, token)
    if name is not None:
        return ctx.fullest(name.text, name.start) if name.label == "PERSON" else name.text
    if token.pos_ == "PRON" or token.lower_ in GROUP_PRONOUNS:
        if token.lower_ in ("who", "that", "which"):
            return speaker_of_token(ctx, token.head.head) if token.head.dep_ == "relcl" else None
        named = _antecedent(ctx, token.text, token.idx)
        described = _described_subject(ctx, token) if token.lower_ in ("they", "it") else None
        if described is not None and (named is None or _before(ctx, named, described)):
            return speaker_of_token(ctx, described)
        return named.text if named is not None else None
    appos = next((c for c in token.children if c.dep_ == "appos" and _entity_at(ctx, c)), None)
    if appos is not None and token.pos_ in ("NOUN", "NUM", "ADJ"):
        return speaker_of_token(ctx, appos)  # "a spokesperson for the mayor, Jane Roe, said"
    titled = _titled_apposition(ctx, token)
    if titled:
        return titled
    if _age_description(token):
        return resolve_pronoun(ctx, "they", token.idx, person=True)
    if token.lower_ in PERSON_ROLE_NOUNS or token.lemma_.lower() in _DESCRIBED_NOUNS:
        held = _person_in_role_phrase(ctx, token)
        return held or resolve_description(ctx, token, token.idx)
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        words = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token]
        text, _ = clean_name(words)
        return ctx.fullest(_without_titles(text), token.idx) if text else None
    if token.pos_ in ("NOUN", "NUM", "ADJ"):
        return resolve_description(ctx, token, token.idx)
    return None


def _described_subject(ctx: ArticleContext, pronoun: Any) -> Any | None:
    """'The organisers said ... "...," they added': the last organisation noun that was a subject in the last
    sentences, which 'they' (any number: "the council ... they") or 'it' (singular) takes up."""
    here = ctx.sentmap.at(pronoun.idx)
    start = ctx.sentmap.sentence(max(here - _SUBJECT_REACH, 0)).start
    for t in reversed(ctx.tokens(start, pronoun.idx)):
        if t.dep_ in _SUBJECT_DEPS and t.lower_ == pronoun.lower_:
            return _described_subject(ctx, t)  # "..., they said. ... they added": one chain
        if t.dep_ not in _SUBJECT_DEPS or t.pos_ != "NOUN" or t.lemma_.lower() not in ORG_NOUNS:
            continue
        if pronoun.lower_ == "it" and t.tag_ == "NNS":
            continue
        return t
    return None


def _before(ctx: ArticleContext, name: Name, token: Any) -> bool:
    """A name is an older antecedent than a subject noun: an earlier sentence, or the same one as a non-subject
    outside the noun's own phrase (not its apposition, "the group, Friends of the Pier, said")."""
    name_sent, token_sent = ctx.sentmap.at(name.start), ctx.sentmap.at(token.idx)
    if name_sent != token_sent:
        return name_sent < token_sent
    inside = token.left_edge.idx <= name.start < token.right_edge.idx + len(token.right_edge.text)
    return not inside and not _is_subject(ctx, name)


def _titled_apposition(ctx: ArticleContext, token: Any) -> str | None:
    """'The organisers, Clean Coasts Now, said': a capitalised apposition set off by a comma names the
    organisation a description stands for, tagged or not."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ORG_NOUNS:
        return None
    for child in token.children:
        if child.dep_ != "appos":
            continue
        words = list(child.subtree)
        while words and words[0].is_punct:
            words = words[1:]
        while words and words[-1].is_punct:
            words = words[:-1]
        if not words or words[0].i < 1 or ctx.doc[words[0].i - 1].text != ",":
            continue
        content = [w for w in words if w.text[:1].isalpha() and w.lower_ not in FUNCTION_WORDS]  # not "'s"
        if len(words) <= _MAX_NAME_WORDS and content and all(w.text[:1].isupper() for w in content):
            return "".join(w.text_with_ws for w in words).strip()
    return None


_MAX_NAME_WORDS = 6
_NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _usable(ctx: ArticleContext, token: Any) -> bool:
    return not ctx.in_quote(token.idx) and (token.ent_type_ not in _NOT_SPEAKER_ENTS or _age_description(token))


def _age_description(token: Any) -> bool:
    """'the 76-year-old': news refers back to a person just named by age."""
    return token.lower_ == "old" and any(c.lemma_.lower() in ("year", "month") for c in token.children)


def _subject(ctx: ArticleContext, verb: Any) -> Any | None:
    """The subject of a reporting verb: its own, inverted after it, via 'by', or its governor's."""
    seen, via_xcomp = 0, False
    sayer = _reporting_governor(verb)
    if sayer is not None and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        verb, via_xcomp = sayer, True  # "he said ..., describing it as '...'": the one who said describes
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS and _usable(ctx, child):
                return child
            if via_xcomp and child.dep_ == "nsubjpass" and _usable(ctx, child):
                return child  # "Jane Roe was heard saying ...": the one heard speaks
            if child.dep_ == "agent":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and _usable(ctx, pobj):
                    return pobj
        for child in verb.rights:
            inverted = child.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd") and child.pos_ == "PROPN"
            near = child.i - verb.i <= 4 or (
                child.left_edge.i == verb.i + 1 and verb.lemma_.lower() in INVERSION_VERBS
            )  # "confirmed city water board spokeswoman Jane Roe"
            if inverted and _usable(ctx, child) and near:
                return child
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and _usable(ctx, head):
            if head.pos_ == "PROPN" or head.lower_ in PERSON_ROLE_NOUNS or _entity_at(ctx, head) is not None:
                return head  # "footage of Jane Roe saying ..."
            if head.dep_ != "dobj":
                return head  # "a statement saying ... was released"
            verb, seen = head.head, seen + 1  # "Jane Roe sent a letter saying ..."
            continue
        if verb.dep_ not in _CLIMB_DEPS or verb.head.i == verb.i:
            return None
        via_xcomp = verb.dep_ in ("xcomp", "advcl") and verb.tag_ == "VBG"
        verb = verb.head
        seen += 1
    return None


def _reporting_governor(verb: Any) -> Any | None:
    """The reporting verb a trailing participle ('..., adding: ...', '..., describing it as ...') hangs under,
    however deep the parser attached it in the clause that verb reports."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    token = verb.head
    for _ in range(4):
        if is_reporting(token) and any(c.dep_ == "ccomp" for c in token.children):
            return token  # it reports a clause ("people were screaming" reports none)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _adjacent_name(ctx: ArticleContext, verb: Any, after: bool) -> str | None:
    """A person or organisation named right before the verb ("Jane Roe said") or, if `after`, right after it."""
    doc = ctx.doc
    for i in (verb.i + 1, verb.i + 2) if after else (verb.i - 1,):
        if 0 <= i < len(doc) and not ctx.in_quote(doc[i].idx):
            name = _entity_at(ctx, doc[i])
            if name is not None and name.label in ("PERSON", "ORG"):
                return ctx.fullest(name.text, name.start) if name.label == "PERSON" else name.text
    if after or verb.i < 2 or ctx.in_quote(doc[verb.i - 1].idx):
        return None
    if doc[verb.i - 1].text == ",":
        return _apposed_name(ctx, doc[verb.i - 2])
    return _named_before_noun(ctx, doc[verb.i - 1])


def _apposed_name(ctx: ArticleContext, token: Any) -> str | None:
    """'Jane Roe, the agency's director, said': the name an apposition ending before the verb belongs to."""
    for _ in range(4):
        if token.dep_ == "appos":
            name = _entity_at(ctx, token.head)
            if name is None or name.label not in ("PERSON", "ORG") or ctx.in_quote(token.head.idx):
                return None
            return ctx.fullest(name.text, name.start) if name.label == "PERSON" else name.text
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _named_before_noun(ctx: ArticleContext, noun: Any) -> str | None:
    """'The Keep Parks Green campaign said': capitalised words between 'the' and an organisation noun name it,
    however the parser split them (two words or more, not a place or nationality)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ORG_NOUNS or noun.text[:1].isupper():
        return None
    i = noun.i - 1
    while i >= 0 and (ctx.doc[i].text[:1].isupper() or ctx.doc[i].lower_ in ("of", "for", "and", "&")):
        if ctx.doc[i].lower_ == "the":
            break
        i -= 1
    words = list(ctx.doc[i + 1 : noun.i])
    if i < 0 or ctx.doc[i].lower_ != "the" or len(words) < 2 or not words[0].text[:1].isupper():
        return None
    if any(w.ent_type_ in ("NORP", "GPE", "LOC") for w in words) or any(ctx.in_quote(w.idx) for w in words):
        return None
    return "".join(w.text_with_ws for w in words).strip()


def _according_to(tokens: list[Any]) -> Any | None:
    for t in tokens:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return obj
    return None


def is_reporting(token: Any) -> bool:
    if token.pos_ == "VERB" and token.lemma_.lower() == "put":  # "as she put it"
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_VERBS:
        return False
    if token.lemma_.lower() in WEAK_REPORTING_VERBS:  # "called it '...'", "described the scene as '...'"
        return any(
            c.dep_ in ("ccomp", "oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in token.children
        )
    return True


def _distance(token: Any, start: int, end: int) -> int:
    offset: int = token.idx
    return start - offset if offset < start else offset - end


def _speaker_of_verb(ctx: ArticleContext, verb: Any) -> str | None:
    """The verb's subject when it is a name; else a name right before the verb, the subject, an inverted name."""
    subject = _subject(ctx, verb)
    speaker = speaker_of_token(ctx, subject) if subject is not None else None
    if subject is not None and (_entity_at(ctx, subject) is not None or subject.pos_ == "PROPN"):
        return speaker
    before = _adjacent_name(ctx, verb, after=False)
    if before or speaker:
        return before or speaker
    return _adjacent_name(ctx, verb, after=True) if verb.lemma_.lower() in INVERSION_VERBS else None


def _quote_heads(ctx: ArticleContext, start: int, end: int) -> list[Any]:
    """Tokens outside the quote that govern tokens inside it."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    inside = list(span) if span is not None else []
    heads = [t.head for t in inside if not start <= t.head.idx < end]
    return sorted(set(heads), key=lambda t: t.i)


def ancestor_verb(ctx: ArticleContext, start: int, end: int, reporting: bool) -> Any | None:
    """Walk up from the quote: the first reporting verb (or, if not `reporting`, the first verb) above it."""
    for head in _quote_heads(ctx, start, end):
        token, steps = head, 0
        while steps < 6:
            if not ctx.in_quote(token.idx):
                if is_reporting(token):
                    return token
                if not reporting and token.pos_ == "VERB":
                    return token
            if token.head.i == token.i:
                break
            token, steps = token.head, steps + 1
    return None


def speaker_from_verbs(ctx: ArticleContext, tokens: list[Any], start: int, end: int) -> str | None:
    """Subject of the reporting verb above the quote, else of the nearest one among `tokens` (outside quotes)."""
    allowed = {t.i for t in tokens}
    above = ancestor_verb(ctx, start, end, reporting=True)
    verbs = sorted((t for t in tokens if is_reporting(t)), key=lambda t: _distance(t, start, end))
    if above is not None and above.i in allowed:
        verbs.insert(0, above)
    for verb in verbs:
        speaker = _speaker_of_verb(ctx, verb)
        if speaker:
            return speaker
    according = _according_to(tokens)
    if according is not None:
        return speaker_of_token(ctx, according)
    return None


_TRAILING_MAX_TOKENS = 8


def trailing_speaker(ctx: ArticleContext, end: int, stop: int) -> str | None:
    """'"...," Jane Roe told reporters' or '"...," confirmed Jane Roe': a reporting clause right after the closing
    mark, its subject between the quote and the verb or after it, attributes this quote before any verb earlier
    in a run-on sentence."""
    tokens = [t for t in ctx.tokens(end, stop) if not t.is_space][:_TRAILING_MAX_TOKENS]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    for i, t in enumerate(tokens):
        if t.is_punct:
            return None
        if not is_reporting(t):
            continue
        subject = _subject(ctx, t)
        own = subject is not None and subject.head.i == t.i and subject.left_edge.i >= tokens[0].i
        if own or (i == 0 and t.lemma_.lower() in INVERSION_VERBS):
            return _speaker_of_verb(ctx, t)
        return None
    return None


def dash_signature(text: str, end: int) -> str | None:
    """'"...," -- Jane Roe' or '"..." \u2015 Jane Roe': the name after a dash right after the quote."""
    tail = text[end : end + 80].lstrip("\"'\u201d\u2019")
    m = _DASH_SIGNATURE.match(tail)
    return m.group(1).strip(" .") if m else None


def lead_in_name(ctx: ArticleContext, tokens: list[Any], start: int) -> str | None:
    """'Name: "..."' or 'Name on TV: ...': a name followed by a colon before the quote, as headlines attribute."""
    before = [t for t in tokens if t.idx < start]
    for i, t in enumerate(before):
        if t.text != ":" or i == 0:
            continue
        lead = before[:i]
        if before[-1].text == ":" or len(lead) <= 2:
            for tok in lead:
                name = _entity_at(ctx, tok)
                if name is not None and name.label in ("PERSON", "ORG"):
                    return ctx.fullest(name.text, name.start) if name.label == "PERSON" else name.text
    return None


def governing_subject(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The subject of the verb above the quote, reporting or not ("likened it to '...'")."""
    verb = ancestor_verb(ctx, start, end, reporting=False)
    return _speaker_of_verb(ctx, verb) if verb is not None else None
