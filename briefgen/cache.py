"""Content-hash cache: NLP extractions, briefings and rendered pages, on disk and (for serve) in memory.

Every record is addressed by a hash of everything that produced it (briefgen/keys.py), so a stale record is
never read. Bump `EXTRACTION_VERSION` when extraction output changes for a reason the hashed sources do not show
(a new spaCy component setting, a data file the extractors read) or when the record format does
(briefgen/serialise.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from briefgen.serialise import dump_json, load_json

EXTRACTION_VERSION = 3  # 3: records are briefgen.serialise JSON (objects with field names), no longer positional

PACKAGE = Path(__file__).resolve().parent

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """sha256 of the parts, each length-prefixed so boundaries cannot collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_fingerprint(paths: Iterable[Path], root: Path) -> str:
    """Hash of the names and contents of files, so editing, adding or removing one changes it."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(*parts)


def metadata_files(names: Iterable[str]) -> list[Path]:
    """The METADATA file of each installed distribution named: it changes whenever the version does."""
    from importlib.metadata import PackageNotFoundError, distribution

    found = []
    for name in names:
        try:
            # the .dist-info folder: no public handle, and listing the distribution's files costs 0.1 s
            folder = getattr(distribution(name), "_path", None)
        except PackageNotFoundError:
            continue
        if folder is not None:
            found.append(Path(str(folder)) / "METADATA")
    return found


def shipped_themes() -> Path | None:
    """The folder of the shipped themes as the package finds it, without importing it: inside `briefgen/`
    when installed, the checkout's `themes/` with an editable install (None if not found)."""
    from importlib.util import find_spec

    spec = find_spec("briefgen.themes")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None


# --- storage -----------------------------------------------------------------------------------------


class BuildMemo:
    """In-memory records kept between builds of one long-lived process (`serve`).

    Pass the same memo to every `build()`: unchanged articles, briefings and pages are then neither read
    from disk nor recomputed. Records not used by the latest build are dropped, so memory follows the site.
    """

    def __init__(self) -> None:
        self._objects: dict[tuple[str, str], Any] = {}
        self._used: set[tuple[str, str]] = set()

    def get(self, kind: str, key: str) -> Any:
        value = self._objects.get((kind, key))
        if value is not None:
            self._used.add((kind, key))
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        self._objects[(kind, key)] = value
        self._used.add((kind, key))

    def prune(self) -> None:
        """Forget what the last build did not use; called by `build()` when it finishes."""
        self._objects = {k: v for k, v in self._objects.items() if k in self._used}
        self._used = set()


class Cache:
    """Records by (kind, key): in the memo if given, else on disk under `root` (if any), as briefgen.serialise JSON."""

    def __init__(self, root: Path | None, memo: BuildMemo | None = None) -> None:
        self.root = root
        self.memo = memo
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def read_bytes(self, kind: str, key: str, suffix: str = ".json") -> bytes | None:
        if self.root is None:
            return None
        try:
            return self._path(kind, key, suffix).read_bytes()
        except OSError:
            return None

    def write_bytes(self, kind: str, key: str, data: bytes, suffix: str = ".json") -> None:
        """Write atomically (temp file + rename), so concurrent builds never see half a record."""
        if self.root is None:
            return
        import tempfile

        path = self._path(kind, key, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def get(self, kind: str, key: str, cls: type[T]) -> T | None:
        if self.memo is not None:
            value: T | None = self.memo.get(kind, key)
            if value is not None:
                self.hits += 1
                return value
        data = self.read_bytes(kind, key)
        if data is not None:
            try:
                value = load_json(cls, data)
            except ValueError:
                value = None  # a damaged record (or one of an older format) is a miss
            if value is not None:
                self.hits += 1
                if self.memo is not None:
                    self.memo.put(kind, key, value)
                return value
        self.misses += 1
        return None

    def has(self, kind: str, key: str) -> bool:
        """Whether a record exists, without reading it (it may still turn out damaged)."""
        if self.memo is not None and self.memo.get(kind, key) is not None:
            return True
        return self.root is not None and self._path(kind, key, ".json").is_file()

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.memo is not None:
            self.memo.put(kind, key, value)
        self.write_bytes(kind, key, dump_json(value))

    def get_blob(self, sha: str) -> bytes | None:
        if self.memo is not None:
            value: bytes | None = self.memo.get("blob", sha)
            if value is not None:
                return value
        data = self.read_bytes("blobs", sha, "")
        if data is not None and hashlib.sha256(data).hexdigest() != sha:
            return None
        if data is not None and self.memo is not None:
            self.memo.put("blob", sha, data)
        return data

    def has_blob(self, sha: str) -> bool:
        if self.memo is not None and self.memo.get("blob", sha) is not None:
            return True
        return self.root is not None and self._path("blobs", sha, "").is_file()

    def put_blob(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if self.memo is not None:
            self.memo.put("blob", sha, data)
        if self.root is not None and not self._path("blobs", sha, "").exists():
            self.write_bytes("blobs", sha, data, "")
        return sha
