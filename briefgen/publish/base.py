"""The publisher interface and what every publisher shares: listing, hashing and ordering files."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefgen.config import PublishSettings
from briefgen.errors import BriefgenError
from briefgen.models import Problem
from briefgen.publish.target import Target


class PublishError(BriefgenError):
    """Publishing was refused or failed; the target is left as it was or complete."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What a publish changes at the target, as site-relative paths."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted)

    def summary(self) -> str:
        if self.empty:
            return "no change"
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.deleted)} deleted"

    def lines(self) -> list[str]:
        """One line per change, `+ added`, `~ changed`, `- deleted`."""
        return [f"+ {p}" for p in self.added] + [f"~ {p}" for p in self.changed] + [f"- {p}" for p in self.deleted]


@dataclass(frozen=True, slots=True)
class PublishResult:
    target: str
    plan: Plan
    dry_run: bool
    detail: str  # where it went and what was done, e.g. the commit pushed
    problems: tuple[Problem, ...] = ()  # the build's warnings


class Publisher(ABC):
    """Sends a built site folder to one target. `dry_run` computes the plan and changes nothing."""

    def __init__(self, target: Target, settings: PublishSettings, base: Path) -> None:
        self.target = target
        self.settings = settings
        self.base = base  # relative target paths are resolved against it

    @abstractmethod
    def publish(self, site: Path, *, dry_run: bool, message: str) -> PublishResult: ...


def site_files(site: Path) -> dict[str, Path]:
    """Site-relative POSIX path -> file, for every file under `site`."""
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def digest(path: Path, algorithm: str = "sha256") -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, algorithm).hexdigest()


ENTRY_POINTS = ("pagefind-entry.json",)  # files that name others by hash: written after what they name


def write_order(paths: list[str] | tuple[str, ...]) -> list[str]:
    """Assets, then index entry points, then pages (deepest first), the home page last.

    So nothing goes live before what it refers to: a reader never follows a link to a missing file.
    """

    def key(path: str) -> tuple[int, int, str]:
        pure = PurePosixPath(path)
        if path == "index.html":
            return (3, 0, path)
        if pure.suffix == ".html":
            return (2, -len(pure.parts), path)
        return (int(pure.name in ENTRY_POINTS), 0, path)

    return sorted(paths, key=key)


def diff(local: dict[str, str], remote: dict[str, str]) -> Plan:
    """Plan from two maps of path -> content hash."""
    return Plan(
        added=tuple(write_order([p for p in local if p not in remote])),
        changed=tuple(write_order([p for p in local if p in remote and remote[p] != local[p]])),
        deleted=tuple(sorted(p for p in remote if p not in local)),
    )
