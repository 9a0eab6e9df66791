"""Coverage matrix: which source reports each key fact, leaves it out, or disagrees with it.

One row per distinct fact. A development, the figure in it and the quote it carries report one fact in three
ways, so an item that cites a sentence already in a row joins that row instead of starting its own. Rows are
seeded by the conflicts, then the developments, figures and quotes in their ranked order; they are ordered
conflicts first, then by how many sources report the fact, and the first MAX_ROWS are kept (the facts that
matter: the page shows the top ones and folds the rest). Cells follow Briefing.sources. A source disagrees
when it makes a conflicting claim about a figure of the row; a source that gives a reconciled figure (an
agreement: "314 in all" for "157 each") reports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from briefgen.models import Agreement, Briefing, Citation, Conflict, CoverageCell, CoverageRow, CoverageStatus

MAX_ROWS = 12
_SENTENCE_WORDS = 3  # quotes shorter than this are not key facts
_NOT_FACTS = ("year", "date", "ordinal")  # timeline material, not figures about the event
RowKind = Literal["what", "number", "quote", "conflict"]


@dataclass
class _Fact:
    label: str
    kind: RowKind
    citations: list[Citation]
    conflict: Conflict | None = None
    keys: set[tuple[str, int]] = field(default_factory=set)

    def take(self, citations: Sequence[Citation]) -> None:
        for c in citations:
            if (c.source, c.sentence) not in self.keys:
                self.keys.add((c.source, c.sentence))
                self.citations.append(c)


def _keys(citations: Sequence[Citation]) -> set[tuple[str, int]]:
    return {(c.source, c.sentence) for c in citations}


def _linked(
    citations: Sequence[Citation], groups: Sequence[Conflict] | Sequence[Agreement]
) -> dict[str, list[Citation]]:
    """Sources whose claims share a conflict or agreement with a claim cited by the row, with their citations.

    The row's first citation decides which claim is the row's own when it cites several sides of one conflict.
    """
    out: dict[str, list[Citation]] = {}
    for group in groups:
        keys = _keys(citations[:1])
        if not any(_keys(claim.citations) & keys for claim in group.claims):
            keys = _keys(citations)
        if any(_keys(claim.citations) & keys for claim in group.claims):
            for claim in group.claims:
                if not _keys(claim.citations) & keys:
                    for c in claim.citations:
                        out.setdefault(c.source, []).append(c)
    return out


def _row(fact: _Fact, briefing: Briefing) -> CoverageRow:
    disagree: dict[str, list[Citation]] = {}
    agree: dict[str, list[Citation]] = {}
    if fact.conflict is not None:  # every source with a claim disagrees with the others
        for claim in fact.conflict.claims:
            for c in claim.citations:
                disagree.setdefault(c.source, []).append(c)
    else:
        disagree = _linked(fact.citations, briefing.conflicts)
        agree = _linked(fact.citations, briefing.agreements)
    cells = []
    for source in briefing.sources:
        own = tuple(c for c in fact.citations if c.source == source.id)
        status: CoverageStatus = "reported" if own else "not_reported"
        if source.id in disagree:
            status, own = "disagrees", tuple(disagree[source.id])
        elif not own and source.id in agree:
            status, own = "reported", tuple(agree[source.id])
        cells.append(CoverageCell(source.id, status, own))
    return CoverageRow(fact.label, fact.kind, tuple(cells))


def _facts(briefing: Briefing) -> list[_Fact]:
    """Distinct facts, in seeding order: an item citing a sentence of an earlier fact joins it."""
    facts: list[_Fact] = []
    for conflict in briefing.conflicts:
        fact = _Fact(conflict.topic, "conflict", [], conflict)
        fact.take([c for claim in conflict.claims for c in claim.citations])
        facts.append(fact)
    items: list[tuple[str, RowKind, Sequence[Citation]]] = [(w.text, "what", w.citations) for w in briefing.what]
    items += [(n.context or n.text, "number", n.citations) for n in briefing.numbers if n.kind not in _NOT_FACTS]
    items += [(q.text, "quote", q.citations) for q in briefing.quotes if len(q.text.split()) >= _SENTENCE_WORDS]
    for label, kind, citations in items:
        keys = _keys(citations)
        home = next((f for f in facts if f.keys & keys), None)
        if home is None:
            home = _Fact(label, kind, [])
            facts.append(home)
        home.take(citations)
    return facts


def build_coverage(briefing: Briefing) -> tuple[CoverageRow, ...]:
    facts = _facts(briefing)
    order = sorted(
        range(len(facts)),
        key=lambda i: (facts[i].conflict is None, -len({c.source for c in facts[i].citations}), i),
    )
    return tuple(_row(facts[i], briefing) for i in order[:MAX_ROWS])
