"""Load's memo: an unchanged article is not hashed again, an edited or racy one is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import briefgen.load
from briefgen.load import load_content
from briefgen.models import EventSource, Problem


def _content(root: Path) -> Path:
    (root / "rate-decision").mkdir(parents=True)
    (root / "rate-decision" / "01.md").write_text("The central bank held its main rate at four percent.\n")
    article = root / "rate-decision" / "02.md"
    article.write_text("Markets had expected a cut of a quarter point.\n")
    return article


def _load(root: Path, memo: Path | None) -> list[EventSource]:
    problems: list[Problem] = []
    return load_content(root, problems, memo)


def _age(memo: Path, seconds: int = 5) -> None:
    """Make the memo later than every file it records, as it is once the clock has ticked."""
    later = memo.stat().st_mtime_ns + seconds * 10**9
    os.utime(memo, ns=(later, later))


def test_the_memo_loads_the_same_and_hashes_nothing_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, memo = tmp_path / "content", tmp_path / "memo.json"
    _content(root)
    plain = _load(root, None)
    assert _load(root, memo) == plain
    _age(memo)
    keyed: list[str] = []
    original = briefgen.load._body_key

    def counting(text: str, rel: str) -> str:
        keyed.append(rel)
        return original(text, rel)

    monkeypatch.setattr(briefgen.load, "_body_key", counting)
    assert _load(root, memo) == plain
    assert keyed == []


def test_an_edit_is_seen_through_the_memo(tmp_path: Path) -> None:
    root, memo = tmp_path / "content", tmp_path / "memo.json"
    article = _content(root)
    first = _load(root, memo)
    _age(memo)
    article.write_text("Markets had expected the bank to hold.\n")
    assert _load(root, memo) == _load(root, None) != first


def test_a_racy_edit_with_the_same_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    root, memo = tmp_path / "content", tmp_path / "memo.json"
    article = _content(root)
    first = _load(root, memo)
    recorded = article.stat().st_mtime_ns
    with open(article, "r+b") as f:  # in place: same inode, same size
        f.write(b"Traders")
    os.utime(article, ns=(recorded, recorded))
    os.utime(memo, ns=(recorded, recorded))  # the file was read in the memo's own clock tick
    again = _load(root, memo)
    assert again == _load(root, None)
    assert again[0].files[1].sha256 != first[0].files[1].sha256
