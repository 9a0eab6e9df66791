"""`git:REMOTE[#BRANCH]`: commit the site as the whole tree of BRANCH and push it.

Works in a throwaway bare repository with git plumbing (hash-object, update-index with a
private index, write-tree, commit-tree), so the user's working tree and index are never
touched. The branch's last commit is fetched and becomes the parent: history is kept, one
commit per publish, and a tree equal to the parent's makes no commit. The push is never
forced, so a branch that moved meanwhile is rejected rather than overwritten.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from briefgen.models import Problem
from briefgen.publish.base import Plan, Publisher, PublishError, PublishResult, site_files

_ISOLATE = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_NAMESPACE")
_SCP_LIKE = re.compile(r"^[^/:]+:")  # user@host:path or host:path


class _Git:
    """Runs git against one repository with an environment free of the caller's repository."""

    def __init__(self, git_dir: Path, where: str) -> None:
        self.env = {k: v for k, v in os.environ.items() if k not in _ISOLATE}
        self.git_dir = git_dir
        self.where = where

    def __call__(self, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> str:
        cmd = ["git", f"--git-dir={self.git_dir}", "-c", "core.autocrlf=false", *args]
        try:
            done = subprocess.run(cmd, input=input, capture_output=True, env={**self.env, **(env or {})}, check=True)
        except FileNotFoundError as err:
            raise PublishError([Problem(self.where, "git is not installed")]) from err
        except subprocess.CalledProcessError as err:
            stderr = err.stderr.decode(errors="replace").strip()
            raise PublishError([Problem(self.where, f"git {args[0]} failed: {stderr}")]) from err
        return done.stdout.decode()


class GitPublisher(Publisher):
    def publish(self, site: Path, *, dry_run: bool, message: str) -> PublishResult:
        where = str(self.target)
        remote = resolve_remote(self.target.location, self.base, where)
        ref = f"refs/heads/{self.target.branch}"
        with tempfile.TemporaryDirectory(prefix="briefgen-publish-") as tmp:
            git = _Git(Path(tmp) / "repo.git", where)
            git("init", "--quiet", "--bare")
            parent = None
            if git("ls-remote", remote, ref).strip():
                git("fetch", "--quiet", "--depth=1", remote, ref)
                parent = git("rev-parse", "FETCH_HEAD^{commit}").strip()
            tree = self._write_tree(git, site.resolve(), Path(tmp) / "index")
            plan = _plan(git, git("rev-parse", f"{parent}^{{tree}}").strip() if parent else None, tree)
            if plan.empty or dry_run:
                return PublishResult(where, plan, dry_run, f"{remote}#{self.target.branch}, no commit")
            parents = ["-p", parent] if parent else []
            commit = git("commit-tree", tree, *parents, "-m", message, env=_identity(git)).strip()
            git("push", "--quiet", remote, f"{commit}:{ref}")
        return PublishResult(where, plan, dry_run, f"{remote}#{self.target.branch}, pushed commit {commit[:12]}")

    def _write_tree(self, git: _Git, site: Path, index: Path) -> str:
        files = site_files(site)
        if any("\n" in rel for rel in files):
            raise PublishError([Problem(str(self.target), "a file name in the site contains a newline")])
        paths = "".join(f"{path}\n" for path in files.values()).encode()
        shas = git("hash-object", "-w", "--no-filters", "--stdin-paths", input=paths).split() if files else []
        entries = dict(zip(files, shas, strict=True))
        extra = {".nojekyll": b""} if self.settings.nojekyll else {}
        if self.settings.cname:
            extra["CNAME"] = f"{self.settings.cname}\n".encode()
        for name, content in extra.items():
            entries[name] = git("hash-object", "-w", "--no-filters", "--stdin", input=content).strip()
        info = "".join(f"100644 {sha}\t{rel}\0" for rel, sha in sorted(entries.items())).encode()
        env = {"GIT_INDEX_FILE": str(index)}
        git("update-index", "--add", "-z", "--index-info", input=info, env=env)
        return git("write-tree", env=env).strip()


def _plan(git: _Git, old_tree: str | None, new_tree: str) -> Plan:
    if old_tree is None:
        return Plan(added=tuple(git("ls-tree", "-r", "--name-only", "-z", new_tree).split("\0")[:-1]))
    if old_tree == new_tree:
        return Plan()
    fields = git("diff-tree", "-r", "--no-renames", "--name-status", "-z", old_tree, new_tree).split("\0")[:-1]
    by_status: dict[str, list[str]] = {"A": [], "M": [], "D": []}
    for status, path in zip(fields[::2], fields[1::2], strict=True):
        by_status.setdefault(status[0], []).append(path)
    return Plan(tuple(by_status["A"]), tuple(by_status["M"] + by_status.get("T", [])), tuple(by_status["D"]))


def _identity(git: _Git) -> dict[str, str]:
    """Keep the user's git identity; fall back to a neutral one where none is configured."""
    try:
        git("var", "GIT_COMMITTER_IDENT")
        git("var", "GIT_AUTHOR_IDENT")
    except PublishError:
        return {
            "GIT_AUTHOR_NAME": "briefgen",
            "GIT_AUTHOR_EMAIL": "briefgen@localhost",
            "GIT_COMMITTER_NAME": "briefgen",
            "GIT_COMMITTER_EMAIL": "briefgen@localhost",
        }
    return {}


def resolve_remote(location: str, base: Path, where: str) -> str:
    """A URL or scp-like address as is; a path against `base`; else a remote name of the repo at `base`."""
    if "://" in location or _SCP_LIKE.match(location):
        return location
    path = base / Path(location).expanduser()
    if path.exists():
        return str(path.resolve())
    try:
        done = subprocess.run(
            ["git", "-C", str(base), "remote", "get-url", location], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError) as err:
        msg = f"'{location}' is not a URL, an existing path or a remote of a git repository at {base}"
        raise PublishError([Problem(where, msg)]) from err
    return done.stdout.strip()
