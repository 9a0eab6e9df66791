"""Editorial overrides from event.yaml (validated by briefgen/overrides.py when the event loads), applied last in
reconcile: people merged, items hidden, developments pinned, notes added."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from briefgen.models import Briefing, CoverageRow, HideRule, Overrides, PersonOverride, Problem, WhoItem

_COVERAGE_KIND = {"what": "what", "numbers": "number", "quotes": "quote", "conflicts": "conflict"}


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
