"""Build progress for people: a rich bar on a terminal, plain lines otherwise, and the closing summary.

`build()` reports to a `Reporter`; the base class stays silent (library use, tests, `--quiet`).
Nothing is shown for builds under a second, and rich is imported only when a bar is really drawn.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

SHOW_AFTER = 1.0  # seconds: quicker builds show no progress at all
PLAIN_EVERY = 5.0  # seconds between plain progress lines


class Reporter:
    """Receives progress from `build()`; this base class ignores it."""

    def start(self, total: int) -> None:
        """The build has `total` articles to account for."""

    def advance(self, count: int) -> None:
        """`count` more articles are done (extracted or found in the cache)."""

    def detail(self, message: str) -> None:
        """A line for `--verbose` (stage timings, cache use)."""

    def close(self) -> None:
        """The build ended (successfully or not): remove any live display."""


class _Counting(Reporter):
    def __init__(self, stream: TextIO, verbose: bool) -> None:
        self.stream = stream
        self.verbose = verbose
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()

    def start(self, total: int) -> None:
        self.total = total
        self.started = time.perf_counter()

    def advance(self, count: int) -> None:
        self.done += count

    def detail(self, message: str) -> None:
        if self.verbose:
            print(f"  {message}", file=self.stream, flush=True)


class PlainReporter(_Counting):
    """For logs and pipes: a line every few seconds with articles done, rate and ETA."""

    def __init__(self, stream: TextIO, verbose: bool = False) -> None:
        super().__init__(stream, verbose)
        self._last = 0.0

    def advance(self, count: int) -> None:
        super().advance(count)
        now = time.perf_counter()
        elapsed = now - self.started
        if elapsed >= SHOW_AFTER and (now - self._last >= PLAIN_EVERY or self.done == self.total):
            self._last = now
            rate = self.done / elapsed
            eta = (self.total - self.done) / rate if rate else 0.0
            print(
                f"articles {self.done}/{self.total} ({rate:.1f}/s, ETA {eta:.0f}s)",
                file=self.stream,
                flush=True,
            )


class RichReporter(_Counting):
    """For terminals: a progress bar (articles done, rate, ETA), drawn once the build passes a second."""

    def __init__(self, stream: TextIO, verbose: bool = False) -> None:
        super().__init__(stream, verbose)
        self._progress: Any = None
        self._task: Any = None

    def advance(self, count: int) -> None:
        super().advance(count)
        if self._progress is None and time.perf_counter() - self.started >= SHOW_AFTER:
            self._show()
        if self._progress is not None:
            rate = self.done / max(time.perf_counter() - self.started, 1e-9)
            self._progress.update(self._task, completed=self.done, rate=f"{rate:.1f}/s")

    def detail(self, message: str) -> None:
        if self.verbose and self._progress is not None:
            self._progress.console.print(f"  {message}", highlight=False)
        else:
            super().detail(message)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._task = self._progress.add_task("articles", total=self.total, rate="")
        self._progress.start()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def make_reporter(quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> Reporter:
    """The reporter for the CLI: silent with --quiet, a bar on a terminal, plain lines otherwise."""
    out = stream or sys.stderr
    if quiet:
        return Reporter()
    if out.isatty():
        return RichReporter(out, verbose)
    return PlainReporter(out, verbose)


def summary(events: int, articles: int, warnings: int, errors: int, seconds: float, detail: str = "") -> str:
    """The closing line of a build."""
    parts = [f"{events} events", f"{articles} articles", f"{warnings} warnings"]
    if errors:
        parts.append(f"{errors} errors")
    extra = f"; {detail}" if detail else ""
    return f"built {', '.join(parts)} in {seconds:.2f}s{extra}"
