"""Publish targets named by scheme: `git:REMOTE[#BRANCH]`, `dir:PATH`, `s3://BUCKET[/PREFIX]`."""

from __future__ import annotations

from dataclasses import dataclass

SCHEMES = ("git", "dir", "s3")
DEFAULT_BRANCH = "gh-pages"


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target. `location` is the remote, the folder or the bucket."""

    scheme: str
    location: str
    branch: str = ""  # git only
    prefix: str = ""  # s3 only: key prefix without slashes at either end

    def __str__(self) -> str:
        if self.scheme == "git":
            return f"git:{self.location}#{self.branch}"
        if self.scheme == "s3":
            return f"s3://{self.location}/{self.prefix}".rstrip("/")
        return f"{self.scheme}:{self.location}"


def parse_target(spec: str) -> Target:
    """Parse a target string; raises ValueError with a message naming the expected forms."""
    if spec.startswith("s3://"):
        bucket, _, prefix = spec[len("s3://") :].partition("/")
        if not bucket:
            raise ValueError(f"'{spec}': no bucket; expected s3://BUCKET[/PREFIX]")
        return Target("s3", bucket, prefix=prefix.strip("/"))
    if spec.startswith("git:"):
        remote, sep, branch = spec[len("git:") :].rpartition("#")
        if not sep:
            remote = branch
        branch = branch if sep and branch else DEFAULT_BRANCH
        if not remote:
            raise ValueError(f"'{spec}': no remote; expected git:REMOTE[#BRANCH]")
        if branch.startswith("-") or ".." in branch or " " in branch:
            raise ValueError(f"'{spec}': '{branch}' is not a valid branch name")
        return Target("git", remote, branch=branch)
    if spec.startswith("dir:"):
        if not spec[4:]:
            raise ValueError(f"'{spec}': no folder; expected dir:PATH")
        return Target("dir", spec[4:])
    raise ValueError(f"'{spec}': unknown target; expected git:REMOTE[#BRANCH], dir:PATH or s3://BUCKET[/PREFIX]")
