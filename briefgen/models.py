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
    suffix: str  # ".md" or ".txt"
    text: str
    sha256: str


@dataclass(frozen=True, slots=True)
class EventMeta:
    title: str | None = None
    date: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()


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


@dataclass(frozen=True, slots=True)
class QuoteMention:
    text: str
    speaker: str | None
    sentences: tuple[int, ...]
    scare: bool = False


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: float
    unit: str | None
    text: str
    context: str
    sentence: int
    approximate: bool = False
    bound: Literal["exact", "at_least", "at_most"] = "exact"


@dataclass(frozen=True, slots=True)
class QuestionMention:
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the NLP stage found in one article: plain data, no spaCy objects."""

    source: str
    mentions: tuple[Mention, ...]
    quotes: tuple[QuoteMention, ...]
    numbers: tuple[NumberMention, ...]
    questions: tuple[QuestionMention, ...]
    terms: tuple[tuple[str, ...], ...]  # content-word lemmas per sentence index


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


@dataclass(frozen=True, slots=True)
class NumberItem:
    value: float
    unit: str | None
    text: str
    context: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class QuoteItem:
    text: str
    speaker: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class QuestionItem:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    value: float | None
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    topic: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Briefing:
    """The product's contract: themes render it and briefing.json is it."""

    event: EventInfo
    sources: tuple[SourceInfo, ...]
    who: tuple[WhoItem, ...] = ()
    what: tuple[WhatItem, ...] = ()
    numbers: tuple[NumberItem, ...] = ()
    quotes: tuple[QuoteItem, ...] = ()
    questions: tuple[QuestionItem, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    problems: tuple[str, ...] = field(default=())


# --- render / write ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One output file, relative to the output dir."""

    path: str
    content: bytes
