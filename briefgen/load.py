"""Stage 1, load: content dir -> events with their decoded article files.

Nothing here raises on bad content: every problem is reported (file, line, message) and the
file or folder is skipped or repaired, so the rest of the site still builds.

What load derives from an article's bytes beyond its text (their sha256, the identity of its body) is kept
in a memo by the file's stat (briefgen/statmemo.py), so a warm build hashes only the files that changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from briefgen.decode import DecodeError, decode_text
from briefgen.decode import decode as decode  # re-exported: callers read files through load
from briefgen.frontmatter import EVENT_FIELDS, as_date, as_text, check_fields, split_front_matter, yaml_mapping
from briefgen.models import EventMeta, EventSource, Overrides, Problem, SourceFile
from briefgen.overrides import parse_overrides
from briefgen.slug import is_slug, slugify, unique_slug
from briefgen.statmemo import StatMemo
from briefgen.webpage import MAX_PAGE_BYTES, declared_charset

PAGE_SUFFIXES = (".html", ".htm")  # saved web pages, read with trafilatura when parsed
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", *PAGE_SUFFIXES)
EVENT_FILE = "event.yaml"
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger files are refused unread
# Longer articles are cut (with a warning) so NLP time and memory stay bounded: about 16,000
# words, several times the longest news feature, and a tenth of spaCy's default max_length.
MAX_ARTICLE_CHARS = 100_000  # for a web page, its article text (briefgen/parse.py), not the page


def _listing(folder: Path, rel: str, problems: list[Problem]) -> list[Path]:
    """The entries of a folder, sorted; an unreadable folder is reported and treated as empty."""
    try:
        return sorted(folder.iterdir())
    except OSError as err:
        problems.append(Problem(rel, f"cannot list folder: {err.strerror or err}"))
        return []


def _read_text(
    path: Path, rel: str, problems: list[Problem], page: bool = False
) -> tuple[str, bytes, os.stat_result] | None:
    """Read and decode one file: (text, its bytes, its stat taken before reading), or None (reported) if it
    cannot be used.

    A web page (`page`) has a lower size limit and is decoded in the charset it declares.
    """
    limit = MAX_PAGE_BYTES if page else MAX_FILE_BYTES
    kind = "web page" if page else "file"
    try:
        st = path.stat()
        size = st.st_size
        if size > limit:
            over = f"{kind} is {size / 2**20:.0f} MB, over the {limit // 2**20} MB limit; skipped"
            problems.append(Problem(rel, over))
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.append(Problem(rel, f"cannot read file: {err.strerror or err}"))
        return None
    declared = declared_charset(data) if page else None
    try:
        decoded = decode_text(data, declared)
    except DecodeError as err:
        problems.append(Problem(rel, f"{err}; skipped"))
        return None
    if not decoded.encoding.startswith("utf-") and decoded.encoding != declared:
        said = f"not valid {declared} as it declares" if declared else "not UTF-8"
        problems.append(Problem(rel, f"{said}; read as {decoded.encoding}", None, "warning"))
    return decoded.text, data, st


def _truncate(text: str, rel: str, problems: list[Problem]) -> str:
    if len(text) <= MAX_ARTICLE_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_ARTICLE_CHARS)
    if cut < MAX_ARTICLE_CHARS // 2:
        cut = max(text.rfind(" ", 0, MAX_ARTICLE_CHARS), MAX_ARTICLE_CHARS // 2)
    line = text.count("\n", 0, cut) + 1
    problems.append(
        Problem(rel, f"article has {len(text):,} characters; only the first {cut:,} are used", line, "warning")
    )
    return text[:cut]


def _outside(path: Path, root: Path, rel: str, problems: list[Problem]) -> bool:
    """True (and reported) for a symlink that leads out of the content dir or nowhere: never followed."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        target = path
    if target == path or not target.exists():
        problems.append(Problem(rel, "broken symlink; skipped", None, "warning"))
        return True
    if not target.is_relative_to(root):
        problems.append(Problem(rel, "symlink leads outside the content dir; not followed", None, "warning"))
        return True
    return False


def _event_meta(path: Path, root: Path, rel: str, problems: list[Problem]) -> EventMeta:
    if _outside(path, root, rel, problems) or not path.is_file():
        return EventMeta()
    read = _read_text(path, rel, problems)
    items = check_fields(yaml_mapping(read[0] if read else "", rel, 1, problems), EVENT_FIELDS, rel, problems)
    meta: dict[str, str] = {}
    for key in ("title", "summary", "date"):
        if key in items:
            value, line = items[key]
            converted = as_date(value) if key == "date" else as_text(value)
            if converted is None:
                expected = "a YYYY-MM-DD date" if key == "date" else "text"
                problems.append(Problem(rel, f"field '{key}' must be {expected}; ignored", line, "warning"))
            else:
                meta[key] = converted
    tags: list[str] = []
    if "tags" in items:
        value, line = items["tags"]
        for tag in value if isinstance(value, list) else [value]:
            text_tag = as_text(tag)
            if text_tag is None:
                problems.append(Problem(rel, "field 'tags' must be a list of words; entry ignored", line, "warning"))
            else:
                tags.append(text_tag)
    overrides = Overrides()
    if "overrides" in items:
        value, line = items["overrides"]
        overrides = parse_overrides(value, rel, line, problems)
    return EventMeta(meta.get("title"), meta.get("date"), meta.get("summary"), tuple(tags), overrides)


def _body_key(text: str, rel: str) -> str:
    """Identity of an article's text: its body without front matter, whitespace collapsed."""
    body = split_front_matter(text, rel, [], parse=False).body  # no YAML: this runs on every (warm) build
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest() if body.strip() else ""


def load_event(
    folder: Path, content_root: Path, problems: list[Problem], slug: str | None = None, memo: StatMemo | None = None
) -> EventSource:
    """Read one event folder (published as `slug`, default its name). Problems are appended, never raised."""
    memo = memo or StatMemo(None)
    root = content_root.resolve()
    slug = slug or folder.name
    rel_root = folder.relative_to(content_root).as_posix()
    meta = _event_meta(folder / EVENT_FILE, root, f"{rel_root}/{EVENT_FILE}", problems)
    files: list[SourceFile] = []
    seen_ids: set[str] = set()
    seen_text: dict[str, str] = {}
    for path in _listing(folder, rel_root, problems):
        rel = path.relative_to(content_root).as_posix()
        if (
            path.name.startswith(".")
            or path.suffix.lower() not in ARTICLE_SUFFIXES
            or _outside(path, root, rel, problems)
        ):
            continue
        if not path.is_file():
            continue
        read = _read_text(path, rel, problems, page=path.suffix.lower() in PAGE_SUFFIXES)
        if read is None:
            continue
        text, data, st = read
        known = memo.get(str(path), st)
        if known is not None and len(known) == 2:
            data_hash, key = known
        else:
            data_hash, key = hashlib.sha256(data).hexdigest(), _body_key(text, rel)
        memo.put(str(path), st, (data_hash, key))
        if not key:
            why = "file is empty" if not text.strip() else "file has no article text after its front matter"
            problems.append(Problem(rel, f"{why}; skipped", None, "warning"))
            continue
        if key in seen_text:
            problems.append(Problem(rel, f"same text as {seen_text[key]}; skipped as a duplicate", None, "warning"))
            continue
        seen_text[key] = rel
        files.append(
            SourceFile(
                id=unique_slug(slugify(path.stem, "source"), seen_ids),
                event=slug,
                path=rel,
                suffix=path.suffix.lower(),
                text=text if path.suffix.lower() in PAGE_SUFFIXES else _truncate(text, rel, problems),
                sha256=data_hash,
            )
        )
    if not files:
        problems.append(Problem(rel_root, "event folder has no articles (.md, .txt or .html)", severity="warning"))
    return EventSource(slug=slug, meta=meta, files=tuple(files))


def event_folders(content_root: Path, problems: list[Problem]) -> list[tuple[Path, str]]:
    """The event folders with the slug each is published as.

    Folder names that are not slugs are slugified ("Café Crash!" -> "cafe-crash"); a name that
    collides with another after slugging gets a numeric suffix. Both are reported.
    """
    root = content_root.resolve()
    folders = []
    for path in _listing(content_root, str(content_root), problems):
        if path.name.startswith(".") or _outside(path, root, path.name, problems):
            continue
        if path.is_dir():
            folders.append(path)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            problems.append(Problem(path.name, "article outside any event folder; ignored", None, "warning"))
    taken = {p.name for p in folders if is_slug(p.name)}
    out = []
    for path in folders:
        if is_slug(path.name):
            out.append((path, path.name))
            continue
        wanted = slugify(path.name, "event")
        slug = unique_slug(wanted, taken)
        why = "is not a slug" if slug == wanted else f"collides with another folder as '{wanted}'"
        problems.append(Problem(path.name, f"event folder name {why}; published as '{slug}'", None, "warning"))
        out.append((path, slug))
    return out


def load_content(content_root: Path, problems: list[Problem], memo: Path | None = None) -> list[EventSource]:
    """Every sub-folder of the content dir is an event. With a `memo` file, unchanged files are not hashed again
    (the caller names it for the code of this module, which makes what it holds)."""
    if not content_root.is_dir():
        problems.append(Problem(str(content_root), "content dir not found"))
        return []
    derived = StatMemo(memo)
    folders = event_folders(content_root, problems)
    events = [load_event(folder, content_root, problems, slug, derived) for folder, slug in folders]
    derived.save()
    return events
