"""Client-side search: a pagefind index of the briefing pages, returned as Pages.

Indexing runs pagefind's bundled binary (through its Python API) over a scratch copy of the
pages, and the bundle is read back as Pages, so the stage stays pure and the atomic write stays
the only writer of the site. Only what `search.js` needs is kept (not pagefind's own UI files).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
import tempfile
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError
from briefgen.models import Page, Problem, SearchDocument

BUNDLE = "pagefind"
_KEEP = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|[^/]*\.pf_meta|(index|fragment)/.*)$")


def search_pages(docs: Sequence[SearchDocument], language: str) -> list[Page]:
    """The pagefind bundle (under `pagefind/`) indexing the `<main>` of the events' search documents.

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
                    raise BuildError([Problem(BUNDLE, f"search indexing wrote no usable index: {err}")]) from err
                shutil.rmtree(out, ignore_errors=True)
        wasm = {f"wasm.{lang['wasm']}.pagefind" for lang in entry["languages"].values() if lang.get("wasm")}
        return [
            Page(f"{BUNDLE}/{rel}", f.read_bytes())
            for f in sorted(out.rglob("*"))
            if f.is_file() and ((rel := f.relative_to(out).as_posix()) in wasm or _KEEP.match(rel))
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
