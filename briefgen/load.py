"""Stage 1, load: content dir -> events with their decoded article files."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from briefgen.models import EventMeta, EventSource, Problem, SourceFile

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
EVENT_FILE = "event.yaml"
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$", re.IGNORECASE)


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def source_id(path: Path) -> str:
    """A source's id: its file name without suffix, safe for URLs."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-") or "source"


def _event_meta(path: Path, rel: str, problems: list[Problem]) -> EventMeta:
    if not path.is_file():
        return EventMeta()
    try:
        data = yaml.safe_load(decode(path.read_bytes()))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problems.append(Problem(rel, f"invalid YAML: {err}", mark.line + 1 if mark else None))
        return EventMeta()
    if data is None:
        return EventMeta()
    if not isinstance(data, dict):
        problems.append(Problem(rel, "event.yaml must be a mapping", 1))
        return EventMeta()
    tags = data.get("tags") or ()
    return EventMeta(
        title=_str_or_none(data.get("title")),
        date=_str_or_none(data.get("date")),
        summary=_str_or_none(data.get("summary")),
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (str(tags),),
    )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def load_event(folder: Path, content_root: Path, problems: list[Problem]) -> EventSource:
    """Read one event folder. Problems are appended, never raised."""
    slug = folder.name
    rel_root = folder.relative_to(content_root).as_posix()
    meta = _event_meta(folder / EVENT_FILE, f"{rel_root}/{EVENT_FILE}", problems)
    files: list[SourceFile] = []
    seen_ids: set[str] = set()
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in ARTICLE_SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(content_root).as_posix()
        try:
            data = path.read_bytes()
        except OSError as err:
            problems.append(Problem(rel, f"cannot read file: {err.strerror or err}"))
            continue
        sid = source_id(path)
        while sid in seen_ids:
            sid += "-2"
        seen_ids.add(sid)
        files.append(
            SourceFile(
                id=sid,
                event=slug,
                path=rel,
                suffix=path.suffix.lower(),
                text=decode(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    if not files:
        problems.append(Problem(rel_root, "event folder has no articles (.md or .txt)", severity="warning"))
    return EventSource(slug=slug, meta=meta, files=tuple(files))


def load_content(content_root: Path, problems: list[Problem]) -> list[EventSource]:
    """Every sub-folder of the content dir is an event."""
    if not content_root.is_dir():
        problems.append(Problem(str(content_root), "content dir not found"))
        return []
    events = []
    for folder in sorted(p for p in content_root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not _SLUG_RE.match(folder.name):
            problems.append(Problem(folder.name, "event folder name is not a valid slug; skipped"))
            continue
        events.append(load_event(folder, content_root, problems))
    return events
