"""Is the output already what this build would write? Answered before anything heavy is imported.

After each successful `briefgen build` the CLI records a stamp in the cache dir, one per set of flags: a
hash of every input (the config file, the content tree, the site's themes/, briefgen's own package, the
spaCy model's meta, the installed metadata of spaCy and of the libraries that render pages), the output
dir's listing (size, mtime, inode of each file) and what the build reported. The next build with the
same flags hashes the same inputs and lists the output again; when both match it replays the report and
stops, without importing the config, Jinja or spaCy. Anything else (a changed byte, a touched output
file, another flag) falls through to the full build, which has its own per-event cache. Only the
standard library is imported here.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.config import Config

STAMP_VERSION = 1
_SKIP_DIRS = frozenset({"__pycache__", ".git"})

Listing = tuple[tuple[str, int, int, int], ...]


def scan_output(output: Path) -> Listing:
    """Every file under the output dir with size, mtime and inode: any change by anyone shows."""
    found: list[tuple[str, int, int, int]] = []
    stack = [str(output)]
    prefix = len(str(output)) + 1
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                st = entry.stat(follow_symlinks=False)
                found.append((entry.path[prefix:].replace(os.sep, "/"), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(sorted(found))


def inputs_digest(roots: list[str], skip: list[str]) -> str:
    """sha256 over the names and bytes of every file under `roots` (files or folders), minus `skip` folders."""
    h = hashlib.sha256()
    skipped = {os.path.normpath(s) for s in skip}
    for root in roots:
        h.update(f"\0root\0{root}\0".encode())
        if os.path.isfile(root):
            h.update(Path(root).read_bytes())
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and os.path.join(folder, d) not in skipped)
            for name in sorted(files):
                path = os.path.join(folder, name)
                h.update(f"\0file\0{os.path.relpath(path, root)}\0".encode())
                try:
                    h.update(Path(path).read_bytes())
                except OSError:
                    h.update(b"\0unreadable\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Report:
    """What a successful build printed: its problems (one line each) and the counts of its summary."""

    problems: tuple[str, ...]
    events: int
    articles: int
    warnings: int
    errors: int


@dataclass(frozen=True)
class Stamp:
    """One flag set's last successful build: the inputs it read and the output it left."""

    roots: tuple[str, ...]
    skip: tuple[str, ...]
    inputs: str
    output: str
    listing: Listing
    report: Report


class Stamps:
    """The stamp file of one set of build flags, in the cache dir."""

    def __init__(self, cache_dir: Path, flags: dict[str, object]) -> None:
        key = hashlib.sha256(json.dumps([STAMP_VERSION, flags], sort_keys=True, default=str).encode()).hexdigest()
        self.path = cache_dir / "stamps" / f"{key[:32]}.json"

    def check(self) -> Stamp | None:
        """The last build's stamp if the inputs and the output are exactly as that build left them."""
        stamp = self._read()
        if stamp is None:
            return None
        if inputs_digest(list(stamp.roots), list(stamp.skip)) != stamp.inputs:
            return None
        return stamp if scan_output(Path(stamp.output)) == stamp.listing else None

    def record(self, roots: list[str], skip: list[str], inputs: str, output: Path, report: Report) -> None:
        """Stamp a build that succeeded; `inputs` is the digest taken before it started, so that a file
        changed while it ran makes the next build run again."""
        stamp = Stamp(tuple(roots), tuple(skip), inputs, str(output), scan_output(output), report)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(json.dumps(asdict(stamp)).encode())
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)  # a read-only cache only costs the next build its shortcut

    def _read(self) -> Stamp | None:
        try:
            raw = json.loads(self.path.read_bytes())
            report = Report(**{**raw["report"], "problems": tuple(raw["report"]["problems"])})
            listing = tuple((str(p), int(s), int(m), int(i)) for p, s, m, i in raw["listing"])
            return Stamp(tuple(raw["roots"]), tuple(raw["skip"]), raw["inputs"], raw["output"], listing, report)
        except (OSError, ValueError, KeyError, TypeError):
            return None


def input_roots(config: Config, config_file: Path, cache_dir: Path) -> tuple[list[str], list[str]]:
    """What a build reads, as files and folders to hash, and the folders among them to leave out."""
    from briefgen.cache import PACKAGE, RENDERING_LIBRARIES, metadata_files, model_folder

    roots = [config_file.resolve(), config.content_path, config.root / "themes", PACKAGE]
    model = model_folder(config.nlp_model)
    if model is not None:
        roots.append(model / "meta.json")
    roots += metadata_files(["spacy", *RENDERING_LIBRARIES])  # a library upgrade means building again
    skip = [config.output_path, cache_dir]
    return [str(r.resolve()) for r in roots], [str(s.resolve()) for s in skip]
