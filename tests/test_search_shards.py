"""The search index in shards: which bundle holds an event, and that a change to one event's search document
re-indexes only its shard. Pagefind is replaced by a recorder here (no browser, no model); the browser test
(test_search_browser.py) searches a real sharded index."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from briefgen import search
from briefgen.briefings import Counts
from briefgen.cache import Cache
from briefgen.config import Config
from briefgen.keys import Keys
from briefgen.models import Page, SearchDocument
from briefgen.pages import Renderer
from briefgen.progress import Reporter


def _paths(n: int) -> list[str]:
    return [f"event-{i:04d}/index.html" for i in range(n)]


def test_a_site_of_up_to_shard_events_events_has_one_bundle_at_todays_path() -> None:
    assert search.shards(_paths(69)) == {"pagefind": sorted(_paths(69))}
    assert list(search.shards(_paths(search.SHARD_EVENTS))) == ["pagefind"]
    assert len(search.shards(_paths(search.SHARD_EVENTS + 1))) == 2


def test_the_shard_count_is_the_smallest_power_of_two_that_keeps_shards_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_EVENTS", 10)
    archive = search.shards(_paths(1380))  # 138 shards' worth: 256 shards, of which a few may be empty
    assert set(archive) <= {"pagefind", *(f"pagefind-{i}" for i in range(1, 256))} and len(archive) > 128
    bundles = search.shards(_paths(41))  # 5 shards' worth: 8 shards
    assert set(bundles) <= {"pagefind", *(f"pagefind-{i}" for i in range(1, 8))} and len(bundles) > 4
    assert sorted(p for paths in bundles.values() for p in paths) == sorted(_paths(41))  # each event once


def test_an_events_shard_does_not_depend_on_the_other_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_EVENTS", 10)
    paths = _paths(70)  # 8 shards; so are 71 and 80 events

    def where(found: dict[str, list[str]]) -> dict[str, str]:
        return {p: bundle for bundle, ps in found.items() for p in ps}

    before = where(search.shards(paths))
    assert where(search.shards(reversed(paths))) == before
    after = where(search.shards([*paths, "a-new-event/index.html"]))
    assert {p: after[p] for p in paths} == before  # adding an event moves no other event
    assert len(set(before.values())) > 1


class _Pagefind:
    """Stands in for pagefind: records what each bundle indexed."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool, list[str]]] = []

    def __call__(self, docs: Sequence[SearchDocument], language: str, bundle: str, first: bool) -> list[Page]:
        self.calls.append((bundle, first, [d.path for d in docs]))
        return [Page(f"{bundle}/pagefind-entry.json", repr(sorted(d.html for d in docs)).encode())]


def _renderer(tmp_path: Path) -> Renderer:
    config = Config(root=tmp_path)
    return Renderer(config, Cache(tmp_path / "cache"), Keys(config), Counts(), Reporter())


def test_a_change_to_one_events_document_re_indexes_only_its_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "SHARD_EVENTS", 4)
    pagefind = _Pagefind()
    monkeypatch.setattr(search, "search_pages", pagefind)
    renderer = _renderer(tmp_path)
    domains = ["court ruling", "river flood", "cup final", "bank merger", "comet sighting", "port strike"]
    texts = {f"{d.replace(' ', '-')}-{i}/index.html": f"<main>{d} {i}</main>" for i in range(3) for d in domains}
    documents = [(path, renderer.cache.put_blob(html.encode())) for path, html in texts.items()]

    first = [p.path for p in renderer.search(documents)]
    bundles = search.shards(texts)
    assert len(bundles) > 1 and [c[0] for c in pagefind.calls] == list(bundles)  # 18 events: 8 shards
    assert [c[1] for c in pagefind.calls] == [True] + [False] * (len(bundles) - 1)  # the first runs the search
    assert first == [f"{b}/pagefind-entry.json" for b in bundles]

    pagefind.calls.clear()
    assert [p.path for p in renderer.search(documents)] == first  # nothing changed: all from the cache
    assert pagefind.calls == []

    changed = "river-flood-1/index.html"
    edited = [
        (p, renderer.cache.put_blob(b"<main>river flood 1, the levee held</main>") if p == changed else s)
        for p, s in documents
    ]
    pages = {p.path: p.content for p in renderer.search(edited)}
    holder = next(b for b, paths in bundles.items() if changed in paths)
    assert [(c[0], changed in c[2]) for c in pagefind.calls] == [(holder, True)]  # one shard re-indexed
    assert b"the levee held" in pages[f"{holder}/pagefind-entry.json"]
    assert list(pages) == first


def test_the_search_keys_of_two_bundles_differ_for_the_same_documents(tmp_path: Path) -> None:
    keys = Keys(Config(root=tmp_path))
    documents = ["harbour-lights/index.html:ab12"]
    assert keys.search("pagefind", True, documents) != keys.search("pagefind-1", True, documents)
    assert keys.search("pagefind-1", True, documents) != keys.search("pagefind-1", False, documents)
    assert keys.search("pagefind-1", False, documents) != keys.search(
        "pagefind-1", False, ["harbour-lights/index.html:cd34"]
    )
