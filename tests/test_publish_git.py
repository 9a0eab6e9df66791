"""git: targets against real bare repositories: one commit per publish, exact trees, no empty commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.config import PublishSettings
from briefgen.publish.base import PublishError
from briefgen.publish.run import make_publisher
from tests.tiny_site import change_one_article, write_tiny_site


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def bare_repo(path: Path) -> Path:
    git("init", "--quiet", "--bare", str(path), cwd=path.parent)
    return path


def branch_tree(repo: Path, branch: str = "gh-pages") -> dict[str, str]:
    """Path -> blob id of every file on the branch."""
    lines = git("ls-tree", "-r", branch, cwd=repo).splitlines()
    return {line.split("\t", 1)[1]: line.split()[2] for line in lines}


def folder_tree(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): git("hash-object", str(p), cwd=folder).strip() for p in files}


def commits(repo: Path, branch: str = "gh-pages") -> list[str]:
    return git("rev-list", branch, cwd=repo).split()


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


def publisher(target: str, base: Path, **options: object):  # type: ignore[no-untyped-def]
    return make_publisher(PublishSettings(target=target, **options), base)


def test_publishes_whole_tree_keeps_history_and_skips_empty_commits(tmp_path: Path) -> None:
    remote = bare_repo(tmp_path / "remote.git")
    site = write_files(tmp_path / "site", {"index.html": "<p>one</p>", "a/index.html": "<p>a</p>", "old.css": "x"})
    pub = publisher(f"git:{remote}", tmp_path, cname="briefs.example.org")
    first = pub.publish(site, dry_run=False, message="first")
    assert sorted(first.plan.added) == [".nojekyll", "CNAME", "a/index.html", "index.html", "old.css"]

    (site / "old.css").unlink()
    write_files(site, {"a/index.html": "<p>a, changed</p>", "b/new.html": "<p>b</p>"})
    second = pub.publish(site, dry_run=False, message="second")
    assert (second.plan.added, second.plan.changed, second.plan.deleted) == (
        ("b/new.html",),
        ("a/index.html",),
        ("old.css",),
    )
    assert len(commits(remote)) == 2
    expected = folder_tree(site) | {".nojekyll": git("hash-object", "/dev/null", cwd=tmp_path).strip()}
    got = branch_tree(remote)
    assert got.pop("CNAME") and got == expected
    assert git("show", "gh-pages:CNAME", cwd=remote) == "briefs.example.org\n"
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=remote).strip() == "second"

    third = pub.publish(site, dry_run=False, message="third")
    assert third.plan.empty and len(commits(remote)) == 2


def test_dry_run_lists_changes_and_commits_nothing(tmp_path: Path) -> None:
    remote = bare_repo(tmp_path / "remote.git")
    site = write_files(tmp_path / "site", {"index.html": "<p>one</p>"})
    pub = publisher(f"git:{remote}#pages", tmp_path, nojekyll=False)
    pub.publish(site, dry_run=False, message="first")
    write_files(site, {"index.html": "<p>two</p>", "x.html": "<p>x</p>"})
    result = pub.publish(site, dry_run=True, message="unused")
    assert result.plan.lines() == ["+ x.html", "~ index.html"]
    assert len(commits(remote, "pages")) == 1
    assert set(branch_tree(remote, "pages")) == {"index.html"}


def test_remote_name_resolves_and_users_working_tree_is_untouched(tmp_path: Path) -> None:
    remote = bare_repo(tmp_path / "remote.git")
    user = tmp_path / "project"
    user.mkdir()
    git("init", "--quiet", cwd=user)
    git("remote", "add", "origin", str(remote), cwd=user)
    write_files(user, {"notes.txt": "work in progress\n"})
    git("add", "notes.txt", cwd=user)
    site = write_files(user / "site", {"index.html": "<p>one</p>"})
    before = git("status", "--porcelain", "--untracked-files=all", cwd=user)
    publisher("git:origin", user).publish(site, dry_run=False, message="publish")
    assert git("status", "--porcelain", "--untracked-files=all", cwd=user) == before
    assert git("branch", "--list", cwd=user) == ""  # no gh-pages branch appeared in the user's repo
    assert set(branch_tree(remote)) == {"index.html", ".nojekyll"}


def test_unknown_remote_is_a_clear_error(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"index.html": "x"})
    with pytest.raises(PublishError, match="not a URL, an existing path or a remote"):
        publisher("git:nowhere", tmp_path).publish(site, dry_run=False, message="m")


def test_cli_publish_twice_with_one_article_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remote = bare_repo(tmp_path / "remote.git")
    config = write_tiny_site(tmp_path / "proj", extra_config=f"publish:\n  pages:\n    target: git:{remote}\n")
    args = ["publish", "pages", "--config", str(config)]
    assert main([*args, "--message", "first"]) == 0
    change_one_article(tmp_path / "proj")
    assert main(["publish", f"git:{remote}", "--config", str(config), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "~ tram-fares/sources/01-herald.html" in out and len(commits(remote)) == 1
    assert main(args) == 0
    assert len(commits(remote)) == 2
    site = tmp_path / "proj" / "site"
    assert branch_tree(remote) == folder_tree(site) | {
        ".nojekyll": git("hash-object", "/dev/null", cwd=tmp_path).strip()
    }
    assert main(args) == 0
    assert len(commits(remote)) == 2
    assert "no change" in capsys.readouterr().out


def test_failed_build_publishes_nothing(tmp_path: Path) -> None:
    remote = bare_repo(tmp_path / "remote.git")
    config = write_tiny_site(tmp_path / "proj")
    (tmp_path / "proj" / "content" / "tram-fares" / "02-bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    assert main(["publish", f"git:{remote}", "--config", str(config), "--strict"]) == 1
    assert git("branch", "--list", cwd=remote) == ""
