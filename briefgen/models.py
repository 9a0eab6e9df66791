"""Typed models that flow between the pipeline stages.

load -> SourceFile, parse -> Article, extract -> Extraction, reconcile -> Briefing.
All are frozen; a stage never mutates its input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.severity}: {self.message}"


# --- load -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file as read from disk: decoded text, nothing parsed yet."""

    id: str
    event: str
    path: str  # relative to the content dir, with forward slashes
    suffix: str  # ".md", ".markdown", ".txt", ".html" or ".htm"
    text: str
    sha256: str


@dataclass(frozen=True, slots=True)
class EventMeta:
    title: str | None = None
    date: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=lambda: Overrides())


OverrideSection = Literal["who", "what", "numbers", "quotes", "questions", "conflicts", "timeline"]


@dataclass(frozen=True, slots=True)
class HideRule:
    """Editorial: drop the items of `section` whose text (or a person's name or alias) contains `match`."""

    section: OverrideSection
    match: str


@dataclass(frozen=True, slots=True)
class PersonOverride:
    """Editorial: `name` replaces the entries named (or aliased) by `merge`; `roles` and `kind`, when given,
    replace theirs (`kind` fixes an entity the model misread, e.g. a person taken for a place)."""

    name: str
    merge: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Overrides:
    """The `overrides:` section of event.yaml, validated; applied last in reconcile."""

    hide: tuple[HideRule, ...] = ()
    people: tuple[PersonOverride, ...] = ()
    pin: tuple[str, ...] = ()  # developments containing one of these go first, marked pinned
    notes: tuple[EditorNote, ...] = ()


@dataclass(frozen=True, slots=True)
class EventSource:
    """One event folder: its metadata and its article files."""

    slug: str
    meta: EventMeta
    files: tuple[SourceFile, ...]


# --- parse ----------------------------------------------------------------

BlockKind = Literal["heading", "paragraph", "item", "quote"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its stable id: its index within the article."""

    index: int
    text: str
    start: int  # char offsets into Article.text
    end: int
    block: int  # index of the block (paragraph, heading...) it belongs to
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    event: str
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None  # YYYY-MM-DD
    author: str | None
    text: str  # blocks joined by blank lines; Sentence offsets point here
    sentences: tuple[Sentence, ...]
    blocks: tuple[Block, ...]
    sha256: str


# --- extract --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity mention, with a role found next to it if any."""

    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, FAC...
    sentence: int
    role: str | None = None
    initial: bool = False  # opens its sentence, where any word is capitalised
    proper: bool = True  # every word is tagged a proper noun
    titled: bool = False  # evidence of a person: honorific or title before it, a "who" clause, an office as role


@dataclass(frozen=True, slots=True)
class QuoteMention:
    text: str
    speaker: str | None
    sentences: tuple[int, ...]
    scare: bool = False


NumberKind = Literal["count", "duration", "money", "percent", "measure", "year", "date", "ordinal"]
Bound = Literal["exact", "at_least", "at_most"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A figure with what it counts (`unit`, a lemma: "prisoner", "hour") and the clause around it.

    `each` marks a distributive figure ("157 each", "per side"): a total may be a multiple of it.
    `terms` are the content lemmas of the clause, used to tell which figures are about the same thing.
    """

    value: float
    unit: str | None
    text: str
    context: str
    sentence: int
    approximate: bool = False
    bound: Bound = "exact"
    each: bool = False
    kind: NumberKind = "count"
    terms: tuple[str, ...] = ()
    predicate: str | None = None  # lemma of what the figure does or is ("die", "last", "exchange")


@dataclass(frozen=True, slots=True)
class QuestionMention:
    """An open point a sentence raises: `text` the point as written ("whether the bridge will reopen"), `status`
    what the sentence says of it, one of the labels of nlp/hedge_cues.py ("Unclear", "Not disclosed", "Hedged"...)."""

    text: str
    sentence: int
    status: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or relative date as written ("on Thursday", "late last month", "since 2021").

    Resolution against the article's published date happens in reconcile; `qualifier` keeps the word that bends
    the date ("since", "before", "until", "early", "late"...), `context` the clause of what happened then.
    """

    text: str
    sentence: int
    context: str
    qualifier: str | None = None
    future: bool = False  # told in the future tense ("will meet on Wednesday"): a weekday is the coming one


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the NLP stage found in one article: plain data, no spaCy objects."""

    source: str
    mentions: tuple[Mention, ...]
    quotes: tuple[QuoteMention, ...]
    numbers: tuple[NumberMention, ...]
    questions: tuple[QuestionMention, ...]
    terms: tuple[tuple[str, ...] | None, ...]  # content-word lemmas per sentence index; None: page furniture
    dates: tuple[DateMention, ...] = ()


# --- reconcile: the briefing contract ---------------------------------------


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: str
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class EventInfo:
    slug: str
    title: str
    date: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WhoItem:
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    citations: tuple[Citation, ...]
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class WhatItem:
    text: str
    citations: tuple[Citation, ...]
    pinned: bool = False  # by an editor (event.yaml overrides.pin)


@dataclass(frozen=True, slots=True)
class NumberItem:
    """One figure, citing every source that reports it; flags as in NumberMention."""

    value: float
    unit: str | None
    text: str
    context: str
    citations: tuple[Citation, ...]
    kind: NumberKind = "count"
    approximate: bool = False
    bound: Bound = "exact"
    each: bool = False


@dataclass(frozen=True, slots=True)
class QuoteItem:
    text: str
    speaker: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class QuestionItem:
    """An open point, cited to every source that raises it; `text` and `status` as in QuestionMention."""

    text: str
    citations: tuple[Citation, ...]
    status: str


@dataclass(frozen=True, slots=True)
class Claim:
    value: float | None
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Figures about the same thing that disagree across sources: one claim per source; `reason` says why.

    `topic` names the thing and the values ("People killed: 41 vs 56"); `subject` the thing alone."""

    topic: str
    claims: tuple[Claim, ...]
    reason: str = ""
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Agreement:
    """Figures that look different but were reconciled ("157 each" and "314 in all"); `reason` says how."""

    topic: str
    claims: tuple[Claim, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One dated moment of the event, with what happened then (`text`, the clause) and citations.

    `when` is the date as written; `date` its resolution against the article's published date, ISO with the
    precision known (YYYY, YYYY-MM or YYYY-MM-DD), or None when it cannot be resolved (kept as written).
    `qualifier` bends the date ("since", "before", "late"...). The timeline is ordered by date, unresolved last.
    """

    when: str
    date: str | None
    text: str
    citations: tuple[Citation, ...]
    qualifier: str | None = None


CoverageStatus = Literal["reported", "not_reported", "disagrees"]


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """What one source says about a key fact; `citations` point at its sentences (empty when not reported)."""

    source: str
    status: CoverageStatus
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """A key fact (development, number, quote or conflict) with one cell per source, in Briefing.sources order."""

    fact: str
    kind: Literal["what", "number", "quote", "conflict"]
    cells: tuple[CoverageCell, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer of the glance: a short phrase or clause (at most 25 words) taken from the sources, cited."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Glance:
    """The briefing at a glance: who, what, when, where, why and how, each only where the sources say it
    (None otherwise), beside the key figures (three to five, from `Briefing.numbers`) and the main
    disagreement, if there is one (from `Briefing.conflicts`)."""

    who: Answer | None = None
    what: Answer | None = None
    when: Answer | None = None
    where: Answer | None = None
    why: Answer | None = None
    how: Answer | None = None
    numbers: tuple[NumberItem, ...] = ()
    conflict: Conflict | None = None


@dataclass(frozen=True, slots=True)
class EditorNote:
    """An editor's note from event.yaml; `section` (who, what, numbers...) places it there, else at the top."""

    text: str
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Briefing:
    """The product's contract: themes render it and briefing.json is it.

    Support ("3 of 3 sources") of any item is the number of distinct sources among its citations.
    """

    event: EventInfo
    sources: tuple[SourceInfo, ...]
    who: tuple[WhoItem, ...] = ()
    what: tuple[WhatItem, ...] = ()
    numbers: tuple[NumberItem, ...] = ()
    quotes: tuple[QuoteItem, ...] = ()
    questions: tuple[QuestionItem, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    editor_notes: tuple[EditorNote, ...] = ()
    glance: Glance = field(default_factory=lambda: Glance())


# --- render / write ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One output file, relative to the output dir."""

    path: str
    content: bytes


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """What the search index reads for one event: its briefing as plain text (the theme's `search.html`),
    indexed as the event page at `path` ("<event>/index.html"), where a hit leads. Never written to the site."""

    path: str
    html: bytes


@dataclass(frozen=True, slots=True)
class EventSummary:
    """The little of an event that the site-wide pages (index, feed, sitemap) show, made from its Briefing:
    with these, a change to one event re-renders those pages without reading every briefing back."""

    event: EventInfo
    day: str | None  # the event's date, else its newest source's (YYYY-MM-DD)
    sources: tuple[str, ...]  # source ids, in the briefing's order: pages at <slug>/sources/<id>.html
    outlets: tuple[str, ...]  # distinct outlets, in source order
    lead: str | None  # the first development, which the index and feed show when the editor wrote no summary
    conflicts: int  # how many disagreements between sources the briefing lists


@dataclass(frozen=True, slots=True)
class RenderedEvent:
    """What rendering one event gives: the pages to write, its search document and its summary."""

    pages: tuple[Page, ...]
    search: SearchDocument | None
    summary: EventSummary
