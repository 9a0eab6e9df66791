"""Editorial overrides from event.yaml: validated when the event loads, applied last in reconcile.

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

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, get_args

from briefgen.models import (
    Briefing,
    CoverageRow,
    EditorNote,
    HideRule,
    Overrides,
    OverrideSection,
    PersonOverride,
    Problem,
    WhoItem,
)

SECTIONS: tuple[OverrideSection, ...] = get_args(OverrideSection)
KEYS = ("hide", "people", "pin", "notes")
_COVERAGE_KIND = {"what": "what", "numbers": "number", "quotes": "quote", "conflicts": "conflict"}


# --- validation --------------------------------------------------------------


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


# --- application -------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _names(item: WhoItem) -> set[str]:
    return {_fold(item.name), *(_fold(a) for a in item.aliases)}


def apply_overrides(briefing: Briefing, overrides: Overrides) -> tuple[Briefing, tuple[Problem, ...]]:
    """The briefing as the editor wants it: people merged, items hidden, developments pinned, notes added.

    Beside it, a warning on the event's event.yaml for each override that matches nothing, so a typo does not
    pass silently.
    """
    unmatched: list[str] = []
    out = briefing
    for person in overrides.people:
        out, found = _merge_person(out, person)
        if not found:
            unmatched.append(f"overrides.people: nobody named {person.name!r} or {list(person.merge)!r}")
    for rule in overrides.hide:
        out, found = _hide_items(out, rule)
        if not found:
            unmatched.append(f"overrides.hide.{rule.section}: nothing matches {rule.match!r}")
    out, missing = _pin(out, overrides.pin)
    unmatched.extend(f"overrides.pin: no development matches {p!r}" for p in missing)
    path = f"{out.event.slug}/event.yaml"
    problems = tuple(Problem(path, message, severity="warning") for message in unmatched)
    return dataclasses.replace(out, editor_notes=out.editor_notes + overrides.notes), problems


def _merge_person(briefing: Briefing, person: PersonOverride) -> tuple[Briefing, bool]:
    wanted = {_fold(person.name), *(_fold(m) for m in person.merge)}
    matched = [w for w in briefing.who if _names(w) & wanted]
    if not matched:
        return briefing, False
    order = {s.id: i for i, s in enumerate(briefing.sources)}
    names = [n for w in matched for n in (w.name, *w.aliases)] + list(person.merge)
    aliases = tuple(dict.fromkeys(n for n in names if _fold(n) != _fold(person.name)))
    citations = sorted(
        {(c.source, c.sentence): c for w in matched for c in w.citations}.values(),
        key=lambda c: (order.get(c.source, len(order)), c.sentence),
    )
    merged = WhoItem(
        name=person.name,
        kind=person.kind or next((w.kind for w in matched if w.kind == "person"), matched[0].kind),
        aliases=aliases,
        roles=person.roles or tuple(dict.fromkeys(r for w in matched for r in w.roles)),
        citations=tuple(citations),
        mentions=sum(w.mentions for w in matched),
    )
    who = [merged if w is matched[0] else w for w in briefing.who if w is matched[0] or w not in matched]
    old = {_fold(n) for n in names}
    quotes = tuple(
        dataclasses.replace(q, speaker=person.name) if q.speaker and _fold(q.speaker) in old else q
        for q in briefing.quotes
    )
    return dataclasses.replace(briefing, who=tuple(who), quotes=quotes), True


def _hide_items(briefing: Briefing, rule: HideRule) -> tuple[Briefing, bool]:
    match = _fold(rule.match)
    texts: dict[str, Callable[[Any], Sequence[str]]] = {
        "what": lambda i: [i.text],
        "numbers": lambda i: [i.text, i.context],
        "quotes": lambda i: [i.text],
        "questions": lambda i: [i.status, i.text],
        "conflicts": lambda i: [i.topic],
        "timeline": lambda i: [i.text, i.when],
    }

    def hidden(item: Any) -> bool:
        if rule.section == "who":
            return match in _names(item)
        return any(match in _fold(t) for t in texts[rule.section](item))

    items = getattr(briefing, rule.section)
    kept = tuple(i for i in items if not hidden(i))
    if len(kept) == len(items):
        return briefing, False
    coverage: tuple[CoverageRow, ...] = briefing.coverage
    if rule.section in _COVERAGE_KIND:
        kind = _COVERAGE_KIND[rule.section]
        coverage = tuple(r for r in coverage if not (r.kind == kind and match in _fold(r.fact)))
    changes: dict[str, Any] = {rule.section: kept, "coverage": coverage}
    return dataclasses.replace(briefing, **changes), True


def _pin(briefing: Briefing, pins: Sequence[str]) -> tuple[Briefing, list[str]]:
    if not pins:
        return briefing, []
    first: list[int] = []
    missing: list[str] = []
    for pin in pins:
        hits = [i for i, w in enumerate(briefing.what) if _fold(pin) in _fold(w.text) and i not in first]
        first.extend(hits)
        if not hits:
            missing.append(pin)
    pinned = [dataclasses.replace(briefing.what[i], pinned=True) for i in first]
    rest = [w for i, w in enumerate(briefing.what) if i not in first]
    return dataclasses.replace(briefing, what=tuple(pinned + rest)), missing
