"""Who: people, organisations and places, merged across mentions, spellings and sources.

Mentions are grouped by name key, then joined: full names that differ only in spelling or
middle initials, surname-only and first-name-only mentions with the full name they shorten,
acronyms with the names they abbreviate. The kind of each entity is a vote of the labels its
mentions got, with honorifics and titles counting for person; names without the evidence a
person needs (a common word capitalised at a sentence start, a lone word never given a first
name, title or role) are dropped rather than listed as people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.models import Article, Citation, Extraction, Mention, WhoItem
from briefgen.reconcile.body import body
from briefgen.reconcile.cite import ArticleIndex, cite
from briefgen.reconcile.names import acronym, extends, fold, lowercase_words, name_key, same_person, similar
from briefgen.words.nouns import ORG_NOUNS, role_head

KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
_TIE_ORDER = ("person", "org", "place", "group")
MAX_ROLES = 4
TITLE_WEIGHT = 2  # a title before a name counts as this many PERSON labels
GALLERY_SLIDES = 3  # a counter "k/N" with this many different k in one article numbers a slideshow's captions
_COUNTER = re.compile(r"(?<![\d/.,])(\d{1,3})/(\d{1,3})(?![\d/])")
# A run of two or more words in capitals: a kicker ("SANTA SHOCKER") or a list heading ("MOST READ IN NEWS").
# Two of them in one sentence: a list of other stories' headlines scraped into the text.
_CAPS_RUN = re.compile(r"\b[A-Z]{3,}['\u2019A-Z]*(?:\s+[A-Z]{2,}['\u2019A-Z]*)+\b")


@dataclass
class _Group:
    key: tuple[str, ...]
    names: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    citations: list[Citation] = field(default_factory=list)
    titled: int = 0
    initial_only: bool = True
    proper: bool = False
    _kind: str | None = None

    @property
    def sources(self) -> set[str]:
        return {c.source for c in self.citations}

    @property
    def mentions(self) -> int:
        return sum(self.names.values())

    @property
    def kind(self) -> str:
        """What the mentions say this is ("person", "org"...), recomputed only after the group grows."""
        if self._kind is None:
            self._kind = self._vote()
        return self._kind

    def _vote(self) -> str:
        votes: Counter[str] = Counter()
        for label, n in self.labels.items():
            votes[KIND.get(label, "other")] += n
        votes["person"] += TITLE_WEIGHT * self.titled
        org_roles = sum(n for role, n in self.roles.items() if role_head(role) in ORG_NOUNS)
        if org_roles > self.titled:
            return "org"  # what the sources call it ("an Islamist group") beats how the model tagged it
        return max(votes, key=lambda k: (votes[k], -_TIE_ORDER.index(k) if k in _TIE_ORDER else -9))

    def absorb(self, other: _Group) -> None:
        self._kind = None
        self.names.update(other.names)
        self.labels.update(other.labels)
        self.roles.update(other.roles)
        self.citations.extend(other.citations)
        self.titled += other.titled
        self.initial_only = self.initial_only and other.initial_only
        self.proper = self.proper or other.proper
        if len(other.key) > len(self.key):
            self.key = other.key

    def add(self, mention: Mention, citation: Citation) -> None:
        self._kind = None
        self.names[mention.text] += 1
        self.labels[mention.label] += 1
        if mention.role:
            self.roles[mention.role] += 1
        self.citations.append(citation)
        self.titled += mention.titled
        self.initial_only = self.initial_only and mention.initial
        self.proper = self.proper or mention.proper


def other_news_sentences(article: Article) -> set[int]:
    """Sentences about other news: a slideshow's numbered captions ("4/34 ... 5/34 ..."), a list of headlines."""
    counters = [(i, m) for i, s in enumerate(article.sentences) for m in _COUNTER.finditer(s.text)]
    slides: dict[str, set[str]] = {}
    for _, m in counters:
        if int(m.group(1)) <= int(m.group(2)):
            slides.setdefault(m.group(2), set()).add(m.group(1))
    shows = {total for total, seen in slides.items() if len(seen) >= GALLERY_SLIDES}
    headlines = {i for i, s in enumerate(article.sentences) if len(_CAPS_RUN.findall(s.text)) >= 2}
    return {i for i, m in counters if m.group(2) in shows} | headlines


def _group_mentions(extractions: Sequence[Extraction], articles: ArticleIndex) -> list[_Group]:
    """Mentions grouped by name key, but for those in sentences about other news (page furniture is left out at
    extraction)."""
    groups: dict[tuple[str, ...], _Group] = {}
    for ex in extractions:
        article = articles[ex.source]
        elsewhere = other_news_sentences(article)
        for m in ex.mentions:
            key = name_key(m.text)
            if not key or m.sentence in elsewhere:
                continue
            groups.setdefault(key, _Group(key)).add(m, cite(article, m.sentence))
    return list(groups.values())


def _first(group: _Group, sources: set[str]) -> int:
    """The earliest sentence in which `group` is named in one of `sources`."""
    return min((c.sentence for c in group.citations if c.source in sources), default=1 << 30)


def _merge_people(groups: list[_Group]) -> list[_Group]:
    """Join spelling variants of full names, then lone surnames or first names to their full name."""
    full = [g for g in groups if len(g.key) > 1 and g.kind in ("person", "org")]
    merged: set[int] = set()
    for i, a in enumerate(full):
        if id(a) in merged:
            continue
        for b in full[i + 1 :]:
            if id(b) not in merged and a.kind == b.kind == "person" and same_person(a.key, b.key):
                a.absorb(b)
                merged.add(id(b))
    full = [g for g in full if id(g) not in merged]
    for lone in [g for g in groups if len(g.key) == 1 and (g.labels["PERSON"] or g.titled)]:
        token = lone.key[0]
        for position in (-1, 0):  # surname first, then first name
            candidates = [g for g in full if similar(g.key[position], token)]
            if position == 0 and not (lone.titled and len(candidates) == 1):
                # a first name joins a full name of its own sources, or the only one when a title goes with it
                candidates = [g for g in candidates if g.sources & lone.sources]
            if candidates:
                # ambiguous surname: the full name shared with the most of its sources, then the one introduced first
                shared = lone.sources
                best = max(candidates, key=lambda g: (len(g.sources & shared), -_first(g, shared), g.mentions))
                best.absorb(lone)
                merged.add(id(lone))
                break
    return [g for g in groups if id(g) not in merged]


def _merge_acronyms(groups: list[_Group]) -> list[_Group]:
    """ "UAE" joins "United Arab Emirates", "U.S." joins "United States" (never a person)."""
    by_acronym: dict[str, _Group] = {}
    for g in groups:
        if len(g.key) > 1 and g.kind != "person":
            by_acronym.setdefault(acronym(g.key), g)
    out = []
    for g in groups:
        target = by_acronym.get(g.key[0]) if len(g.key) == 1 and g.kind != "person" else None
        if target is not None and target is not g:
            target.absorb(g)
        else:
            out.append(g)
    return out


def _keep(group: _Group, common: set[str]) -> bool:
    """Enough evidence that this is a named entity of its kind (and not an NER slip)."""
    name = _name(group, common)
    if group.kind == "person" and not name[:1].isupper():
        return False  # "lone wolf": a phrase, not a name
    if re.search(r"[/|@#\d]", name):
        return False  # "Jane Doe/Agency", "Name 3/16": credits and captions, not names
    unsupported = not group.titled and not group.roles
    heading = all(w in common for w in group.key) or all(len(w) > 1 and w.isupper() for w in name.split())
    if group.kind == "person" and len(group.key) > 1 and unsupported and heading:
        return False  # "Afternoon Update", "LATEST NEWS": capitalised common words, a heading
    if len(group.key) == 1:
        word = group.key[0]
        is_acronym = name.replace(".", "").isupper() and len(name.replace(".", "")) >= 2
        if len(word) < 3 and not is_acronym:
            return False
        if word in common and (group.initial_only or group.mentions <= 2):
            return False  # "Progress was made": a common word capitalised where it opens a sentence
        if group.kind == "person":
            if not group.proper:
                return False
            supported = group.titled or group.roles or len(group.sources) > 1 or group.mentions >= 3
            return bool(supported)
    return True


def _name(group: _Group, common: set[str]) -> str:
    """The fullest name, leaving out forms that start with a common word ("Sedated Rex") and forms no more
    often written than the full name they put a word before ("Alhaji Ali Musa" beside "Ali Musa")."""
    clean = [n for n in group.names if len(name_key(n)) < 2 or fold(n.split()[0]) not in common]
    keys = {n: name_key(n) for n in group.names}
    plain = [
        n for n in clean or group.names
        if not any(extends(keys[n], keys[o]) and group.names[o] >= group.names[n] for o in group.names)
    ]  # fmt: skip
    return max(plain or clean or group.names, key=lambda n: (len(keys[n]), group.names[n], n))


def _roles(group: _Group) -> tuple[str, ...]:
    ordered = sorted(group.roles, key=lambda r: -group.roles[r])
    kept: list[str] = []
    for role in ordered:
        low = fold(role)
        if any(low in fold(k) for k in kept):
            continue
        kept = [k for k in kept if fold(k) not in low]
        kept.append(role)
    return tuple(kept[:MAX_ROLES])


def build_who(extractions: Sequence[Extraction], articles: ArticleIndex) -> tuple[WhoItem, ...]:
    common = lowercase_words(s.text for ex in extractions for s, _ in body(ex, articles[ex.source]))
    groups = _merge_acronyms(_merge_people(_group_mentions(extractions, articles)))
    items = []
    for g in groups:
        if not _keep(g, common):
            continue
        kind = g.kind
        name = _name(g, common)
        seen = {fold(name)}
        aliases = []
        for alias in sorted(g.names, key=lambda n: (-g.names[n], n)):
            if fold(alias) not in seen:
                seen.add(fold(alias))
                aliases.append(alias)
        per_source: dict[str, Citation] = {}
        for c in g.citations:
            per_source.setdefault(c.source, c)
        items.append(
            WhoItem(
                name=name,
                kind=kind,
                aliases=tuple(aliases),
                roles=_roles(g) if kind == "person" else (),
                citations=tuple(per_source.values()),
                mentions=g.mentions,
            )
        )
    items.sort(key=lambda w: (-len(w.citations), -w.mentions, w.name))
    return tuple(items)
