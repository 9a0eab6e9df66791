"""The write ledger: unchanged pages kept in the cache are linked without reading them, and anything the
ledger cannot vouch for (an edited file, a racy one, a replaced site) is compared or rewritten as before."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefgen.cache import Cache
from briefgen.errors import BuildError
from briefgen.models import Page
from briefgen.records import StoredPage
from briefgen.write import Ledger, write_site

RULING = b"<p>The appeals court upheld the ruling on Tuesday.</p>"
FLOOD = b"<p>River levels fell after the flood warning was lifted.</p>"


def _setup(tmp_path: Path) -> tuple[Cache, Path, Path, list[StoredPage]]:
    cache = Cache(tmp_path / "cache")
    pages = [
        StoredPage("court/index.html", cache.put_blob(RULING), cache),
        StoredPage("flood.html", cache.put_blob(FLOOD), cache),
    ]
    return cache, tmp_path / "site", tmp_path / "cache" / "written", pages


def _drop_blobs(cache: Cache) -> None:
    assert cache.root is not None
    shutil.rmtree(cache.root / "blobs")


def _age_ledger(ledgers: Path, output: Path, seconds: int = 5) -> None:
    """Make the ledger later than every file it records, as it is once the clock has ticked."""
    path = Ledger(ledgers, output.resolve()).path
    later = path.stat().st_mtime_ns + seconds * 10**9
    os.utime(path, ns=(later, later))


def test_unchanged_stored_pages_are_linked_without_reading_their_blobs(tmp_path: Path) -> None:
    cache, out, ledgers, pages = _setup(tmp_path)
    write_site(pages, out, ledgers=ledgers)
    _age_ledger(ledgers, out)
    before = (out / "flood.html").stat().st_ino
    _drop_blobs(cache)  # reading any page's bytes would now fail
    stats = write_site(pages, out, ledgers=ledgers)
    assert (stats.written, stats.linked) == (0, 2)
    assert (out / "flood.html").stat().st_ino == before
    assert (out / "court/index.html").read_bytes() == RULING


def test_without_a_ledger_stored_pages_are_read_and_compared(tmp_path: Path) -> None:
    cache, out, _, pages = _setup(tmp_path)
    write_site(pages, out)
    stats = write_site(pages, out)
    assert (stats.written, stats.linked) == (0, 2)
    _drop_blobs(cache)
    with pytest.raises(BuildError, match="cache changed"):
        write_site(pages, out)


def test_a_hand_edited_site_file_is_rewritten(tmp_path: Path) -> None:
    _, out, ledgers, pages = _setup(tmp_path)
    write_site(pages, out, ledgers=ledgers)
    _age_ledger(ledgers, out)
    (out / "flood.html").write_bytes(b"<p>Edited by hand on the server.</p>")
    stats = write_site(pages, out, ledgers=ledgers)
    assert (stats.written, stats.linked) == (1, 1)
    assert (out / "flood.html").read_bytes() == FLOOD


def test_a_racy_edit_with_the_same_size_and_mtime_is_still_found(tmp_path: Path) -> None:
    _, out, ledgers, pages = _setup(tmp_path)
    write_site(pages, out, ledgers=ledgers)
    target = out / "court/index.html"
    recorded = target.stat().st_mtime_ns
    with open(target, "r+b") as f:  # in place: same inode, same size
        f.write(b"<P>")
    os.utime(target, ns=(recorded, recorded))
    ledger = Ledger(ledgers, out.resolve()).path
    os.utime(ledger, ns=(recorded, recorded))  # the file was written in the ledger's own clock tick
    stats = write_site(pages, out, ledgers=ledgers)
    assert target.read_bytes() == RULING
    assert (stats.written, stats.linked) == (1, 1)


def test_a_site_replaced_by_a_copy_is_compared_not_trusted(tmp_path: Path) -> None:
    _, out, ledgers, pages = _setup(tmp_path)
    write_site(pages, out, ledgers=ledgers)
    _age_ledger(ledgers, out)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)  # new inodes, and times kept
    (copy / "flood.html").write_bytes(FLOOD.upper())
    os.utime(copy / "flood.html", ns=((out / "flood.html").stat().st_mtime_ns,) * 2)
    shutil.rmtree(out)
    copy.rename(out)
    stats = write_site(pages, out, ledgers=ledgers)
    assert (out / "flood.html").read_bytes() == FLOOD
    assert (stats.written, stats.linked) == (1, 1)


def test_a_changed_page_is_written_and_the_ledger_follows_it(tmp_path: Path) -> None:
    cache, out, ledgers, pages = _setup(tmp_path)
    write_site(pages, out, ledgers=ledgers)
    _age_ledger(ledgers, out)
    fresh: list[Page | StoredPage] = [pages[0], Page("flood.html", b"<p>The river crested overnight.</p>")]
    assert write_site(fresh, out, ledgers=ledgers).written == 1
    _age_ledger(ledgers, out)
    _drop_blobs(cache)
    stats = write_site(fresh, out, ledgers=ledgers)  # the fresh page's sha was recorded: no compare needed
    assert (stats.written, stats.linked) == (0, 2)


def test_a_ledger_of_another_output_is_ignored(tmp_path: Path) -> None:
    cache, out, ledgers, pages = _setup(tmp_path)
    write_site(pages, out, ledgers=ledgers)
    other = tmp_path / "other"
    Ledger(ledgers, other.resolve()).path.write_bytes(Ledger(ledgers, out.resolve()).path.read_bytes())
    shutil.copytree(out, other)
    _drop_blobs(cache)
    with pytest.raises(BuildError, match="cache changed"):
        write_site(pages, other, ledgers=ledgers)


def test_paths_are_written_in_their_canonical_form(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([Page("court/./ruling.html", RULING), Page("flood.html", FLOOD)], out)
    assert (out / "court" / "ruling.html").read_bytes() == RULING
    with pytest.raises(ValueError, match="same path"):
        write_site([Page("court/ruling.html", RULING), Page("court/./ruling.html", FLOOD)], out)
