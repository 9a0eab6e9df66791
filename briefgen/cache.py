"""Content-hash cache: NLP extractions, briefings and rendered pages, on disk and (for serve) in memory.

Every record is addressed by a hash of everything that produced it, so a stale record is never read:

- an extraction by the article's parsed content, the spaCy model (name, version, spaCy version),
  `EXTRACTION_VERSION` and the source of `briefgen/nlp/*.py`, `briefgen/words/*.py` and `briefgen/models.py`;
- a briefing by the event's source files, the config and the source of the whole `briefgen` package;
- an event's rendered pages by its briefing key, the theme files and the config.

Bump `EXTRACTION_VERSION` when extraction output changes for a reason the hashed sources do not show
(a new spaCy component setting, a data file the extractors read).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

EXTRACTION_VERSION = 2

PACKAGE = Path(__file__).resolve().parent

T = TypeVar("T")
Decoder = Callable[[Any], Any]


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


# Libraries whose version can change a page: markdown and web page reading, front matter, templates and their
# escaping, the HTML sanitizer, slugs (URLs), the search bundle (spaCy's version is part of every extraction key
# through model_identity).
RENDERING_LIBRARIES = (
    "markdown-it-py",
    "pyyaml",
    "jinja2",
    "markupsafe",
    "nh3",
    "python-slugify",
    "text-unidecode",
    "pagefind",
    "pagefind-bin",
    "trafilatura",
    "htmldate",
)


@cache
def code_fingerprint(scope: str = "") -> str:
    """Hash of briefgen's own sources: the whole package (with the versions of RENDERING_LIBRARIES), or
    "nlp" for the extraction code (with the word lists it reads).

    Computed once per process: a long-lived `serve` process runs one version of the code.
    """
    if scope == "nlp":
        return files_fingerprint(
            [*PACKAGE.glob("nlp/*.py"), *PACKAGE.glob("words/*.py"), PACKAGE / "models.py"],
            PACKAGE,
        )
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for name in RENDERING_LIBRARIES:
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} absent")
    paths = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    return digest(files_fingerprint(paths, PACKAGE), *versions)


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


def model_folder(name: str) -> Path | None:
    """The folder of a model package or path, found without importing spaCy (None if not installed)."""
    from importlib.util import find_spec

    folder = Path(name)
    if folder.is_dir():
        return folder
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None


@cache
def model_meta(name: str) -> dict[str, Any]:
    """The meta.json of a model package or folder (empty if not found), read without importing spaCy."""
    folder = model_folder(name)
    meta_file = folder / "meta.json" if folder is not None else None
    meta: dict[str, Any] = json.loads(meta_file.read_bytes()) if meta_file and meta_file.is_file() else {}
    return meta


@cache
def model_identity(name: str) -> str:
    """Name, version and spaCy version of a model: part of every extraction key."""
    from importlib.metadata import PackageNotFoundError, version

    meta = model_meta(name)
    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = "none"
    return f"{name}|{meta.get('version', 'unknown')}|{meta.get('spacy_git_version', '')}|spacy {spacy_version}"


# --- compact JSON for frozen dataclasses -------------------------------------------------------------


_SCALARS = frozenset({str, int, float, bool, type(None)})


def encode(obj: Any) -> Any:
    """Plain JSON data; a dataclass becomes the list of its field values, in field order."""
    kind = type(obj)
    if kind in _SCALARS:
        return obj
    if isinstance(obj, (tuple, list)):
        return [encode(v) for v in obj]
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    names = field_names(kind)
    return obj if names is None else [encode(getattr(obj, name)) for name in names]


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass type's field names in order (None for any other type), looked up once per type."""
    if kind not in _FIELD_NAMES:  # dataclasses.fields is slow
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


def dumps(obj: Any) -> bytes:
    return json.dumps(encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(cls: type[T], data: bytes) -> T:
    value: T = decoder(typing.cast(Any, cls))(json.loads(data))
    return value


def _identity(value: Any) -> Any:
    return value


@cache
def decoder(tp: Any) -> Decoder:
    """A function that rebuilds a value of type `tp` from `encode`'s output."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        decs = [decoder(hints[f.name]) for f in dataclasses.fields(tp)]
        if all(d is _identity for d in decs):
            return lambda v: tp(*v)
        return lambda v: tp(*[d(x) for d, x in zip(decs, v, strict=True)])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = decoder(args[0])
            return tuple if item is _identity else lambda v: tuple(item(x) for x in v)
        items = [decoder(a) for a in args]
        return lambda v: tuple(d(x) for d, x in zip(items, v, strict=True))
    if origin is list:
        item = decoder(args[0])
        return _identity if item is _identity else lambda v: [item(x) for x in v]
    if origin is dict:
        item = decoder(args[1])
        return _identity if item is _identity else lambda v: {k: item(x) for k, x in v.items()}
    if origin in (typing.Union, types.UnionType):
        inner = [decoder(a) for a in args if a is not type(None)]
        if all(d is _identity for d in inner):
            return _identity
        if len(inner) == 1:
            return lambda v: None if v is None else inner[0](v)
        raise TypeError(f"cannot decode the union {tp!r}")
    if origin is typing.Literal or tp in (str, int, float, bool, type(None), Any):
        return _identity
    raise TypeError(f"cannot decode values of type {tp!r}")


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
    """Records by (kind, key): in the memo if given, else on disk under `root` (if any), as compact JSON."""

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
                value = loads(cls, data)
            except (ValueError, TypeError, IndexError):
                value = None  # a damaged record is a miss
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
        self.write_bytes(kind, key, dumps(value))

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
