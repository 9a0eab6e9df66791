"""Hosting figures for a built site: link check and search index cost, sitemap and feed coverage. Not a test.

    .venv/bin/briefgen build --config SITE/briefgen.yaml      # with a base_url naming a host
    .venv/bin/python bench/hosting.py SITE/site /briefs/     # the output dir and base_url's path

Wall and CPU seconds are both printed (CPU includes pagefind's process): on a shared machine only CPU is stable.
"""

from __future__ import annotations

import os
import resource
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefgen.linkcheck import check_site
from briefgen.models import SearchDocument
from briefgen.search import search_pages


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    wall, used = time.perf_counter(), cpu()
    result = fn()
    return result, time.perf_counter() - wall, cpu() - used


def main(site: Path, base_path: str) -> None:
    pages = sorted(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    print(f"{len(pages)} HTML pages, {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}")
    broken, wall, cpu = timed(lambda: check_site(site, base_path))
    print(f"link check: {len(broken)} broken links in {wall:.2f} s wall, {cpu:.2f} s CPU")
    html = [SearchDocument(p.relative_to(site).as_posix(), p.read_bytes()) for p in pages]
    bundle, wall, cpu = timed(lambda: search_pages(html, "en"))
    kb = sum(len(p.content) for p in bundle) / 1e3
    print(f"search index: {len(bundle)} files, {kb:.0f} kB in {wall:.2f} s wall, {cpu:.2f} s CPU")
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        urls = len(ET.parse(sitemap).getroot().findall("s:url/s:loc", ns))
        entries = len(ET.parse(site / "feed.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry"))
        print(f"sitemap: {urls} URLs for {len(pages) - 1} pages (all but the 404); feed: {entries} entries")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), sys.argv[2])
