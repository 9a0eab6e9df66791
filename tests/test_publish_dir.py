"""dir: targets: mirrored with deletions, written assets first, refusing unsafe folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.config import PublishSettings
from briefgen.publish import dir as dir_publisher
from briefgen.publish.base import PublishError, write_order
from briefgen.publish.run import make_publisher


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_mirror_copies_changes_and_deletes_what_left(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site", {"index.html": "1", "a/index.html": "a", "a/sources/x.html": "x", "s.css": "c"}
    )
    dest = tmp_path / "www"
    pub = make_publisher(PublishSettings(target="dir:www"), tmp_path)  # relative to the base
    assert len(pub.publish(site, dry_run=False, message="").plan.added) == 4
    assert tree(dest) == tree(site)
    untouched = (dest / "s.css").stat().st_mtime_ns

    (site / "a" / "sources" / "x.html").unlink()
    (site / "a" / "sources").rmdir()
    write_files(site, {"a/index.html": "a2", "b/index.html": "b"})
    os.utime(dest / "s.css", ns=(untouched, untouched))
    dry = pub.publish(site, dry_run=True, message="")
    assert dry.plan.lines() == ["+ b/index.html", "~ a/index.html", "- a/sources/x.html"]
    assert (dest / "a" / "sources" / "x.html").exists()
    pub.publish(site, dry_run=False, message="")
    assert tree(dest) == tree(site)
    assert not (dest / "a" / "sources").exists()  # emptied folders go too
    assert (dest / "s.css").stat().st_mtime_ns == untouched  # unchanged files are not rewritten
    assert pub.publish(site, dry_run=False, message="").plan.empty


def test_new_files_are_in_place_before_anything_is_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_files(tmp_path / "site", {"index.html": "1", "old.html": "o"})
    dest = tmp_path / "www"
    pub = make_publisher(PublishSettings(target=f"dir:{dest}"), tmp_path)
    pub.publish(site, dry_run=False, message="")
    (site / "old.html").unlink()
    write_files(site, {"index.html": "2", "style.css": "s"})
    seen: list[dict[str, str]] = []
    real_replace = dir_publisher._replace

    def spy(source: Path, target_dir: Path, rel: str) -> None:
        real_replace(source, target_dir, rel)
        seen.append(tree(dest))

    monkeypatch.setattr(dir_publisher, "_replace", spy)
    pub.publish(site, dry_run=False, message="")
    assert seen[0] == {"index.html": "1", "old.html": "o", "style.css": "s"}  # asset first, old page still there
    assert seen[1] == {"index.html": "2", "old.html": "o", "style.css": "s"}  # pages next, deletion last
    assert tree(dest) == tree(site)
    assert not [p for p in dest.rglob(".*") if p.is_file()]  # no temporary files left


def test_file_and_folder_swapping_places(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"index.html": "1", "a": "file", "b/x.html": "x"})
    dest = tmp_path / "www"
    pub = make_publisher(PublishSettings(target=f"dir:{dest}"), tmp_path)
    pub.publish(site, dry_run=False, message="")
    (site / "a").unlink()
    (site / "b" / "x.html").unlink()
    (site / "b").rmdir()
    write_files(site, {"a/y.html": "y", "b": "file"})
    pub.publish(site, dry_run=False, message="")
    assert tree(dest) == tree(site)


@pytest.mark.parametrize("where", ["site", "site/sub", "."])
def test_refuses_a_target_overlapping_the_site(tmp_path: Path, where: str) -> None:
    site = write_files(tmp_path / "site", {"index.html": "1"})
    with pytest.raises(PublishError, match="overlaps"):
        make_publisher(PublishSettings(target=f"dir:{where}"), tmp_path).publish(site, dry_run=False, message="")


def test_refuses_to_mirror_over_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"index.html": "1"})
    home = write_files(tmp_path / "home", {"thesis.tex": "precious"})
    with pytest.raises(PublishError, match=r"holds no index\.html"):
        make_publisher(PublishSettings(target=f"dir:{home}"), tmp_path).publish(site, dry_run=False, message="")
    assert tree(home) == {"thesis.tex": "precious"}


def test_first_publish_appears_whole_and_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_files(tmp_path / "site", {"index.html": "1", "a/b/c.html": "c"})
    dest = tmp_path / "srv" / "www"
    seen_before_rename: list[bool] = []
    real_rename = Path.rename

    def spy(self: Path, target: Path) -> Path:
        seen_before_rename.append(Path(target).exists())
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", spy)
    make_publisher(PublishSettings(target=f"dir:{dest}"), tmp_path).publish(site, dry_run=False, message="")
    assert seen_before_rename == [False]  # nothing was visible at the target until it was complete
    assert tree(dest) == tree(site)
    assert dest.stat().st_mode & 0o055 == 0o055  # group and others may read and enter it
    assert [p.name for p in dest.parent.iterdir()] == ["www"]  # no temporary folder left


def test_write_order_puts_what_is_referred_to_first() -> None:
    paths = [
        "index.html",
        "a/index.html",
        "a/sources/x.html",
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind.en_1.pf_meta",
        "pagefind/fragment/f.pf_fragment",
        "style.css",
    ]
    assert write_order(paths) == [
        "pagefind/fragment/f.pf_fragment",
        "pagefind/pagefind.en_1.pf_meta",
        "style.css",
        "pagefind/pagefind-entry.json",  # names the meta file by hash
        "a/sources/x.html",
        "a/index.html",
        "index.html",
    ]
