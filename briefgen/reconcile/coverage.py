"""Coverage matrix: which source reports each key fact, leaves it out, or disagrees with it.

Rows are the top developments, the conflicts, the figures most sources report and the most reported quotes;
cells follow Briefing.sources. A source disagrees when it makes a conflicting claim about a figure the row
states; a source that gives a reconciled figure (an agreement: "314 in all" for "157 each") reports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from briefgen.models import Agreement, Briefing, Citation, Conflict, CoverageCell, CoverageRow, CoverageStatus

TOP_WHAT = 5
TOP_NUMBERS = 5
TOP_QUOTES = 3
_SENTENCE_WORDS = 3  # quotes shorter than this are not key facts


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


def _row(
    fact: str, kind: Literal["what", "number", "quote"], citations: Sequence[Citation], briefing: Briefing
) -> CoverageRow:
    disagree = _linked(citations, briefing.conflicts)
    agree = _linked(citations, briefing.agreements)
    cells = []
    for source in briefing.sources:
        own = tuple(c for c in citations if c.source == source.id)
        status: CoverageStatus = "reported" if own else "not_reported"
        if source.id in disagree:
            status, own = "disagrees", tuple(disagree[source.id])
        elif not own and source.id in agree:
            status, own = "reported", tuple(agree[source.id])
        cells.append(CoverageCell(source.id, status, own))
    return CoverageRow(fact, kind, tuple(cells))


def _support(citations: Sequence[Citation]) -> int:
    return len({c.source for c in citations})


def build_coverage(briefing: Briefing) -> tuple[CoverageRow, ...]:
    rows = [_row(w.text, "what", w.citations, briefing) for w in briefing.what[:TOP_WHAT]]
    for conflict in briefing.conflicts:
        cells = []
        for source in briefing.sources:
            own = tuple(c for claim in conflict.claims for c in claim.citations if c.source == source.id)
            cells.append(CoverageCell(source.id, "disagrees" if own else "not_reported", own))
        rows.append(CoverageRow(conflict.topic, "conflict", tuple(cells)))
    in_conflict = {k for conflict in briefing.conflicts for claim in conflict.claims for k in _keys(claim.citations)}
    numbers = [n for n in briefing.numbers if not _keys(n.citations) & in_conflict and n.kind != "year"]
    numbers.sort(key=lambda n: -_support(n.citations))
    rows += [_row(n.context or n.text, "number", n.citations, briefing) for n in numbers[:TOP_NUMBERS]]
    quotes = [q for q in briefing.quotes if len(q.text.split()) >= _SENTENCE_WORDS]
    quotes.sort(key=lambda q: -_support(q.citations))
    rows += [_row(q.text, "quote", q.citations, briefing) for q in quotes[:TOP_QUOTES]]
    return tuple(rows)
