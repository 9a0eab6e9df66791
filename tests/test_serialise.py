"""The one serialiser: records round-trip exactly through JSON, equal values give equal bytes, and briefing.json
and JSON in pages are plain data from the same adapters."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest
from markupsafe import Markup

from briefgen.models import (
    Answer,
    Briefing,
    Citation,
    Claim,
    Conflict,
    EventInfo,
    Extraction,
    Glance,
    Mention,
    NumberItem,
    NumberMention,
    Problem,
    QuoteMention,
    SourceInfo,
    WhoItem,
)
from briefgen.render.briefing_json import briefing_json
from briefgen.sanitize import json_for_html
from briefgen.serialise import dump_json, load_json, to_plain

CITE = Citation("court-1", 3, "The jury returned its verdict after two days.")


def _extraction() -> Extraction:
    return Extraction(
        source="flood-2",
        mentions=(Mention("Ines Varga", "PERSON", 0, role="river warden", titled=True), Mention("Lowmere", "GPE", 2)),
        quotes=(QuoteMention("the levee held until midnight", "Ines Varga", (1, 2)),),
        numbers=(NumberMention(1200.0, "household", "1,200 households", "1,200 households lost power", 3),),
        questions=(),
        terms=(("levee", "hold"), (), ("power",)),
        dates=(),
    )


@dataclass(frozen=True, slots=True)
class _Record:
    """Shaped like the build's records: nested tuples of fixed length, models inside."""

    files: tuple[tuple[str, int, int, int], ...]
    problems: tuple[Problem, ...]
    briefing: Briefing | None = None


def test_an_extraction_round_trips_exactly_with_tuples_and_literals() -> None:
    ex = _extraction()
    again = load_json(Extraction, dump_json(ex))
    assert again == ex
    assert isinstance(again.terms, tuple) and isinstance(again.terms[0], tuple)
    assert isinstance(again.numbers[0].value, float) and again.numbers[0].bound == "exact"


def test_a_briefing_round_trips_with_nested_records_and_defaults() -> None:
    briefing = Briefing(
        event=EventInfo("verdict", "Verdict in the harbour fraud trial", tags=("courts",)),
        sources=(SourceInfo("court-1", "verdict/court-1.md", "Jury decides", None, None, "2026-03-04"),),
        who=(WhoItem("Tomas Reyle", "person", ("Reyle",), ("defendant",), (CITE,), mentions=4),),
        conflicts=(Conflict("Days of deliberation: 2 vs 3", (Claim(2, "two days", (CITE,)), Claim(None, "x", ()))),),
        glance=Glance(who=Answer("the jury", (CITE,))),
    )
    again = load_json(Briefing, dump_json(briefing))
    assert again == briefing
    assert isinstance(again.who[0].citations, tuple) and isinstance(again.event.tags, tuple)


def test_build_shaped_records_round_trip() -> None:
    record = _Record((("ferry/index.html", 120, 17, 9),), (Problem("a.md", "no title", 2, "warning"),))
    assert load_json(_Record, dump_json(record)) == record


def test_records_of_another_shape_are_refused() -> None:
    data = dump_json(_extraction())
    for broken in (data[:-5], b"", b"[]", data.replace(b'"exact"', b'"roughly"')):
        with pytest.raises(ValueError):
            load_json(Extraction, broken)


def test_equal_values_give_equal_bytes_and_any_change_shows() -> None:
    assert dump_json(_extraction()) == dump_json(_extraction())
    assert dump_json(_extraction()) != dump_json(replace(_extraction(), terms=(("levee", "held"), (), ("power",))))


def test_to_plain_turns_models_inside_other_values_into_json_data() -> None:
    data = to_plain({"cite": CITE, "tags": ("sport", Markup("<b>cup</b>"))})
    assert data == {"cite": {"source": "court-1", "sentence": 3, "text": CITE.text}, "tags": ["sport", "<b>cup</b>"]}
    assert json.loads(json.dumps(data)) == data


def test_json_in_pages_takes_models_through_the_same_serialiser() -> None:
    text = json_for_html({"z": 1, "cite": Citation("lab-1", 0, "Results </script> came in.")})
    assert text.startswith('{"cite":{"sentence":0,"source":"lab-1","text":"Results \\u003c/script\\u003e')
    assert json.loads(text)["z"] == 1


def test_briefing_json_keeps_its_layout() -> None:
    """Field order of the models, two-space indent, whole numbers written as integers, nothing internal."""
    number = NumberItem(12.0, "goal", "12 goals", "scored 12 goals", (CITE,), approximate=True)
    briefing = Briefing(
        EventInfo("cup-final", "Cup final"),
        (SourceInfo("court-1", "cup-final/court-1.md", None, None, None, None),),
        numbers=(number, replace(number, value=2.5, text="2.5 goals")),
    )
    text = briefing_json(briefing).decode("utf-8")
    assert text.startswith('{\n  "event": {\n    "slug": "cup-final",\n    "title": "Cup final",\n    "date": null,')
    assert '"value": 12,\n' in text and '"value": 2.5,\n' in text and text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == [
        *("event", "sources", "who", "what", "numbers", "quotes", "questions", "conflicts", "agreements"),
        *("timeline", "coverage", "editor_notes", "glance"),
    ]
    assert data["glance"] == {}
