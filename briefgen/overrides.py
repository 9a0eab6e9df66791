"""The `overrides:` section of event.yaml, validated when the event loads (applied last in reconcile).

```yaml
overrides:
  hide:                       # drop items: who by name or alias, the other sections by words in their text
    who: [Name]
    numbers: [words of the figure]
  people:                     # rename or merge people: `merge` lists the names (or aliases) that become `name`
    - name: Full Name
      merge: [Surname, Other Spelling]
      roles: [what they are]  # optional: replaces the extracted roles
      kind: person            # optional: fixes the kind (person, org, place...)
  pin: [words of a development]   # those developments go first, marked pinned
  notes:                      # editor's notes: text, or {text, section} to place one in a section
    - A note shown at the top.
```
"""

from __future__ import annotations

from typing import Any, get_args

from briefgen.models import EditorNote, HideRule, Overrides, OverrideSection, PersonOverride, Problem

SECTIONS: tuple[OverrideSection, ...] = get_args(OverrideSection)
KEYS = ("hide", "people", "pin", "notes")


class _Checker:
    """Collects problems about one `overrides:` value, each naming the key path and the line of `overrides:`."""

    def __init__(self, path: str, line: int | None, problems: list[Problem]) -> None:
        self.path, self.line, self.problems = path, line, problems

    def warn(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, f"{where}: {message}; ignored", self.line, "warning"))

    def text(self, value: object, where: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
            self.warn(where, "expected text")
            return None
        return str(value).strip()

    def texts(self, value: object, where: str) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        out = (self.text(v, f"{where}[{i}]" if isinstance(value, list) else where) for i, v in enumerate(items))
        return tuple(t for t in out if t is not None)

    def mapping(self, value: object, where: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.warn(where, f"expected a mapping, found {type(value).__name__}")
            return None
        return {str(k): v for k, v in value.items()}


def parse_overrides(value: object, path: str, line: int | None, problems: list[Problem]) -> Overrides:
    """Validate the `overrides:` value of event.yaml; bad entries are reported (file:line) and skipped."""
    check = _Checker(path, line, problems)
    data = check.mapping(value, "overrides") if value is not None else {}
    if not data:
        return Overrides()
    for key in data:
        if key not in KEYS:
            check.warn(f"overrides.{key}", f"unknown key (known: {', '.join(KEYS)})")
    return Overrides(
        hide=_hide(data.get("hide"), check),
        people=_people(data.get("people"), check),
        pin=check.texts(data["pin"], "overrides.pin") if data.get("pin") is not None else (),
        notes=_notes(data.get("notes"), check),
    )


def _hide(value: object, check: _Checker) -> tuple[HideRule, ...]:
    data = check.mapping(value, "overrides.hide") if value is not None else None
    rules: list[HideRule] = []
    for section, matches in (data or {}).items():
        if section not in SECTIONS:
            check.warn(f"overrides.hide.{section}", f"unknown section (known: {', '.join(SECTIONS)})")
            continue
        rules.extend(HideRule(section, m) for m in check.texts(matches, f"overrides.hide.{section}"))
    return tuple(rules)


def _people(value: object, check: _Checker) -> tuple[PersonOverride, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        check.warn("overrides.people", "expected a list of {name, merge, roles}")
        return ()
    out: list[PersonOverride] = []
    for i, entry in enumerate(value):
        where = f"overrides.people[{i}]"
        data = check.mapping(entry, where)
        if data is None:
            continue
        for key in data:
            if key not in ("name", "merge", "roles", "kind"):
                check.warn(f"{where}.{key}", "unknown key (known: name, merge, roles, kind)")
        name = check.text(data.get("name"), f"{where}.name")
        if name is None:
            continue
        merge = check.texts(data["merge"], f"{where}.merge") if data.get("merge") is not None else ()
        roles = check.texts(data["roles"], f"{where}.roles") if data.get("roles") is not None else ()
        kind = check.text(data["kind"], f"{where}.kind") if data.get("kind") is not None else None
        out.append(PersonOverride(name, merge, roles, kind))
    return tuple(out)


def _notes(value: object, check: _Checker) -> tuple[EditorNote, ...]:
    if value is None:
        return ()
    out: list[EditorNote] = []
    for i, entry in enumerate(value if isinstance(value, list) else [value]):
        where = f"overrides.notes[{i}]"
        if isinstance(entry, dict):
            text = check.text(entry.get("text"), f"{where}.text")
            section = entry.get("section")
            if section is not None and section not in SECTIONS:
                check.warn(f"{where}.section", f"unknown section (known: {', '.join(SECTIONS)})")
                section = None
            if text is not None:
                out.append(EditorNote(text, section))
        elif (text := check.text(entry, where)) is not None:
            out.append(EditorNote(text))
    return tuple(out)
