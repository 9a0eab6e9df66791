"""Untrusted content -> safe HTML: link filtering, HTML sanitizing, JSON in pages, the CSP.

Everything that comes from content (text, front matter, file names) is untrusted. Templates
autoescape it; these helpers cover what escaping alone does not, and are registered as Jinja
filters by the theme environment (FILTERS).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

from briefgen.serialise import to_plain

LINK_SCHEMES = frozenset({"http", "https"})
MAX_URL_LENGTH = 2048
ALLOWED_TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol"}
    | {"p", "pre", "q", "s", "small", "strong", "sub", "sup", "ul"}
)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_NOT_INLINE_CODE = re.compile(r"\bsrc\s*=|\btype\s*=\s*[\"']?application/(ld\+)?json", re.IGNORECASE)
_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def safe_url(value: object) -> str | None:
    """`value` if it is an absolute http(s) URL with a host, else None (javascript:, data:, vbscript:...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_URL_LENGTH or any(ch.isspace() or ch < " " or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


def link_filter(value: object) -> str:
    """Jinja filter `safe_url`: the URL if it may become a link, else "" (so `{% if x|safe_url %}` works)."""
    return safe_url(value) or ""


def sanitize_html(html: str) -> str:
    """Keep only formatting tags and http(s) links; scripts, handlers, styles and SVG/MathML are removed."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "svg", "math", "iframe", "object", "noscript"},
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener nofollow noreferrer",
    )


def sanitize_filter(value: object) -> Markup:
    """Jinja filter `sanitize`: markdown-produced (or any) HTML made safe to output unescaped."""
    return Markup(sanitize_html(str(value)))


def json_for_html(value: object) -> str:
    """JSON that is safe inside <script type="application/json">: no `</script>`, `<!--` or `&` can appear."""
    text = json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def json_script_filter(value: object) -> Markup:
    """Jinja filter `json_script`: `<script type="application/json">{{ data|json_script }}</script>`."""
    return Markup(json_for_html(value))


def script_hash(body: str) -> str:
    """The CSP source expression allowing one inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(template: str) -> list[tuple[str, bool]]:
    """Inline executable scripts of a template source: (body, hashable). A body with Jinja syntax is not
    hashable: its rendered text is unknown in advance, so the CSP blocks it."""
    found = []
    for match in _INLINE_SCRIPT.finditer(template):
        attrs, body = match.group("attrs"), match.group("body")
        if _NOT_INLINE_CODE.search(attrs):
            continue
        found.append((body, "{{" not in body and "{%" not in body and "{#" not in body))
    return found


def theme_script_hashes(template_dirs: Iterable[Path]) -> tuple[str, ...]:
    """Hashes of every literal inline script in the theme's templates: only the theme's own scripts may run."""
    hashes: set[str] = set()
    for folder in template_dirs:
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else ():
            hashes.update(script_hash(body) for body, ok in inline_scripts(path.read_text("utf-8")) if ok)
    return tuple(sorted(hashes))


def csp_policy(script_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy of every page; `script_hashes` are added to script-src."""
    hashes = " ".join(script_hashes)
    return "; ".join(f"{d} {hashes}" if d.startswith("script-src") and hashes else d for d in CSP_DIRECTIVES)


FILTERS = {"safe_url": link_filter, "sanitize": sanitize_filter, "json_script": json_script_filter}
