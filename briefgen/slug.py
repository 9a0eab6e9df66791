"""Slugs: the URL-safe names of events and sources ("Café Crash!" -> "cafe-crash")."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str, fallback: str = "untitled") -> str:
    """Lower-case ASCII letters and digits joined by single hyphens; `fallback` if nothing is left.

    Accents are folded ("é" -> "e"); every other run of characters becomes one hyphen.
    The result is at most MAX_LENGTH characters and never starts or ends with a hyphen.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", folded).strip("-")[:MAX_LENGTH].rstrip("-")
    return slug or fallback


def is_slug(name: str) -> bool:
    """True if `name` is already its own slug."""
    return slugify(name, fallback="") == name


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever is not in `taken`; the result is added to `taken`."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
