"""Slugs: the URL-safe names of events and sources ("Café Crash!" -> "cafe-crash", "Москва" -> "moskva")."""

from __future__ import annotations

from slugify import slugify as _transliterate

MAX_LENGTH = 80


def slugify(name: str, fallback: str = "untitled") -> str:
    """Lower-case ASCII letters and digits joined by single hyphens; `fallback` if nothing is left.

    Other scripts are transliterated (python-slugify with text-unidecode, named so the slugs do not
    change when another transliteration backend happens to be installed) and accents folded; every
    other run of characters becomes one hyphen. At most MAX_LENGTH characters, no hyphen at either end.
    """
    return _transliterate(name, max_length=MAX_LENGTH, backend="text-unidecode") or fallback


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
