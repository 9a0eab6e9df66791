"""What the build keeps in the cache besides extractions: briefings and rendered pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from briefgen.cache import Cache
from briefgen.errors import BuildError
from briefgen.models import Briefing, EventSummary, Page, Problem

R = TypeVar("R", "PagesRecord", "EventRecord")


@dataclass(frozen=True, slots=True)
class BriefingRecord:
    """An event's briefing with the problems its articles raised while parsing."""

    briefing: Briefing
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class PagesRecord:
    """Rendered pages as (output path, sha256 of the content in the blob store)."""

    pages: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A rendered event: its pages and search document (path, sha256 in the blob store), the summary the
    site-wide pages read and the problems its files raised. All a build needs of an unchanged event."""

    pages: tuple[tuple[str, str], ...]
    search: tuple[str, str] | None
    summary: EventSummary
    problems: tuple[Problem, ...]


def store_pages(cache: Cache, kind: str, key: str, pages: list[Page]) -> None:
    """Keep pages under a key: their bytes in the blob store, the list in a record."""
    cache.put(kind, key, PagesRecord(tuple((p.path, cache.put_blob(p.content)) for p in pages)))


def stored(cache: Cache, kind: str, key: str, cls: type[R]) -> R | None:
    """The record kept under a key, if every page's bytes are in the blob store."""
    record = cache.get(kind, key, cls)
    if record is None or not all(cache.has_blob(sha) for _, sha in _blobs(record)):
        return None
    return record


def _blobs(record: PagesRecord | EventRecord) -> tuple[tuple[str, str], ...]:
    search = record.search if isinstance(record, EventRecord) else None
    return (*record.pages, search) if search is not None else record.pages


def read_pages(cache: Cache, pages: Iterable[tuple[str, str]]) -> list[Page]:
    """Pages as (path, sha256) read from the blob store."""
    found = []
    for path, sha in pages:
        data = cache.get_blob(sha)
        if data is None:
            raise BuildError([Problem(str(cache.root), "cache changed during the build; build again")])
        found.append(Page(path, data))
    return found


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A page whose bytes are in the cache's blob store under their sha256: read only when they must be
    (the writer links an unchanged file without reading it)."""

    path: str
    sha: str
    cache: Cache

    @property
    def content(self) -> bytes:
        data = self.cache.get_blob(self.sha)
        if data is None:
            raise BuildError([Problem(str(self.cache.root), "cache changed during the build; build again")])
        return data


SitePage = Page | StoredPage


def stored_pages(cache: Cache, pages: Iterable[tuple[str, str]]) -> list[StoredPage]:
    """Pages as (path, sha256) of the blob store, not read."""
    return [StoredPage(path, sha, cache) for path, sha in pages]
