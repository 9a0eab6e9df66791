"""Pages rendered ahead of a build: which pages browsers show, and their new versions until the build lands.

A template edit re-renders the whole site, which takes seconds on a large one. `serve` first renders
the pages that browsers have open (reported by their event streams; failing that, the pages requested
last), serves them from memory ahead of the output dir and reloads the browsers; `build()` then writes
the complete site and the pages held here are dropped. Any other HTML page served meanwhile is older
than the build, so it is noted as stale: those browsers get a second reload once the build has landed.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Mapping

KEEP = 8  # pages rendered ahead at most


class AheadPages:
    """Thread-safe: the server's handlers record visits and read pages, the rebuild thread shows and drops them."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._pages: dict[str, bytes] = {}
        self._active = False
        self._stale = False

    def visited(self, path: str) -> None:
        """An HTML page (output-relative path) was served to a browser."""
        with self._lock:
            self._recent.pop(path, None)
            self._recent[path] = None
            while len(self._recent) > self.keep:
                self._recent.popitem(last=False)

    def opened(self, path: str) -> None:
        """A browser showing `path` connected its event stream."""
        with self._lock:
            self._open[path] += 1

    def closed(self, path: str) -> None:
        with self._lock:
            self._open[path] -= 1
            if self._open[path] <= 0:
                del self._open[path]

    def wanted(self) -> list[str]:
        """The pages worth rendering first: those open in browsers, else the most recently requested."""
        with self._lock:
            order = list(self._open) or list(reversed(self._recent))
        return order[: self.keep]

    def show(self, pages: Mapping[str, bytes]) -> None:
        """Serve these pages ahead of the output dir until `drop`."""
        with self._lock:
            self._pages = dict(pages)
            self._active = True
            self._stale = False

    def page(self, path: str) -> bytes | None:
        """The page rendered ahead at `path`, if any; an HTML page served from disk meanwhile is noted as stale."""
        with self._lock:
            if not self._active:
                return None
            found = self._pages.get(path)
            if found is None and path.endswith(".html"):
                self._stale = True
            return found

    def drop(self) -> tuple[dict[str, bytes], bool]:
        """Stop serving ahead; return the pages that were, and whether older HTML pages were served meanwhile."""
        with self._lock:
            shown, stale = self._pages, self._stale
            self._pages, self._active, self._stale = {}, False, False
            return shown, stale
