"""The site's front page, in pages of `index_page_size` events: index.html, then page/2/index.html...

The paths follow Hugo's and Zola's default (`page/N/`), with page/1/index.html an alias that redirects to
the front page, as theirs does, so that editing the number in the address always leads somewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from briefgen.models import EventSummary

PAGER_DIR = "page/"


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of the index stands among the others; paths are relative to the site root."""

    number: int  # 1-based
    count: int  # pages in all (at least 1)
    first: int  # the position of this page's first event in the whole list, 1-based

    @property
    def path(self) -> str:
        return index_path(self.number)

    @property
    def prev(self) -> str | None:
        """The page of newer events, if any."""
        return index_path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The page of older events, if any."""
        return index_path(self.number + 1) if self.number < self.count else None

    def links(self, around: int = 2) -> list[tuple[int, str] | None]:
        """The pages to link by number: the first, the last and `around` either side of this one, each as
        (number, path); None where two or more numbers are left out (a single one is shown instead)."""
        shown = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        links: list[tuple[int, str] | None] = []
        for before, n in pairwise([0, *numbers]):
            if n - before == 2:
                links.append((n - 1, index_path(n - 1)))
            elif n - before > 2:
                links.append(None)
            links.append((n, index_path(n)))
        return links


def index_path(number: int) -> str:
    """The path of the index's page `number` (1-based)."""
    return "index.html" if number == 1 else f"{PAGER_DIR}{number}/index.html"


def page_count(events: int, size: int) -> int:
    """How many pages the index has for this many events: at least one, which says there are none yet."""
    return max(1, -(-events // size))


def index_order(summaries: Sequence[EventSummary]) -> list[EventSummary]:
    """Newest first, by the events' own dates (undated last), then by slug, reversed as well."""
    return sorted(summaries, key=lambda s: (s.event.date or "", s.event.slug), reverse=True)


def paginate(summaries: Sequence[EventSummary], size: int) -> list[tuple[Pager, list[EventSummary]]]:
    """The index's pages, each with its events in index order; one empty page for no events."""
    ordered = index_order(summaries)
    count = page_count(len(ordered), size)
    return [(Pager(n, count, (n - 1) * size + 1), ordered[(n - 1) * size : n * size]) for n in range(1, count + 1)]
