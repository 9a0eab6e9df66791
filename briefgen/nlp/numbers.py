"""Numbers with what they count, in digits or words."""

from __future__ import annotations

import re
from typing import Any

from briefgen.models import NumberMention
from briefgen.nlp.sentmap import SentenceMap

_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_APPROX = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some", "over"})


def parse_number(words: list[str]) -> float | None:
    """Value of a run of number words or digits ("five and a half" -> 5.5, "1,200" -> 1200)."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower().replace(",", "")
        if word in ("and", "a", "-"):
            continue
        if word == "half":
            current += 0.5
            seen = True
            continue
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[word]
            if _MULTIPLIERS[word] >= 1000:
                total += current
                current = 0
            seen = True
        elif word in _WORDS:
            current += _WORDS[word]
            seen = True
        else:
            return None
    return total + current if seen else None


def _counted_noun(tokens: Any) -> Any:
    """The noun a run of number tokens modifies, if it follows the run."""
    for tok in tokens:
        head = tok.head
        if head.pos_ in ("NOUN", "PROPN") and head.i >= tokens.end:
            return head
    return None


def extract_numbers(doc: Any, sentmap: SentenceMap) -> tuple[NumberMention, ...]:
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not tok.like_num or (tok.ent_type_ in ("PERSON", "ORG") and not tok.is_digit):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and (doc[j + 1].like_num or doc[j + 1].lower_ in ("and", "a", "half")):
            j += 1
        while j > i and not (doc[j].like_num or doc[j].lower_ == "half"):
            j -= 1
        run = doc[i : j + 1]
        value = parse_number([t.text for t in run])
        i = j + 1
        if value is None:
            continue
        noun = _counted_noun(run)
        unit = noun.lemma_ if noun is not None else None
        end = noun.i + 1 if noun is not None else run.end
        if noun is not None:
            end = max([end, *(c.i + 1 for c in noun.rights if c.dep_ == "prep" for c in c.subtree)])
        surface = doc[run.start : end].text
        prev = doc[run.start - 1].lower_ if run.start > 0 else ""
        out.append(
            NumberMention(
                value=value,
                unit=unit,
                text=surface,
                context=run.root.head.sent.text if noun is None else _clause(noun),
                sentence=sentmap.at(run.start_char),
                approximate=prev in _APPROX,
                bound="at_least" if prev == "least" else "exact",
            )
        )
    return tuple(out)


def _clause(token: Any) -> str:
    node = token
    while node.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and node.head is not node:
        node = node.head
    return str(node.doc[node.left_edge.i : node.right_edge.i + 1].text)
