"""Atomic output: the swap, the reuse of unchanged files, recovery after killed builds, and SIGKILL at many points."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen import write
from briefgen.errors import BuildError
from briefgen.models import Page
from briefgen.write import write_site

ROOT = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_unchanged_files_are_hard_linked_changed_ones_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = write_site([Page("same.html", b"same"), Page("ev/changed.html", b"v1"), Page("gone.html", b"x")], out)
    assert (first.written, first.linked) == (3, 0)
    inode = (out / "same.html").stat().st_ino
    changed = (out / "ev" / "changed.html").stat().st_ino
    second = write_site([Page("same.html", b"same"), Page("ev/changed.html", b"v2")], out)
    assert (second.written, second.linked) == (1, 1)
    assert (out / "same.html").stat().st_ino == inode
    assert (out / "ev" / "changed.html").stat().st_ino != changed
    assert tree(out) == {"same.html": b"same", "ev/changed.html": b"v2"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    third = write_site([Page("same.html", b"same")], out, reuse=False)
    assert (third.written, third.linked) == (1, 0)


def test_site_folder_gets_normal_permissions(tmp_path: Path) -> None:
    write_site([Page("a.html", b"a")], tmp_path / "site")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o777 & ~umask


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("from a")
    (tmp_path / "b").mkdir()
    assert write._exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b" / "x").read_text() == "from a" and not any((tmp_path / "a").iterdir())


def test_two_rename_fallback_and_recovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    write_site([Page("a.html", b"1")], out)
    write_site([Page("a.html", b"2"), Page("b/c.html", b"3")], out)
    assert tree(out) == {"a.html": b"2", "b/c.html": b"3"}
    os.rename(out, tmp_path / ".site.old-dead")  # killed between the two renames
    (tmp_path / ".site.new-dead").mkdir()  # and a half-written staging folder
    (tmp_path / ".site.new-dead" / "half.html").write_bytes(b"half")
    stats = write_site([Page("a.html", b"2"), Page("d.html", b"4")], out)
    assert tree(out) == {"a.html": b"2", "d.html": b"4"}
    assert stats.linked == 1  # the restored previous site was reused
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("path", ["../evil.html", "/abs.html", "a/../../b.html", "", "..", "a\\b.html"])
def test_pages_cannot_escape_the_output(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match="unsafe page path"):
        write_site([Page(path, b"x")], tmp_path / "site")
    assert not (tmp_path / "evil.html").exists() and not (tmp_path / "site").exists()


def test_duplicate_page_paths_fail(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="same path"):
        write_site([Page("a.html", b"1"), Page("a.html", b"2")], tmp_path / "site")


def test_output_that_is_a_file_is_refused_and_kept(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("mine")
    with pytest.raises(BuildError, match="the output must be a folder"):
        write_site([Page("a.html", b"1")], tmp_path / "site")
    assert (tmp_path / "site").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


WRITER = """
import sys, time
from pathlib import Path
from briefgen.models import Page
from briefgen.write import write_site
n, size = int(sys.argv[2]), int(sys.argv[3])
pages = [Page(f"ev{i % 40}/p{i}.html", (f"new {i} ".encode() * size)[:size]) for i in range(n)]
print("ready", flush=True)
start = time.perf_counter()
write_site(pages, Path(sys.argv[1]))
print(f"done {time.perf_counter() - start:.4f}", flush=True)
"""


def _writer(out: Path, n: int, size: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(out), str(n), str(size)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.slow
def test_sigkill_at_many_points_leaves_old_or_new_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    old_pages = [Page(f"ev{i % 40}/p{i}.html", f"old {i}".encode()) for i in range(0, 3000, 7)]
    old_pages.append(Page("stale-only-in-old.html", b"stale"))
    write_site(old_pages, out)
    old = tree(out)
    n, size = 3000, 2048
    proc = _writer(out, n, size)
    stdout, _ = proc.communicate(timeout=300)
    duration = float(stdout.split()[-1])
    new = tree(out)
    assert len(new) == n and "stale-only-in-old.html" not in new
    write_site(old_pages, out)  # back to the old site
    outcomes, midway = [], 0
    for fraction in (0.0, 0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0, 1.2):
        proc = _writer(out, n, size)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = tree(out)
        assert now in (old, new), f"killed at {fraction:.0%} of the write: the site is neither old nor new"
        outcomes.append("new" if now == new else "old")
        leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "site")
        midway += bool(leftovers)  # a half-written staging folder: the kill landed inside write_site
        write_site(old_pages, out)  # the next build cleans up and restores the old site for the next round
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], leftovers
        assert tree(out) == old
    assert "old" in outcomes and midway, (outcomes, midway)  # kills landed mid-write; the old site survived


@pytest.mark.slow
def test_sigkill_during_a_real_build_keeps_the_old_site(tmp_path: Path) -> None:
    fixture = ROOT / "tests" / "fixtures" / "site"
    config = tmp_path / "briefgen.yaml"
    config.write_text((fixture / "briefgen.yaml").read_text())
    (tmp_path / "content").symlink_to(fixture / "content", target_is_directory=True)
    cmd = [sys.executable, "-m", "briefgen", "build", "--config", str(config), "--no-cache"]
    subprocess.run([*cmd, "--output", str(tmp_path / "ref")], cwd=tmp_path, check=True, capture_output=True)
    complete = tree(tmp_path / "ref")
    old_pages = [Page("index.html", b"the old site"), Page("ev/old.html", b"old page")]
    old = tmp_path / "site"
    write_site(old_pages, old)
    before = tree(old)
    for delay in (0.5, 1.0, 2.0, 4.0):
        proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        # the kill may land after the swap: then the new site must be whole, never a mix
        assert tree(old) in (before, complete), f"killed after {delay}s"
        write_site(old_pages, old)


def test_os_errors_become_one_located_problem(tmp_path: Path) -> None:
    write_site([Page("a.html", b"old")], tmp_path / "site")
    with pytest.raises(BuildError) as caught:
        write_site([Page("a.html", b"x"), Page("a.html/b.html", b"y")], tmp_path / "site")
    assert "cannot write the site" in str(caught.value)
    assert tree(tmp_path / "site") == {"a.html": b"old"}
