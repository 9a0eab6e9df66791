"""The shipped JSON Schema of briefing.json is the one the models generate, and it holds the contract."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from briefgen.models import (
    Agreement,
    Answer,
    Briefing,
    Citation,
    Claim,
    Conflict,
    CoverageCell,
    CoverageRow,
    EventInfo,
    Glance,
    NumberItem,
    QuoteItem,
    SourceInfo,
    TimelineItem,
    WhatItem,
    WhoItem,
)
from briefgen.render.briefing_json import briefing_dict
from briefgen.schema import CONTRACT, SCHEMA_FILE, briefing_schema, schema_text

CITE = (Citation("lab-1", 2, "The probe reached the comet in May."),)


def _full() -> dict[str, Any]:
    """briefing.json of a briefing with every section filled."""
    number = NumberItem(3.0, "probe", "three probes", "three probes were launched", CITE, kind="count")
    claims = (Claim(3, "three probes", CITE), Claim(4, "four probes", CITE))
    briefing = Briefing(
        EventInfo("comet-probe", "Probe reaches comet", "2026-05-02", "A probe arrived.", ("science",)),
        (SourceInfo("lab-1", "comet-probe/lab-1.md", "Arrival", "Lab News", "https://example.org/a", "2026-05-02"),),
        who=(WhoItem("Mara Osei", "person", ("Osei",), ("mission lead",), CITE, mentions=2),),
        what=(WhatItem("The probe reached the comet.", CITE, pinned=True),),
        numbers=(number,),
        quotes=(QuoteItem("we are in orbit", "Mara Osei", CITE),),
        conflicts=(Conflict("Probes launched: 3 vs 4", claims, "sources differ", "probes launched"),),
        agreements=(Agreement("Probes", claims, "one counts the spare"),),
        timeline=(TimelineItem("in May", "2026-05", "the probe arrived", CITE, "late"),),
        coverage=(CoverageRow("The probe reached the comet.", "what", (CoverageCell("lab-1", "reported", CITE),)),),
        glance=Glance(who=Answer("the space agency", CITE), numbers=(number,), conflict=Conflict("x", claims)),
    )
    return json.loads(json.dumps(briefing_dict(briefing)))


def test_the_shipped_schema_is_what_the_models_generate() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == schema_text(), "run `python -m briefgen.schema` and commit the result"


def test_a_full_briefing_follows_the_schema_and_every_written_field_is_required() -> None:
    schema = briefing_schema()
    data = _full()
    jsonschema.validate(data, schema)
    assert set(schema["required"]) == set(data)
    del data["sources"][0]["author"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(
    "breach",
    [
        lambda d: d["what"][0].update(citations=[]),  # every item cites a sentence
        lambda d: d["numbers"][0]["citations"][0].update(text=""),
        lambda d: d["conflicts"][0].update(claims=d["conflicts"][0]["claims"][:1]),  # a conflict needs two claims
        lambda d: d["sources"][0].update(published="May 2"),  # ISO dates only
        lambda d: d["timeline"][0].update(date="2026-5"),
        lambda d: d["glance"].update(what=None),  # an unanswered question is left out, never null
        lambda d: d["glance"].update(verdict={"text": "x", "citations": []}),
        lambda d: d["glance"].update(numbers=d["glance"]["numbers"] * 6),  # three to five key figures
        lambda d: d["coverage"][0].update(kind="rumour"),
    ],
)
def test_the_schema_refuses_what_the_contract_rules_out(breach: Any) -> None:
    data = _full()
    breach(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, briefing_schema())


def test_a_contract_rule_for_a_field_that_is_gone_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CONTRACT, "Citation", {**copy.deepcopy(CONTRACT["Citation"]), "page": {"minimum": 1}})
    with pytest.raises(KeyError):
        briefing_schema()
