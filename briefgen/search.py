"""Client-side search: pagefind indexes of the briefing pages, returned as Pages.

Indexing runs pagefind's bundled binary (through its Python API) over a scratch copy of the
pages, and the bundle is read back as Pages, so the stage stays pure and the atomic write stays
the only writer of the site. Only what `search.js` needs is kept (not pagefind's own UI files).

An archive's events are split into shards, each its own bundle, so that a change to one event
re-indexes one shard: `search.js` loads the first bundle and merges the others (pagefind's
`mergeIndex`). A site of up to SHARD_EVENTS events has one bundle, `pagefind/`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Coroutine, Iterable, Sequence
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError
from briefgen.models import Page, Problem, SearchDocument

BUNDLE = "pagefind"
# The most events a shard holds on average. Pagefind takes about 0.2 s plus 9 ms an event (25 to 1,380 real
# search documents, 2 shared cores), so a one-event change re-indexes a shard in 1-2.5 s; smaller shards would
# save little more, while the browser fetches every shard's index for a search (8 at 1,380 events).
SHARD_EVENTS = 256
_KEEP = re.compile(r"^(pagefind-entry\.json|[^/]*\.pf_meta|(index|fragment)/.*)$")  # what a merged index reads
_KEEP_FIRST = re.compile(r"^(pagefind\.js|pagefind-worker\.js)$")  # the first also runs the search


def shards(paths: Iterable[str]) -> dict[str, list[str]]:
    """The search documents' paths by the bundle folder indexing them, non-empty bundles only, in shard
    order: the first is the one `search.js` loads, the others are merged into it. An event's shard is a hash
    of its path modulo the shard count, the smallest power of two with at most SHARD_EVENTS events a shard on
    average: adding an event changes one shard, except at a doubling, which re-makes every shard."""
    ordered = sorted(set(paths))
    count = 1
    while count * SHARD_EVENTS < len(ordered):
        count *= 2
    found: dict[int, list[str]] = {}
    for path in ordered:
        found.setdefault(int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % count, []).append(path)
    return {BUNDLE if shard == 0 else f"{BUNDLE}-{shard}": found[shard] for shard in sorted(found)}


def search_pages(docs: Sequence[SearchDocument], language: str, bundle: str = BUNDLE, first: bool = True) -> list[Page]:
    """The pagefind bundle (under `bundle`/) indexing the `<main>` of the events' search documents. Only the
    first bundle holds the search code (script, worker, WebAssembly); the others are merged into it.

    Each document is indexed as the event page it stands for (its `path`), where a hit leads. Only
    briefings are indexed, as plain text: they hold every person, quote, figure and development, while the
    event pages repeat each cited sentence in popovers and source pages repeat the articles, which would
    multiply indexing time and memory (paid again on every rebuild) for text the briefing already cites.
    """
    with tempfile.TemporaryDirectory(prefix="briefgen-pagefind-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        for doc in docs:  # pagefind's per-file API costs ~0.1 s a page; indexing a folder is far faster
            path = site / doc.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.html)
        site.mkdir(exist_ok=True)
        for attempt in (1, 2):  # pagefind has been seen to leave an empty entry file once in many runs
            _run(_index(site, out, language))
            try:
                entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
                break
            except (OSError, ValueError) as err:
                if attempt == 2:
                    raise BuildError([Problem(bundle, f"search indexing wrote no usable index: {err}")]) from err
                shutil.rmtree(out, ignore_errors=True)
        wasm = {f"wasm.{lang['wasm']}.pagefind" for lang in entry["languages"].values() if lang.get("wasm") and first}
        return [
            Page(f"{bundle}/{rel}", f.read_bytes())
            for f in sorted(out.rglob("*"))
            if f.is_file()
            and (
                (rel := f.relative_to(out).as_posix()) in wasm or _KEEP.match(rel) or (first and _KEEP_FIRST.match(rel))
            )
        ]


def _run(job: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine to its end, also when called from async code (in a loop of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(job)
    else:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, job).result()


async def _index(site: Path, out: Path, language: str) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(root_selector="main", force_language=language, keep_index_url=True, output_path=str(out))
    try:
        async with PagefindIndex(config) as index:
            await index.add_directory(str(site))
    except Exception as err:  # the service reports failures as bare exceptions
        raise BuildError([Problem(BUNDLE, f"search indexing failed: {err}")]) from err
