"""The stamp's file hashes are remembered by stat: an unchanged file is not read again, an edited or racy
one is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.statmemo import StatMemo
from briefgen.uptodate import inputs_digest


def _content(tmp_path: Path) -> tuple[list[str], Path]:
    (tmp_path / "flood").mkdir(parents=True)
    article = tmp_path / "flood" / "01.md"
    article.write_text("The river crested at nine metres overnight.\n")
    (tmp_path / "flood" / "02.md").write_text("Schools in the valley stay closed until Monday.\n")
    return [str(tmp_path / "flood")], article


def _age(memo: Path, seconds: int = 5) -> None:
    """Make the memo later than every file it records, as it is once the clock has ticked."""
    later = memo.stat().st_mtime_ns + seconds * 10**9
    os.utime(memo, ns=(later, later))


def test_the_memo_gives_the_same_digest_and_reads_nothing_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots, _ = _content(tmp_path / "content")
    memo = tmp_path / "stamps" / "files.json"
    plain = inputs_digest(roots, [])
    assert inputs_digest(roots, [], StatMemo(memo)) == plain
    _age(memo)
    reads: list[Path] = []
    original = Path.read_bytes

    def reading(self: Path) -> bytes:
        reads.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", reading)
    assert inputs_digest(roots, [], StatMemo(memo)) == plain
    assert [p for p in reads if p != memo] == []


def test_an_edit_is_seen_through_the_memo(tmp_path: Path) -> None:
    roots, article = _content(tmp_path / "content")
    memo = tmp_path / "stamps" / "files.json"
    first = inputs_digest(roots, [], StatMemo(memo))
    _age(memo)
    article.write_text(article.read_text() + "A levee gave way north of the town.\n")
    assert inputs_digest(roots, [], StatMemo(memo)) == inputs_digest(roots, []) != first


def test_a_racy_edit_with_the_same_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    roots, article = _content(tmp_path / "content")
    memo = tmp_path / "stamps" / "files.json"
    first = inputs_digest(roots, [], StatMemo(memo))
    recorded = article.stat().st_mtime_ns
    with open(article, "r+b") as f:  # in place: same inode, same size
        f.write(b"THE")
    os.utime(article, ns=(recorded, recorded))
    os.utime(memo, ns=(recorded, recorded))  # the file was hashed in the memo's own clock tick
    assert inputs_digest(roots, [], StatMemo(memo)) != first
