"""Name keys and matching: honorifics, initials, accents, acronyms and spelling variants."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from briefgen.words.titles import HONORIFICS, TITLES

_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "la"})
SIMILAR = 0.85  # spelling variants of one name token ("Oleksiy"/"Oleksii")
FIRST_SIMILAR = 0.75  # given names next to an agreeing surname vary more ("Andriy"/"Andrii")
_GENERATION = frozenset({"jr", "sr", "ii", "iii", "iv"})  # "Jr.", "III": not the surname


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, with straight apostrophes (remembered: names recur in every comparison)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(name: str) -> tuple[str, ...]:
    """Comparable tokens of a name: no honorifics or leading titles, no middle initials, no possessive."""
    words = []
    for raw in fold(name).replace("-", " ").split():
        word = raw.strip(".,;:()\"'")
        word = word.removesuffix("'s")
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]\.?", raw.removesuffix("'s")):
            word = raw.replace(".", "").removesuffix("'s")  # "U.S." -> "us"
        if word:
            words.append(word)
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] in TITLES):
        words = words[1:]
    while len(words) > 1 and words[-1] in _GENERATION:
        words = words[:-1]
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return tuple(words)


def acronym(key: tuple[str, ...]) -> str:
    """Initials of a multi-word name ("united arab emirates" -> "uae")."""
    return "".join(w[0] for w in key if w not in _ACRONYM_SKIP) if len(key) > 1 else ""


def similar(a: str, b: str, threshold: float = SIMILAR) -> bool:
    """Same name token, allowing transliteration variants of longer tokens."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= threshold


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: first and last tokens agree up to spelling."""
    if len(a) < 2 or len(b) < 2:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_[: len(short)] == short:
        return True  # "Moon Jae" is "Moon Jae-in" cut short
    if long_[-len(short) :] == short:
        return True  # "Alhaji Ali Musa": a full name behind a title or a word the NER ran into it
    initial = a[0][0] == b[0][0] and min(len(a[0]), len(b[0])) == 1  # "J. Doe" and "Jane Doe"
    return similar(a[-1], b[-1]) and (similar(a[0], b[0], FIRST_SIMILAR) or initial)


def extends(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """`longer` is the full name `shorter` with words before it ("Alhaji Ali Musa" and "Ali Musa")."""
    return len(shorter) >= 2 and len(longer) > len(shorter) and longer[-len(shorter) :] == shorter


def lowercase_words(texts: Iterable[str]) -> set[str]:
    """Words written in lower case somewhere: evidence that a capitalised form is a common word."""
    return {w for t in texts for w in re.findall(r"(?<![\w'\u2019-])[a-z][a-z'-]+", t)}
