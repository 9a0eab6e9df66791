"""Template filters for citations: what the markers need, computed in Python once per list."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from markupsafe import Markup, escape

from briefgen.models import Claim, NumberItem

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2014\u2013]|\s-\s")  # punctuation that ends a clause


def cite_letters(citations: Sequence[Any]) -> list[str]:
    """Per citation, the letter that tells apart several sentences of one source ("a", "b"...); "" for a
    source cited once, and past the 26th sentence of one source."""
    totals = Counter(c.source for c in citations)
    seen: Counter[str] = Counter()
    letters = []
    for c in citations:
        nth = seen[c.source]
        seen[c.source] += 1
        letters.append(_LETTERS[nth] if totals[c.source] > 1 and nth < len(_LETTERS) else "")
    return letters


def by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Items (sources) by their `id`: the first of each."""
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def figure_snippet(context: str, figure: str, before: int = 3, after: int = 2) -> Markup:
    """The figure in bold with a few words of its clause either side, as a search result shows a hit:
    "…agreed to swap <strong>314 prisoners</strong>" from a longer clause. Just the figure when the context
    does not contain it."""
    at = context.lower().find(figure.lower())
    if at < 0 or not figure.strip():
        return Markup("<strong>%s</strong>") % figure
    left, right = context[:at], context[at + len(figure) :]
    left_clause = _CLAUSE_BREAK.split(left)[-1]
    right_clause = _CLAUSE_BREAK.split(right)[0]
    head, tail = left_clause.split(), right_clause.split()
    pre = " ".join(head[-before:]) if before else ""
    post = " ".join(tail[:after])
    cut_left = len(head) > before or left_clause.strip() != left.strip()
    cut_right = len(tail) > after or right_clause.strip() != right.strip()
    figure_here = context[at : at + len(figure)]
    return Markup("{}{}{}<strong>{}</strong>{}{}{}").format(
        "\u2026" if cut_left and pre else "",
        escape(pre),
        " " if pre and left_clause[-1:].isspace() else "",
        figure_here,
        " " if post and right_clause[:1].isspace() else "",
        escape(post),
        "\u2026" if cut_right and post else "",
    )


def lift_top(items: Sequence[Any], top: int) -> list[Any]:
    """A list kept in its own order (a timeline's dates) with its `top` best-reported items lifted to the front,
    still in that order: most distinct sources first, then the earliest cited sentence (the inverted pyramid)."""

    def key(i: int) -> tuple[int, int]:
        citations = items[i].citations
        return -len({c.source for c in citations}), min((c.sentence for c in citations), default=1 << 30)

    chosen = set(sorted(range(len(items)), key=key)[:top])
    return [items[i] for i in sorted(chosen)] + [item for i, item in enumerate(items) if i not in chosen]


def claims_by_value(claims: Sequence[Claim]) -> list[Claim]:
    """One claim per value, citing every source that gives it, in order of first appearance: a disagreement
    reads "$82 (four sources) vs $60 (one)" rather than the same figure once per source."""
    merged: dict[float | str | None, Claim] = {}
    for claim in claims:
        key = claim.value if claim.value is not None else claim.text.lower()
        held = merged.get(key)
        merged[key] = claim if held is None else replace(held, citations=held.citations + claim.citations)
    return list(merged.values())


def _head(unit: str | None, text: str) -> str:
    words = (unit or text).lower().split()
    return words[-1].rstrip("s") if words else ""


def distinct_figures(numbers: Sequence[NumberItem]) -> list[NumberItem]:
    """Numbers without repeats: a figure of the same value whose unit ends in the same noun as an earlier one
    ("21 girls", "21 Chibok schoolgirls") is that figure again, told by another source or sentence."""
    kept: list[NumberItem] = []
    for n in numbers:
        if not any(_same_figure(n, k) for k in kept):
            kept.append(n)
    return kept


def _same_figure(a: NumberItem, b: NumberItem) -> bool:
    ha, hb = _head(a.unit, a.text), _head(b.unit, b.text)
    return a.value == b.value and bool(ha and hb) and (ha.endswith(hb) or hb.endswith(ha))


def marker_words(citations: Sequence[Any], most: int = 0) -> int:
    """How many words a run of citation markers shows: one per marker, and "+N" when `most` caps it per source."""
    if not most:
        return len(citations)
    sources = len({c.source for c in citations})
    return min(sources, most) + (sources > most)


def figures_within(numbers: Sequence[NumberItem], words: int, least: int = 3, most: int = 2) -> list[NumberItem]:
    """The distinct figures, each shown as a snippet with its markers (capped at `most` sources), for as long as
    they fit in `words`; at least `least` of them whatever the room."""
    shown: list[NumberItem] = []
    for n in distinct_figures(numbers):
        cost = len(figure_snippet(n.context, n.text).striptags().split()) + marker_words(n.citations, most)
        if len(shown) >= least and cost > words:
            break
        shown.append(n)
        words -= cost
    return shown


FILTERS = {
    "cite_letters": cite_letters,
    "by_id": by_id,
    "figure_snippet": figure_snippet,
    "lift_top": lift_top,
    "claims_by_value": claims_by_value,
    "distinct_figures": distinct_figures,
    "marker_words": marker_words,
    "figures_within": figures_within,
}
