"""`dir:PATH`: mirror the site into a folder another server serves, complete at every moment.

New and changed files are written beside their final name and renamed into place (assets
before pages), and only then are files that left the site deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from briefgen.models import Problem
from briefgen.publish.base import Publisher, PublishError, PublishResult, diff, digest, site_files


class DirPublisher(Publisher):
    def publish(self, site: Path, *, dry_run: bool, message: str) -> PublishResult:
        dest = (self.base / Path(self.target.location).expanduser()).resolve()
        site = site.resolve()
        self._refuse_unsafe(site, dest)
        local = site_files(site)
        remote = site_files(dest) if dest.is_dir() else {}
        plan = diff({p: digest(f) for p, f in local.items()}, {p: digest(f) for p, f in remote.items()})
        if not dry_run and not dest.exists():
            _first_copy(local, dest)
        elif not dry_run:
            for rel in plan.added + plan.changed:
                _replace(local[rel], dest, rel)
            for rel in plan.deleted:
                if (dest / rel).is_file() or (dest / rel).is_symlink():
                    (dest / rel).unlink()
            _prune_empty_dirs(dest, plan.deleted)
        return PublishResult(str(self.target), plan, dry_run, str(dest))

    def _refuse_unsafe(self, site: Path, dest: Path) -> None:
        where = str(self.target)
        if dest == site or dest in site.parents or site in dest.parents:
            raise PublishError([Problem(where, f"the target folder {dest} overlaps the built site {site}")])
        if dest.exists() and not dest.is_dir():
            raise PublishError([Problem(where, f"{dest} exists and is not a folder")])
        if dest.is_dir() and any(dest.iterdir()) and not (dest / "index.html").is_file():
            raise PublishError(
                [Problem(where, f"{dest} is not empty and holds no index.html: refusing to mirror over it")]
            )


def _first_copy(local: dict[str, Path], dest: Path) -> None:
    """Copy the whole site beside `dest`, then rename it into place: it appears complete."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        for rel, source in local.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, tmp / rel)
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _replace(source: Path, dest: Path, rel: str) -> None:
    """Copy `source` to `dest/rel` atomically: a temporary file in the same folder, then rename."""
    target = dest / rel
    node = dest
    for part in PurePosixPath(rel).parts[:-1]:
        node = node / part
        if node.is_file() or node.is_symlink():
            node.unlink()  # a file where the site now has a folder
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)  # a folder where the site now has a file
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty_dirs(dest: Path, deleted: tuple[str, ...]) -> None:
    """Remove the folders that deleting files left empty."""
    folders = {dest / parent for rel in deleted for parent in PurePosixPath(rel).parents if parent.parts}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()
