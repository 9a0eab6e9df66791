"""Numbers with what they count, in digits or words, with their bounds and the clause around them."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import Any

from briefgen.models import Bound, NumberKind, NumberMention
from briefgen.nlp.sentmap import SentenceMap
from briefgen.words.numbers import DIGITS, MULTIPLIERS, NUMBER_WORDS, SCALE_WORDS, parse_number

_CURRENCY_SYMBOLS = {"$": "dollar", "us$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "₹": "rupee"}
_CURRENCIES = frozenset({"dollar", "pound", "euro", "yen", "yuan", "rupee", "rouble", "ruble", "franc", "peso"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
_TIME_NOUNS = _TIME_UNITS | {"morning", "afternoon", "evening", "night", "weekend", "time"}
_MEASURES = frozenset(
    {"mile", "kilometre", "kilometer", "km", "metre", "meter", "foot", "feet", "inch", "kilogram", "kg", "ton"}
    | {"tonne", "pound", "degree", "mph", "acre", "hectare", "litre", "liter", "gallon", "barrel"}
)
_MONTHS = frozenset(m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"))
_APPROX = frozenset({"about", "around", "roughly", "approximately", "some", "estimated", "nearly", "almost"})
_AT_LEAST = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than")
_AT_MOST = ("at most", "up to", "fewer than", "less than", "under", "no more than", "as many as", "nearly", "almost")
_CLOCK_PREPOSITIONS = frozenset({"at", "by", "from", "until", "till", "around", "about", "before", "after", "since"})
_SIGNS = frozenset({"negative", "minus"})
_RANGE_LINKS = frozenset({"-", "\u2013", "to"})
_EACH = frozenset({"each", "apiece", "per", "a-piece"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC", "EVENT", "GPE", "NORP"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "acl", "parataxis"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _is_number_word(tok: Any) -> bool:
    return _is_number_text(tok.lower_)


@lru_cache(maxsize=65536)
def _is_number_text(lower: str) -> bool:
    low = lower.replace(",", "")
    if low in NUMBER_WORDS or low in SCALE_WORDS:
        return True
    digits = DIGITS.fullmatch(low)
    return bool(digits and (not digits.group(2) or digits.group(2) in MULTIPLIERS))


def _continues(doc: Any, j: int, money: bool) -> bool:
    """Whether token j carries on the number run before it: "five and a half", "two hundred and six",
    "twenty-one", "1.2 million", "£3 m". Digits never join digits ("0800 056", "2015-16" are not one number)."""
    low, prev = doc[j].lower_, doc[j - 1]
    nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    word_number = bool(prev.is_alpha) and _is_number_word(prev)
    if low in SCALE_WORDS or (money and low in MULTIPLIERS):
        return True
    if doc[j].is_alpha and _is_number_word(doc[j]):
        return word_number or prev.lower_ in ("-", "and")
    if low == "-":
        return word_number and j + 1 < len(doc) and bool(doc[j + 1].is_alpha) and _is_number_word(doc[j + 1])
    if low == "and":
        after_scale = prev.lower_ in SCALE_WORDS and j + 1 < len(doc) and _is_number_word(doc[j + 1])
        return after_scale or doc[j + 1 : j + 3].text.lower() == "a half"
    if low == "a":
        return bool(prev.lower_ == "and" and nxt == "half")
    return bool(low == "half" and prev.lower_ == "a")


def _run_end(doc: Any, i: int) -> int:
    """Index after the run of number tokens starting at i."""
    money = i > 0 and doc[i - 1].lower_ in _CURRENCY_SYMBOLS
    j = i + 1
    while j < len(doc) and _continues(doc, j, money):
        j += 1
    return j


def _is_label(doc: Any, start: int, end: int) -> bool:
    """Numbers that only name or date something: "Flight 370", "9 November", parts of names, clock times."""
    first, last = doc[start], doc[end - 1]
    if any(t.ent_type_ in _NAME_LABELS for t in doc[start:end]):
        return True
    if first.i > 0 and doc[first.i - 1].lower_.rstrip(".") in _MONTHS:
        return True
    if end < len(doc) and doc[end].lower_.rstrip(".") in _MONTHS:
        return True
    if end < len(doc) and doc[end].lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "o'clock", ":"):
        return True
    before = doc[start - 1].lower_ if start > 0 else ""
    if re.fullmatch(r"\d{1,2}[.:]\d{2}", first.text) and before in _CLOCK_PREPOSITIONS:
        return True  # "called at 6.10"
    if re.fullmatch(r"0\d+", first.text):
        return True  # phone numbers and codes
    if start > 1 and doc[start - 1].text in ("-", "/", "\u2013") and doc[start - 2].like_num:
        low = parse_number([doc[start - 2].text])
        high = parse_number([t.text for t in doc[start:end]])
        if low is None or high is None or high <= low:
            return True  # the second half of "2015-16" or "24/7", not the high end of a range ("5-6,000")
    head = last.head
    if head.i == start - 1 and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NN", "NNP"):
        return True
    return bool(head.tag_ == "NNP" and head.i > last.i and head.lower_ not in _MONTHS)


def _counted_noun(doc: Any, start: int, end: int) -> Any:
    """The noun the number counts: its head noun, "of"-partitive, or the subject of a change ("toll rose to 9")."""
    for tok in doc[start:end]:
        head = tok.head
        modifier = tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "conj", "cc") and head.i - end <= 4
        if modifier and head.pos_ in ("NOUN", "PROPN") and head.i >= end and head.lower_ not in MULTIPLIERS:
            return head
    root = doc[start:end].root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objs:
                return objs[0]
    node = root
    if (root.dep_ == "pobj" and root.head.lower_ in ("to", "from", "at", "by")) or root.dep_ == "attr":
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
        return subjects[0] if subjects else None
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "conj":
        # "seven people died and 51 were injured": the ellipsis counts the same noun
        for sib in root.head.head.children:
            if sib.dep_ in ("nsubj", "nsubjpass") and sib.pos_ == "NOUN" and any(c.like_num for c in sib.children):
                return sib
    return None


def _range_end(doc: Any, start: int, end: int, numeric: set[int], lowers: list[int]) -> tuple[int, int] | None:
    """The number run that closes a range opened at start ("5-6,000", "eight to ten", "between 3 and 4")."""
    if end + 1 >= len(doc) or lowers[end + 1] not in numeric:
        return None
    link = doc[end].lower_
    if link in _RANGE_LINKS or (link == "and" and start > 0 and doc[start - 1].lower_ == "between"):
        return end + 1, _run_end(doc, end + 1)
    return None


def _shared_scale(low: float, upper: Any) -> float:
    """The factor the low end of a range borrows from its high end: a scale written once serves both ends
    ("5-6,000" is 5,000 to 6,000, "two to three million", "$4-5bn"); a low end with its own size keeps it."""
    high = parse_number([t.text for t in upper])
    factor = 1.0
    for tok in upper:
        word = tok.lower_
        digits = DIGITS.fullmatch(word.replace(",", ""))
        if word in SCALE_WORDS or word in MULTIPLIERS:
            factor *= MULTIPLIERS[word]
        elif digits and digits.group(2) in MULTIPLIERS:
            factor *= MULTIPLIERS[digits.group(2)]
        elif re.fullmatch(r"\d{1,3}(,000)+", word):
            factor *= 1000.0 ** word.count(",000")
    if factor == 1 or high is None or not 0 < low < high / factor:
        return 1.0
    return factor


def _preceding(doc: Any, start: int, n: int = 4) -> str:
    return " ".join(t.lower_ for t in doc[max(0, start - n) : start])


def _bound(doc: Any, start: int, end: int) -> tuple[Bound, bool]:
    before = _preceding(doc, start)
    approximate = bool(before) and (before.split()[-1] in _APPROX or before.endswith("an estimated"))
    bound: Bound = "exact"
    particle = start >= 2 and doc[start - 1].lower_ == "over" and doc[start - 2].pos_ == "VERB"
    if any(before.endswith(p) for p in _AT_MOST):
        bound = "at_most"
    elif any(before.endswith(p) for p in _AT_LEAST) and not particle:
        bound = "at_least"
    if (end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "plus") or (
        end < len(doc) and doc[end].lower_ in ("plus", "+")
    ):
        bound = "at_least"
    return bound, approximate


def _distributive(doc: Any, noun: Any, end: int) -> bool:
    """ "157 each", "150 apiece", "20 per side", or a subject like "each side"."""
    after = [t.lower_ for t in doc[end : end + 2]]
    if after and after[0] in _EACH:
        return True
    anchor = noun if noun is not None else doc[end - 1]
    verb = anchor.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ in ("each", "every") and d.dep_ == "det" for d in c.children)
        for c in verb.children
    )


def _absolute(clause: Any) -> bool:
    """An absolute phrase ("with debt included", "without fees added") qualifies what its clause states,
    unlike a clause that tells something else."""
    return bool(clause.dep_ == "advcl" and clause.doc[clause.left_edge.i].lower_ in ("with", "without"))


def _clause_of(node: Any) -> Any:
    while not _is_clause(node) and node.head.i != node.i:
        node = node.head
    return node


def _is_clause(node: Any) -> bool:
    return bool(node.dep_ in _CLAUSE_DEPS and (node.dep_ != "conj" or node.pos_ in ("VERB", "AUX")))


def _clause_tokens(anchor: Any) -> list[Any]:
    """Tokens of the clause holding anchor, without the other clauses hung on it or on the verbs between it and
    the anchor ("agreed to swap 40 players, signalling a thaw": not the signalling); a relative clause keeps
    the noun it describes.

    A conjoined noun phrase ("eight engines and four rescue units were at the scene") is no clause of its own:
    it shares the clause of the phrase it is joined to. A relative clause after a time adverbial ("a review
    of the evidence the week before that lasted six days") describes the event before the adverbial, never
    the time word: the parser hangs it on the time word or makes it an adverbial clause with "that" as its
    subject, and either way the figure takes the words of the clause above. An absolute phrase ("with debt
    included") stays with its clause."""
    node = _clause_of(anchor)
    if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
        if node.lemma_ in _TIME_NOUNS and node.head.pos_ in ("VERB", "AUX"):
            node = _clause_of(node.head)
    elif node.dep_ == "advcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE_PRONOUNS for c in node.children
    ):
        node = _clause_of(node.head)
    skip: set[int] = set()
    on_path = {t.i for t in anchor.ancestors} | {anchor.i}
    inside = {t.i for t in node.subtree}
    governing = [node, *(t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX") and t.i in inside)]
    for head in governing:
        for child in head.children:
            sibling = child.dep_ in ("conj", "cc", "advcl", "ccomp", "parataxis") and child.i not in on_path
            clause = head.i == node.i or child.pos_ in ("VERB", "AUX")
            if sibling and clause and not _absolute(child):
                skip.update(t.i for t in child.subtree)
    return [t for t in node.subtree if t.i not in skip]


def predicate_of(anchor: Any) -> str | None:
    """Lemma of the verb (or the adjective after "be") that the figure's noun phrase belongs to."""
    verb = next((t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    if verb.lemma_ == "be":
        complement = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i != anchor.i), None)
        return str(complement.lemma_).lower() if complement is not None else None
    return str(verb.lemma_).lower()


def clause_of(anchor: Any) -> tuple[str, tuple[str, ...]]:
    """The clause around a token as text, and its content lemmas."""
    tokens = _clause_tokens(anchor)
    kept = {t.i for t in tokens}
    start, end = anchor.i, anchor.i + 1
    while start - 1 in kept:
        start -= 1
    while end in kept:
        end += 1
    while end > start + 1 and anchor.doc[end - 1].is_punct:
        end -= 1
    tokens = [t for t in tokens if start <= t.i < end]
    terms = tuple(
        t.lemma_.lower() for t in tokens if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha and not t.like_num
    )
    return str(anchor.doc[start:end].text).strip(), terms


def _kind(value: float, unit: str | None, text: str) -> NumberKind:
    if unit == "percent":
        return "percent"
    if unit in _CURRENCIES:
        return "money"
    if unit in _TIME_UNITS:
        return "duration"
    if unit in _MEASURES:
        return "measure"
    return "year" if unit is None and _is_year(value, text) else "count"


def _is_year(value: float, text: str) -> bool:
    return value.is_integer() and 1800 <= value <= 2100 and re.fullmatch(r"\d{4}", text) is not None


def _unit(doc: Any, start: int, end: int, noun: Any) -> str | None:
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[before]
    if end < len(doc) and (doc[end].text == "%" or doc[end].lower_ in ("percent", "pct")):
        return "percent"
    if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        return "percent"
    if noun is None:
        return None
    lemma = str(noun.lemma_).lower()
    return "percent" if lemma == "percentage" else lemma


def extract_numbers(doc: Any, sentmap: SentenceMap) -> tuple[NumberMention, ...]:
    out = []
    strings = doc.vocab.strings
    lowers = doc.to_array("LOWER").tolist()  # words by hash: no Token made for the many that are no number
    numeric = {h for h in set(lowers) if _is_number_text(strings[h])}
    i = 0
    while i < len(doc):
        if lowers[i] not in numeric:
            i += 1
            continue
        start, end = i, _run_end(doc, i)
        i = end
        value = parse_number([t.text for t in doc[start:end]])
        if value is None or _is_label(doc, start, end):
            continue
        if start > 0 and doc[start - 1].lower_ in _SIGNS:
            value = -value  # "returns of negative 7 percent"
        noun = _counted_noun(doc, start, end)
        upper = _range_end(doc, start, end, numeric, lowers)
        if upper is not None:
            value *= _shared_scale(value, doc[upper[0] : upper[1]])
            if noun is None:
                noun = _counted_noun(doc, *upper)  # "eight to ten seconds": the low end counts the same
        unit = _unit(doc, start, end, noun)
        if noun is None and start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "PERSON":
            unit = "year-old"  # "Ana Ruiz, 34, said": an age
        run = doc[start:end]
        if value == 1 and (noun is None or doc[end : end + 1].text.lower() == "of"):
            continue  # "one of the ...": a pronoun, not a figure
        if noun is not None and _is_year(value, run.text) and noun.tag_ != "NNS":
            noun, unit = None, None  # "the 2022 election": a year used as a label
        if noun is not None and noun.i >= end:
            stop = noun.i + 1
            stop = max(
                [stop, *(t.i + 1 for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree)]
            )
            if noun.dep_ in ("compound", "amod") and noun.head.i == noun.i + 1:
                stop = max(stop, noun.head.i + 1)
            elif noun.head.lower_ == "old" and noun.head.i - noun.i in (1, 2):  # "42 years old", "a 42-year-old man"
                unit = "year-old" if unit == "year" else unit  # an age, not a duration
                after = noun.head.head
                stop = max(stop, after.i + 1 if after.i > noun.i and after.pos_ == "NOUN" else noun.head.i + 1)
        else:
            stop = end
            if unit == "percent":
                stop = end + (2 if doc[end].lower_ == "per" else 1)
        first = start - 1 if start > 0 and doc[start - 1].lower_ in (*_CURRENCY_SYMBOLS, *_SIGNS) else start
        surface = doc[first:stop].text
        anchor = noun if noun is not None and noun.i >= end else run.root
        context, terms = clause_of(anchor)
        bound, approximate = _bound(doc, first, end)
        out.append(
            NumberMention(
                value=value,
                unit=unit,
                text=surface,
                context=context,
                sentence=sentmap.at(run.start_char),
                approximate=approximate,
                bound=bound,
                each=_distributive(doc, noun, stop),
                kind="date" if doc[stop : stop + 1].text.lower() == "ago" else _kind(value, unit, run.text),
                terms=terms,
                predicate=predicate_of(anchor),
            )
        )
    return tuple(out)
