"""Editorial overrides (event.yaml `overrides:`): validation, and how they change the briefing and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.load import load_event
from briefgen.models import (
    Briefing,
    Citation,
    CoverageCell,
    CoverageRow,
    EventInfo,
    NumberItem,
    Problem,
    QuestionItem,
    QuoteItem,
    SourceInfo,
    WhatItem,
    WhoItem,
)
from briefgen.overrides import parse_overrides
from briefgen.reconcile.overrides import apply_overrides
from briefgen.render.briefing_json import briefing_json


def _cite(source: str, sentence: int) -> Citation:
    return Citation(source, sentence, f"Sentence {sentence} of {source}.")


def _briefing() -> Briefing:
    return Briefing(
        event=EventInfo("river-flood", "River flood"),
        sources=(
            SourceInfo("a", "river-flood/a.md", None, None, None, None),
            SourceInfo("b", "river-flood/b.md", None, None, None, None),
        ),
        who=(
            WhoItem("Mara Quell", "person", (), ("mayor",), (_cite("a", 1),), 3),
            WhoItem("Quell", "person", (), (), (_cite("b", 4), _cite("a", 0)), 1),
            WhoItem("Harbourton", "place", (), (), (_cite("a", 0),), 2),
            WhoItem("Tam Odell", "place", (), (), (_cite("b", 2),), 1),
        ),
        what=(
            WhatItem("The river rose two metres overnight.", (_cite("a", 0),)),
            WhatItem("Three hundred homes were evacuated.", (_cite("b", 1),)),
        ),
        numbers=(
            NumberItem(2, "metre", "two metres", "rose two metres", (_cite("a", 0),)),
            NumberItem(300, "home", "Three hundred homes", "homes were evacuated", (_cite("b", 1),)),
        ),
        quotes=(QuoteItem("We had no warning at all", "Quell", (_cite("b", 4),)),),
        questions=(
            QuestionItem("when the bridge will reopen", (_cite("a", 2),), "Unclear"),
            QuestionItem("The levee may have been breached upstream", (_cite("b", 3),), "Hedged"),
        ),
        coverage=(
            CoverageRow("Three hundred homes were evacuated.", "what", (CoverageCell("a", "not_reported"),)),
            CoverageRow("The river rose two metres overnight.", "what", (CoverageCell("a", "reported"),)),
        ),
    )


def test_valid_overrides_parse_without_problems() -> None:
    problems: list[Problem] = []
    overrides = parse_overrides(
        {
            "hide": {"who": ["Harbourton"], "numbers": "two metres"},
            "people": [{"name": "Mara Quell", "merge": ["Quell"], "roles": ["mayor of Harbourton"]}],
            "pin": ["evacuated"],
            "notes": ["Figures are provisional.", {"text": "Counts come from the council.", "section": "numbers"}],
        },
        "river-flood/event.yaml",
        7,
        problems,
    )
    assert problems == []
    assert [(r.section, r.match) for r in overrides.hide] == [("who", "Harbourton"), ("numbers", "two metres")]
    assert overrides.people[0].merge == ("Quell",) and overrides.people[0].roles == ("mayor of Harbourton",)
    assert overrides.pin == ("evacuated",)
    assert [(n.text, n.section) for n in overrides.notes] == [
        ("Figures are provisional.", None),
        ("Counts come from the council.", "numbers"),
    ]


def test_bad_overrides_are_reported_with_file_line_and_key_and_skipped() -> None:
    problems: list[Problem] = []
    overrides = parse_overrides(
        {
            "hide": {"weather": ["x"], "who": [["nested"]]},
            "people": [{"merge": ["Quell"]}, "Mara"],
            "pinned": ["typo"],
            "notes": [{"text": "ok", "section": "footer"}],
        },
        "river-flood/event.yaml",
        7,
        problems,
    )
    messages = [str(p) for p in problems]
    assert all(m.startswith("river-flood/event.yaml:7: warning: overrides.") for m in messages), messages
    for key in ("hide.weather", "hide.who[0]", "people[0].name", "people[1]", "overrides.pinned", "notes[0].section"):
        assert any(key in m for m in messages), (key, messages)
    assert overrides.hide == () and overrides.people == ()
    assert [(n.text, n.section) for n in overrides.notes] == [("ok", None)]
    problems = []
    assert parse_overrides(["not", "a mapping"], "e.yaml", 3, problems).hide == ()
    assert "e.yaml:3: warning: overrides: expected a mapping" in str(problems[0])


def test_merge_hide_pin_and_notes_change_the_briefing_and_its_json() -> None:
    problems: list[Problem] = []
    overrides = parse_overrides(
        {
            "hide": {"who": ["harbourton"], "what": ["two metres"]},
            "people": [{"name": "Mara Quell", "merge": ["Quell"]}],
            "pin": ["EVACUATED"],
            "notes": ["Figures are provisional."],
        },
        "e.yaml",
        1,
        problems,
    )
    out, unmatched = apply_overrides(_briefing(), overrides)
    assert [w.name for w in out.who] == ["Mara Quell", "Tam Odell"]  # merged, place hidden (case-insensitive)
    person = out.who[0]
    assert person.aliases == ("Quell",) and person.roles == ("mayor",) and person.mentions == 4
    assert [(c.source, c.sentence) for c in person.citations] == [("a", 0), ("a", 1), ("b", 4)]
    assert out.quotes[0].speaker == "Mara Quell"  # quotes follow the rename
    assert [(w.text, w.pinned) for w in out.what] == [("Three hundred homes were evacuated.", True)]
    assert [r.fact for r in out.coverage] == ["Three hundred homes were evacuated."]  # hidden fact leaves the matrix
    assert unmatched == ()
    data = json.loads(briefing_json(out))
    assert data["editor_notes"] == [{"text": "Figures are provisional.", "section": None}]
    assert data["what"][0]["pinned"] is True
    assert [w["name"] for w in data["who"]] == ["Mara Quell", "Tam Odell"]


def test_an_editor_fixes_the_kind_of_a_misread_entity() -> None:
    problems: list[Problem] = []
    overrides = parse_overrides(
        {"people": [{"name": "Tam Odell", "kind": "person", "roles": ["ferry pilot"]}]}, "e.yaml", 2, problems
    )
    out, unmatched = apply_overrides(_briefing(), overrides)
    assert problems == [] and unmatched == ()
    tam = next(w for w in out.who if w.name == "Tam Odell")
    assert (tam.kind, tam.roles, tam.aliases) == ("person", ("ferry pilot",), ())
    assert next(w for w in out.who if w.name == "Harbourton").kind == "place"  # others untouched


def test_pin_keeps_the_order_of_the_pins_and_rest_follows() -> None:
    overrides = parse_overrides({"pin": ["evacuated", "river"]}, "e.yaml", 1, [])
    out, _ = apply_overrides(_briefing(), overrides)
    assert [w.text[:5] for w in out.what] == ["Three", "The r"]
    assert all(w.pinned for w in out.what)


def test_overrides_that_match_nothing_come_back_as_typed_warnings_beside_the_briefing() -> None:
    overrides = parse_overrides(
        {"hide": {"quotes": ["never said"]}, "people": [{"name": "Nobody Here"}], "pin": ["volcano"]}, "e.yaml", 1, []
    )
    out, unmatched = apply_overrides(_briefing(), overrides)
    assert out == _briefing()
    assert [(p.path, p.line, p.severity) for p in unmatched] == [("river-flood/event.yaml", None, "warning")] * 3
    assert [p.message for p in unmatched] == [
        "overrides.people: nobody named 'Nobody Here' or []",
        "overrides.hide.quotes: nothing matches 'never said'",
        "overrides.pin: no development matches 'volcano'",
    ]


def test_a_message_with_a_colon_stays_whole() -> None:
    overrides = parse_overrides({"hide": {"what": ["note: see page 2"]}}, "e.yaml", 1, [])
    (problem,) = apply_overrides(_briefing(), overrides)[1]
    assert problem.path == "river-flood/event.yaml"
    assert problem.message == "overrides.hide.what: nothing matches 'note: see page 2'"


def test_questions_are_hidden_by_their_status_or_their_words() -> None:
    by_status, unmatched = apply_overrides(
        _briefing(), parse_overrides({"hide": {"questions": ["hedged"]}}, "e", 1, [])
    )
    assert [(q.status, q.text) for q in by_status.questions] == [("Unclear", "when the bridge will reopen")]
    by_words, _ = apply_overrides(_briefing(), parse_overrides({"hide": {"questions": ["the BRIDGE"]}}, "e", 1, []))
    assert [q.status for q in by_words.questions] == ["Hedged"]
    assert unmatched == ()


def test_no_overrides_change_nothing() -> None:
    assert apply_overrides(_briefing(), parse_overrides(None, "e.yaml", None, [])) == (_briefing(), ())


def test_event_yaml_overrides_are_loaded_and_bad_ones_located(tmp_path: Path) -> None:
    event = tmp_path / "river-flood"
    event.mkdir()
    (event / "a.md").write_text("The river rose two metres overnight.\n")
    (event / "event.yaml").write_text(
        "title: River flood\n\noverrides:\n  pin: [river]\n"
        "  hide:\n    weather: [rain]\n  notes: [Checked by the desk.]\n"
    )
    problems: list[Problem] = []
    meta = load_event(event, tmp_path, problems).meta
    assert meta.overrides.pin == ("river",)
    assert [n.text for n in meta.overrides.notes] == ["Checked by the desk."]
    assert [str(p) for p in problems] == [
        "river-flood/event.yaml:3: warning: overrides.hide.weather: unknown section "
        "(known: who, what, numbers, quotes, questions, conflicts, timeline); ignored"
    ]


def test_an_override_that_matches_nothing_is_a_build_warning(tmp_path: Path) -> None:
    from briefgen.build import build
    from briefgen.config import load_config
    from briefgen.errors import BuildError

    event = tmp_path / "content" / "river-flood"
    event.mkdir(parents=True)
    (event / "a.md").write_text("The river rose two metres overnight.\n")
    (event / "event.yaml").write_text("overrides:\n  people:\n    - name: Nobody Here\n")
    cfg = tmp_path / "briefgen.yaml"
    cfg.write_text("search: false\n")
    result = build(load_config(cfg), use_cache=False)
    warned = [str(p) for p in result.problems]
    assert any(w.startswith("river-flood/event.yaml: warning: overrides.people") for w in warned), warned
    try:
        build(load_config(cfg, {"output_dir": "strict-site"}), strict=True, use_cache=False)
    except BuildError as err:
        assert any("Nobody Here" in str(p) for p in err.problems)
    else:
        raise AssertionError("--strict must fail on an override that matches nothing")
