"""YAML metadata: front matter of articles and event.yaml, checked field by field with line numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from briefgen.models import Problem
from briefgen.sanitize import safe_url

FIELDS = ("title", "outlet", "url", "published", "author", "fetched")  # fetched: when `briefgen add` read the page
EVENT_FIELDS = ("title", "date", "summary", "tags", "overrides")
_DELIMITERS = ("---", "...")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    fields: dict[str, str]
    body: str
    body_line: int  # 1-based line of the file where the body starts


def _short(value: object, limit: int = 40) -> str:
    text = value if isinstance(value, str) else type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def yaml_mapping(raw: str, path: str, first_line: int, problems: list[Problem]) -> dict[str, tuple[object, int]]:
    """Parse YAML that must be a mapping: key -> (value, 1-based line). Problems are reported, never raised.

    `first_line` is the file line where `raw` starts, so every reported line is a line of the file.
    """
    try:
        node = yaml.compose(raw, Loader=yaml.SafeLoader)
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problems.append(Problem(path, f"invalid YAML: {getattr(err, 'problem', None) or err}", line))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        problems.append(Problem(path, f"expected a mapping of fields, found {type(data).__name__}", first_line))
        return {}
    lines = {k.value: first_line + k.start_mark.line for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    out: dict[str, tuple[object, int]] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            problems.append(Problem(path, f"field names must be text, not {_short(key)}", first_line, "warning"))
            continue
        out[key] = (value, lines.get(key, first_line))
    return out


def as_text(value: object) -> str | None:
    """A scalar as text; None for lists, mappings and other structures."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return None


def as_date(value: object) -> str | None:
    """A YYYY-MM-DD date (a YAML date, a datetime or a string starting with one), else None."""
    text = as_text(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def check_fields(
    items: dict[str, tuple[object, int]], known: tuple[str, ...], path: str, problems: list[Problem]
) -> dict[str, tuple[object, int]]:
    """Drop (and report) unknown fields and null values."""
    kept: dict[str, tuple[object, int]] = {}
    for key, (value, line) in items.items():
        if key not in known:
            problems.append(
                Problem(path, f"unknown field '{_short(key)}' (known: {', '.join(known)}); ignored", line, "warning")
            )
        elif value is not None:
            kept[key] = (value, line)
    return kept


def article_fields(items: dict[str, tuple[object, int]], path: str, problems: list[Problem]) -> dict[str, str]:
    """Validate the front matter fields of an article; a bad value is reported and dropped."""
    fields: dict[str, str] = {}
    for key, (value, line) in check_fields(items, FIELDS, path, problems).items():
        text = as_date(value) if key == "published" else as_text(value)
        if text is None:
            expected = "a YYYY-MM-DD date" if key == "published" else "text"
            problems.append(Problem(path, f"field '{key}' must be {expected}, not {_short(value)}", line, "warning"))
            continue
        if key == "url":
            url = safe_url(text)
            if url is None:
                problems.append(Problem(path, f"field 'url' is not an http(s) URL: {_short(text)}", line, "warning"))
                continue
            text = url
        if text.strip():
            fields[key] = text.strip()
    return fields


def split_front_matter(text: str, path: str, problems: list[Problem], parse: bool = True) -> FrontMatter:
    """Separate `---` front matter from the body; bad front matter is reported, body kept.

    With `parse=False` the YAML is not read (no fields): the body alone, cheaply.
    """
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return FrontMatter({}, text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _DELIMITERS), None)
    if end is None:
        problems.append(Problem(path, "front matter opened with '---' is never closed", 1))
        return FrontMatter({}, text, 1)
    if not parse:
        return FrontMatter({}, "\n".join(lines[end + 1 :]), end + 2)
    items = yaml_mapping("\n".join(lines[1:end]), path, 2, problems)
    return FrontMatter(article_fields(items, path, problems), "\n".join(lines[end + 1 :]), end + 2)
