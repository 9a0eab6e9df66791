"""What the build keeps in the cache besides extractions: briefings and rendered pages."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.cache import Cache
from briefgen.errors import BuildError
from briefgen.models import Briefing, Page, Problem


@dataclass(frozen=True, slots=True)
class BriefingRecord:
    """An event's briefing with the problems its articles raised while parsing."""

    briefing: Briefing
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class PagesRecord:
    """Rendered pages as (output path, sha256 of the content in the blob store)."""

    pages: tuple[tuple[str, str], ...]


def store_pages(cache: Cache, kind: str, key: str, pages: list[Page]) -> None:
    """Keep pages under a key: their bytes in the blob store, the list in a record."""
    cache.put(kind, key, PagesRecord(tuple((p.path, cache.put_blob(p.content)) for p in pages)))


def stored_pages(cache: Cache, kind: str, key: str) -> PagesRecord | None:
    """The record of the pages kept under a key, if every page's bytes are in the blob store."""
    record = cache.get(kind, key, PagesRecord)
    if record is None or not all(cache.has_blob(sha) for _, sha in record.pages):
        return None
    return record


def read_pages(cache: Cache, record: PagesRecord) -> list[Page]:
    """The pages of a record, read from the blob store."""
    pages = []
    for path, sha in record.pages:
        data = cache.get_blob(sha)
        if data is None:
            raise BuildError([Problem(str(cache.root), "cache changed during the build; build again")])
        pages.append(Page(path, data))
    return pages
