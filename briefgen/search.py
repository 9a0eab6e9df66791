"""Client-side search: a pagefind index of the briefing and source pages, returned as Pages.

Indexing runs pagefind's bundled binary in memory (its Python API); the bundle is written to
a scratch folder and read back, so the stage stays pure and the atomic write stays the only
writer of the site. Only what `search.js` needs is kept (not pagefind's own UI files).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from briefgen.errors import BuildError
from briefgen.models import Page, Problem

BUNDLE = "pagefind"
_INDEXED = re.compile(r"^[^/]+/(index|sources/[^/]+)\.html$")  # <event>/index.html and its source pages
_KEEP = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|[^/]*\.pf_meta|(index|fragment)/.*)$")


def with_search(pages: Iterable[Page], language: str) -> Iterator[Page]:
    """Pass a stream of pages through, then add the search bundle indexing them."""
    indexed = []
    for page in pages:
        if _INDEXED.match(page.path):
            indexed.append(page)
        yield page
    yield from search_pages(indexed, language)


def search_pages(pages: Sequence[Page], language: str) -> list[Page]:
    """The pagefind bundle (under `pagefind/`) indexing the `<main>` of every briefing and source page."""
    html = [(p.path, p.content.decode("utf-8")) for p in pages if _INDEXED.match(p.path)]
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_index(html, language))
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # called from async code: index on a thread of its own
        return pool.submit(asyncio.run, _index(html, language)).result()


async def _index(html: list[tuple[str, str]], language: str) -> list[Page]:
    from pagefind.index import IndexConfig, PagefindIndex

    with tempfile.TemporaryDirectory(prefix="briefgen-pagefind-") as tmp:
        config = IndexConfig(root_selector="main", force_language=language, keep_index_url=True, output_path=tmp)
        try:
            async with PagefindIndex(config) as index:
                for path, text in html:
                    await index.add_html_file(content=text, url=path)
        except Exception as err:  # the service reports failures as bare exceptions
            raise BuildError([Problem(BUNDLE, f"search indexing failed: {err}")]) from err
        out = Path(tmp)
        entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
        wasm = {f"wasm.{lang['wasm']}.pagefind" for lang in entry["languages"].values() if lang.get("wasm")}
        return [
            Page(f"{BUNDLE}/{rel}", f.read_bytes())
            for f in sorted(out.rglob("*"))
            if f.is_file() and ((rel := f.relative_to(out).as_posix()) in wasm or _KEEP.match(rel))
        ]
