"""Is the output already what this build would write? Answered before anything heavy is imported.

After each successful `briefgen build` the CLI records a stamp in the cache dir, one per set of flags: a
hash of every input (the config file, the content tree, the site's themes/, briefgen's own package, the
shipped themes wherever the package finds them (outside `briefgen/` with an editable install), the spaCy
model's meta, the installed metadata of spaCy and of the libraries that render pages), the output dir's
listing (size, mtime, inode of each file) and what the build reported. The next build with the same
flags hashes the same inputs and lists the output again; when both match it replays the report and
stops, without importing the config, Jinja or spaCy. Anything else (a changed byte, a touched output
file, another flag) falls through to the full build, which has its own per-event cache. Only the
standard library is imported here.

Files are hashed through a memo of their stat (`stamps/files.json`, briefgen/statmemo.py), so a file that
did not change since it was last hashed is not read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.statmemo import StatMemo

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


def _sha(path: str, memo: StatMemo) -> str | None:
    """A file's sha256 (None if it cannot be read), read only if the memo cannot vouch for it."""
    try:
        st = os.stat(path)
        known = memo.get(path, st)
        if known is not None:
            return known[0]
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
    memo.put(path, st, (sha,))
    return sha


def inputs_digest(roots: Sequence[str], skip: Sequence[str], memo: StatMemo | None = None) -> str:
    """sha256 over the names and contents of every file under `roots` (files or folders), minus `skip` folders."""
    hashes = memo or StatMemo(None)
    h = hashlib.sha256()
    skipped = {os.path.normpath(s) for s in skip}
    for root in roots:
        h.update(f"\0root\0{root}\0".encode())
        if os.path.isfile(root):
            h.update((_sha(root, hashes) or "\0unreadable\0").encode())
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and os.path.join(folder, d) not in skipped)
            for name in sorted(files):
                path = os.path.join(folder, name)
                h.update(f"\0file\0{os.path.relpath(path, root)}\0".encode())
                h.update((_sha(path, hashes) or "\0unreadable\0").encode())
    hashes.save()
    return h.hexdigest()


@dataclass(frozen=True)
class Report:
    """What a successful build printed: its problems (one line each) and the counts of its summary."""

    problems: tuple[str, ...]
    events: int
    articles: int
    warnings: int
    errors: int

    @classmethod
    def of(cls, problems: Sequence[Any], events: int, articles: int) -> Report:
        """From a build's problems (anything with a `severity` that prints as one line)."""
        errors = sum(1 for p in problems if p.severity == "error")
        return cls(tuple(str(p) for p in problems), events, articles, len(problems) - errors, errors)


@dataclass(frozen=True)
class Inputs:
    """The files and folders a build reads (minus `skip`), and their digest."""

    roots: tuple[str, ...]
    skip: tuple[str, ...]
    digest: str


@dataclass(frozen=True)
class Stamp:
    """One flag set's last successful build: the inputs it read and the output it left."""

    inputs: Inputs
    output: str
    listing: Listing
    report: Report


def running() -> dict[str, str]:
    """Which interpreter and which briefgen run this build: a stamp left by another installation (another
    virtual environment, a checkout on PYTHONPATH) hashed other code and libraries, so it never answers here."""
    return {"python": sys.executable, "package": str(Path(__file__).resolve().parent)}


class Stamps:
    """The stamp file of one set of build flags, in the cache dir."""

    def __init__(self, cache_dir: Path, flags: dict[str, object]) -> None:
        key = hashlib.sha256(json.dumps([STAMP_VERSION, flags], sort_keys=True, default=str).encode()).hexdigest()
        self.cache_dir = cache_dir
        self.path = cache_dir / "stamps" / f"{key[:32]}.json"
        self.hashes = StatMemo(cache_dir / "stamps" / "files.json")  # shared by every flag set
        self._seen: Inputs | None = None  # the last build's inputs as check() found them now

    def check(self) -> Stamp | None:
        """The last build's stamp if the inputs and the output are exactly as that build left them."""
        stamp = self._read()
        if stamp is None:
            return None
        now = Inputs(
            stamp.inputs.roots, stamp.inputs.skip, inputs_digest(stamp.inputs.roots, stamp.inputs.skip, self.hashes)
        )
        self._seen = now
        if now != stamp.inputs:
            return None
        return stamp if scan_output(Path(stamp.output)) == stamp.listing else None

    def inputs(self, config: Config, config_file: Path) -> Inputs:
        """What this build reads, hashed before it starts (reusing the digest check() took of the same roots)."""
        roots, skip = input_roots(config, config_file, self.cache_dir)
        if self._seen is not None and (self._seen.roots, self._seen.skip) == (roots, skip):
            return self._seen
        return Inputs(roots, skip, inputs_digest(roots, skip, self.hashes))

    def record(self, inputs: Inputs, output: Path, report: Report) -> None:
        """Stamp a build that succeeded with the inputs hashed before it started, so that a file changed
        while it ran makes the next build run again."""
        stamp = Stamp(inputs, str(output), scan_output(output), report)
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
            found = raw["inputs"]
            inputs = Inputs(tuple(found["roots"]), tuple(found["skip"]), found["digest"])
            report = Report(**{**raw["report"], "problems": tuple(raw["report"]["problems"])})
            listing = tuple((str(p), int(s), int(m), int(i)) for p, s, m, i in raw["listing"])
            return Stamp(inputs, raw["output"], listing, report)
        except (OSError, ValueError, KeyError, TypeError):
            return None


def input_roots(config: Config, config_file: Path, cache_dir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a build reads, as files and folders to hash, and the folders among them to leave out."""
    from briefgen.cache import PACKAGE, metadata_files, shipped_themes
    from briefgen.keys import READING_LIBRARIES, RENDERING_LIBRARIES
    from briefgen.modelinfo import model_folder

    roots = [config_file.resolve(), config.content_path, config.root / "themes", PACKAGE]
    themes = shipped_themes()
    if themes is not None and not themes.resolve().is_relative_to(PACKAGE):  # outside briefgen/ when editable
        roots.append(themes)
    model = model_folder(config.nlp_model)
    if model is not None:
        roots.append(model / "meta.json")
    roots += metadata_files(["spacy", *READING_LIBRARIES, *RENDERING_LIBRARIES])  # an upgrade: build again
    skip = [config.output_path, cache_dir]
    return tuple(str(r.resolve()) for r in roots), tuple(str(s.resolve()) for s in skip)
