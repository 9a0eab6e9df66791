"""Template filters for citations: what the markers need, computed in Python once per list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


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


FILTERS = {"cite_letters": cite_letters, "by_id": by_id}
