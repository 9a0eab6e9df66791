"""Watch content, config and theme folders with watchdog; coalesce bursts of saves.

Editors save through temporary and swap files and often save several files at once, so
events are filtered by name and collected until the tree has been quiet for a moment.
"""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

# Names editors, file managers and tools write beside the files they save.
TEMP_PATTERNS = (
    "*.swp",
    "*.swo",
    "*.swx",
    "*.swpx",
    "*~",
    ".#*",
    "#*#",
    "4913",
    "*.tmp",
    "*.temp",
    "*.bak",
    "*.part",
    "*.crdownload",
    "*.kate-swp",
    ".goutputstream-*",
    ".~lock.*",
    ".DS_Store",
    "Thumbs.db",
    "*.pyc",
)
IGNORED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".briefgen-cache", "node_modules", ".venv"})
EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    FileAttribEvent,  # permissions: a file that becomes readable again
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def is_temp_file(name: str) -> bool:
    """True for the temporary, swap and backup files of editors and OS tools."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEMP_PATTERNS)


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """What to watch: the config file and the folders whose files feed the build."""

    config_file: Path
    dirs: tuple[Path, ...]
    output: Path

    def relevant(self, path: Path) -> bool:
        """Whether a change at `path` can change the built site."""
        if is_temp_file(path.name) or any(part in IGNORED_DIRS for part in path.parts):
            return False
        out = self.output
        if path == out or path.is_relative_to(out) or _is_staging(path, out):
            return False
        if path == self.config_file:
            return True
        # A watched folder itself appearing (e.g. a new themes/ folder) counts too.
        return any(path.is_relative_to(d) or d.is_relative_to(path) for d in self.dirs)

    def schedules(self) -> list[tuple[Path, bool]]:
        """(folder, recursive) pairs: the config's folder, and each existing feed folder once."""
        found = sorted({d for d in self.dirs if d.is_dir()})
        outer = [d for d in found if not any(d != o and d.is_relative_to(o) for o in found)]
        plan = [(self.config_file.parent, False)]
        return plan + [(d, True) for d in outer if d != self.config_file.parent]


def _is_staging(path: Path, output: Path) -> bool:
    """The write stage's aside folders next to the output (`.site.new-*`, `.site.old-*`)."""
    for part in (path, *path.parents):
        if part.parent == output.parent and part.name.startswith(f".{output.name}."):
            return True
    return False


class ChangeQueue:
    """Collects changed paths and hands them out as one batch once saves have settled."""

    def __init__(self, quiet: float = 0.05, max_wait: float = 1.0) -> None:
        self.quiet = quiet
        self.max_wait = max_wait
        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._first = 0.0
        self._last = 0.0
        self._closed = False

    def add(self, paths: Iterable[Path]) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._cond.notify_all()

    def take(self) -> set[Path] | None:
        """Wait for a settled batch of changes; None once the queue is closed."""
        with self._cond:
            while not self._closed:
                if self._pending:
                    now = time.monotonic()
                    due = min(self._last + self.quiet, self._first + self.max_wait)
                    if now >= due:
                        batch, self._pending = self._pending, set()
                        return batch
                    self._cond.wait(due - now)
                else:
                    self._cond.wait()
            return None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [event.src_path, *([event.dest_path] if event.dest_path else [])]
        plan = self.watcher.plan
        relevant = [p for p in (Path(_text(x)) for x in paths) if plan.relevant(p)]
        if relevant:
            self.watcher.queue.add(relevant)


def _text(path: str | bytes) -> str:
    return path.decode() if isinstance(path, bytes) else path


class Watcher:
    """A watchdog observer over a `WatchPlan` that feeds a `ChangeQueue`."""

    def __init__(self, plan: WatchPlan, queue: ChangeQueue) -> None:
        self.plan = plan
        self.queue = queue
        self._observer: BaseObserver = Observer()
        self._handler = _Handler(self)
        self._scheduled: list[tuple[Path, bool]] = []

    def start(self) -> None:
        self._schedule()
        self._observer.start()

    def update(self, plan: WatchPlan) -> None:
        """Follow a new plan (after a config change or a new theme folder)."""
        self.plan = plan
        if plan.schedules() != self._scheduled:
            self._observer.unschedule_all()
            self._schedule()

    def _schedule(self) -> None:
        self._scheduled = self.plan.schedules()
        for folder, recursive in self._scheduled:
            self._observer.schedule(self._handler, str(folder), recursive=recursive, event_filter=EVENTS)

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)
