"""Quotes: the same words reported by several sources, in full or in part, become one item."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from briefgen.models import Citation, Extraction, QuoteItem
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations

_FUZZY_RATIO = 0.8  # two renderings of one quote (punctuation, a changed word)
_SHARED_RUN = 8  # words in a row two partial quotes of one statement share


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")))


@lru_cache(maxsize=4096)
def _bag(text: str) -> Counter[str]:
    return Counter(_words(text))


def same_quote(a: str, b: str) -> bool:
    """One quote in full or in part: a substring, a near copy, or a long shared run of words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    ka, kb = " ".join(wa), " ".join(wb)
    if ka in kb or kb in ka:
        return True
    shared = sum((_bag(a) & _bag(b)).values())  # bounds both the matching words and the longest run
    if shared < min(_SHARED_RUN, len(wa), len(wb)) and 2 * shared < _FUZZY_RATIO * (len(wa) + len(wb)):
        return False
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.ratio() >= _FUZZY_RATIO:
        return True
    longest = matcher.find_longest_match(0, len(wa), 0, len(wb))
    return longest.size >= min(_SHARED_RUN, len(wa), len(wb))


def _contains(longer: str, shorter: str) -> bool:
    return f" {' '.join(_words(shorter))} " in f" {' '.join(_words(longer))} "


def _speaker_rank(speaker: str | None, labels: dict[str, Counter[str]]) -> tuple[int, int]:
    """A person or organisation the event names beats other capitalised speakers ("The Harbour Mayor"),
    which beat descriptions, which beat none; a fuller name beats a shorter one."""
    if not speaker:
        return (0, 0)
    named = all(w[:1].isupper() for w in speaker.split() if w.isalpha() and len(w) > 3)
    known = _label(labels, speaker) in ("PERSON", "ORG")
    return (3 if known else 2 if named else 1, len(speaker.split()))


def _fuller_names(extractions: Sequence[Extraction]) -> dict[str, str]:
    """Surname -> the one longer person name of the event that ends with it (when unambiguous and the word
    alone names a person more often than an organisation or place)."""
    longer: dict[str, set[str]] = {}
    for ex in extractions:
        for m in ex.mentions:
            parts = m.text.split()
            if m.label == "PERSON" and len(parts) > 1 and _name_like(m.text):
                longer.setdefault(parts[-1].lower(), set()).add(m.text)
    labels = _labels(extractions)
    unambiguous = {
        k: v
        for k, v in longer.items()
        if len({n.split()[0].lower() for n in v}) == 1 and _label(labels, k) in ("PERSON", None)
    }
    return {k: max(v, key=lambda n: (len(n), n)) for k, v in unambiguous.items()}  # ties by name: any hash seed


def _labels(extractions: Sequence[Extraction]) -> dict[str, Counter[str]]:
    """Lower-cased mention text -> how often the event labels it each way."""
    labels: dict[str, Counter[str]] = {}
    for ex in extractions:
        for m in ex.mentions:
            labels.setdefault(m.text.lower(), Counter())[m.label] += 1
    return labels


def _label(labels: dict[str, Counter[str]], text: str) -> str | None:
    counts = labels.get(text.lower())
    return max(counts, key=lambda k: (counts[k], k)) if counts else None


_NAME_WORD = re.compile(r"[^\W\d_][\w.'\u2019-]*")
# Legal forms news drops after a company's first mention ("Kestrel Ltd" -> "Kestrel").
_LEGAL_FORMS = frozenset(
    ["inc", "inc.", "ltd", "ltd.", "corp", "corp.", "co", "co.", "plc", "llc", "lp", "ag", "sa", "nv", "se", "gmbh"]
)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _usual_form(speaker: str, labels: dict[str, Counter[str]]) -> str:
    """The form of a speaker's name the event uses: words that cannot be in a name and those before them
    dropped ("Photo: J. Doe/Wire Kestrel" -> "Kestrel"); a trailing legal form dropped and title or caption
    words before a name dropped when the event uses the shorter form more ("Mayor of Riverton Ada Quill" ->
    "Ada Quill"); a person keeps two words or more."""
    words = speaker.split()
    bad = [i for i, w in enumerate(words) if not _NAME_WORD.fullmatch(w)]
    if bad and bad[-1] < len(words) - 1:
        words = words[bad[-1] + 1 :]
    if len(words) > 1 and words[-1].lower() in _LEGAL_FORMS:
        words = words[:-1]
    whole = " ".join(words)
    best, best_count = whole, sum(labels.get(whole.lower(), Counter()).values())
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        count = sum(labels.get(tail.lower(), Counter()).values())
        label = _label(labels, tail)
        if label in _PLACE_LABELS:
            continue  # "Transport for London" is not "London": a place is rarely the one who speaks
        if count > best_count and (len(words) - i > 1 or label != "PERSON"):
            best, best_count = tail, count
    return best


def _name_like(name: str) -> bool:
    return all(_NAME_WORD.fullmatch(w) for w in name.split())


@dataclass(slots=True)
class _Item:
    text: str
    speaker: str | None
    citations: list[Citation] = field(default_factory=list)

    def absorb(
        self, text: str, speaker: str | None, citations: list[Citation], labels: dict[str, Counter[str]]
    ) -> None:
        if len(_words(text)) > len(_words(self.text)):
            self.text = text
        if _speaker_rank(speaker, labels) > _speaker_rank(self.speaker, labels):
            self.speaker = speaker
        self.citations.extend(citations)


def build_quotes(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[QuoteItem, ...]:
    """Non-scare quotes, merged across sources, each citing every sentence it spans."""
    fuller = _fuller_names(extractions)
    labels = _labels(extractions)
    items: list[_Item] = []
    for ex in extractions:
        article = articles[ex.source]
        for q in ex.quotes:
            if q.scare:
                continue
            speaker = _usual_form(q.speaker, labels) if q.speaker else None
            if speaker and len(speaker.split()) == 1:
                speaker = fuller.get(speaker.lower(), speaker)
            cits = [cite(article, s) for s in q.sentences]
            matches = [it for it in items if same_quote(it.text, q.text)]
            if not matches:
                items.append(_Item(q.text, speaker, cits))
                continue
            matches[0].absorb(q.text, speaker, cits, labels)
            for other in matches[1:]:  # a longer rendering holds several quotes another source gave apart
                if _contains(q.text, other.text):
                    other.citations.extend(cits)
    return tuple(QuoteItem(it.text, it.speaker, merge_citations(it.citations)) for it in items)
