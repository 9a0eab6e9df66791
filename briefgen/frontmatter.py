"""YAML front matter: split it off an article and check its fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from briefgen.models import Problem

FIELDS = ("title", "outlet", "url", "published", "author")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    fields: dict[str, str]
    body: str
    body_line: int  # 1-based line of the file where the body starts


def split_front_matter(text: str, path: str, problems: list[Problem]) -> FrontMatter:
    """Separate `---` front matter from the body; bad front matter is reported, body kept."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(path, "front matter opened with '---' is never closed", 1))
        return FrontMatter({}, text, 1)
    raw = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problems.append(Problem(path, f"invalid YAML front matter: {getattr(err, 'problem', err)}", line))
        return FrontMatter({}, body, end + 2)
    if data is None:
        return FrontMatter({}, body, end + 2)
    if not isinstance(data, dict):
        problems.append(Problem(path, "front matter must be a mapping of fields", 2))
        return FrontMatter({}, body, end + 2)
    fields: dict[str, str] = {}
    for key, value in data.items():
        if key not in FIELDS:
            problems.append(Problem(path, f"unknown front matter field '{key}'", 1, "warning"))
            continue
        if value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()[:10]
        if not isinstance(value, str | int | float):
            problems.append(Problem(path, f"front matter field '{key}' must be text", 1, "warning"))
            continue
        fields[key] = str(value)
    if "published" in fields and not _is_date(fields["published"]):
        problems.append(Problem(path, "front matter 'published' is not a YYYY-MM-DD date", 1, "warning"))
        del fields["published"]
    return FrontMatter(fields, body, end + 2)


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True
