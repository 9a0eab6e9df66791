"""Which spaCy model a name means, found without importing spaCy: its folder, its meta.json and its identity.

Only the standard library is imported here, so the extraction code (and a worker) does not import the cache.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


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
