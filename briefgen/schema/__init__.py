"""The JSON Schema of briefing.json, generated from the models: `python -m briefgen.schema` rewrites the shipped
briefing.schema.json after a change to the Briefing models, and a test fails while the two differ."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from briefgen.models import Briefing, EventInfo
from briefgen.render.briefing_json import briefing_dict
from briefgen.serialise import adapter

SCHEMA_FILE = Path(__file__).with_name("briefing.schema.json")

# What the contract promises beyond the types (../shared/eval/README.md), by model and field: every item cites
# at least one sentence, ids and cited texts are not empty, a conflict sets two claims side by side, dates are ISO;
# and what a field holds where its name does not say.
CONTRACT: dict[str, dict[str, dict[str, Any]]] = {
    "Citation": {"source": {"minLength": 1}, "sentence": {"minimum": 0}, "text": {"minLength": 1}},
    "EventInfo": {"slug": {"minLength": 1}},
    "SourceInfo": {"id": {"minLength": 1}, "path": {"minLength": 1}, "published": {"pattern": r"^\d{4}-\d{2}-\d{2}$"}},
    "WhoItem": {"name": {"minLength": 1}, "citations": {"minItems": 1}},
    "WhatItem": {"citations": {"minItems": 1}},
    "NumberItem": {"citations": {"minItems": 1}},
    "QuoteItem": {"text": {"minLength": 1}, "citations": {"minItems": 1}},
    "QuestionItem": {
        "text": {"description": 'The status, then the open point: "Unclear: whether the bridge will reopen".'},
        "citations": {"minItems": 1},
        "status": {"description": "What the sources say of the point: Unclear, Not disclosed, Hedged..."},
    },
    "Claim": {"citations": {"minItems": 1}},
    "Conflict": {"claims": {"minItems": 2}},
    "Agreement": {"claims": {"minItems": 2}},
    "TimelineItem": {"date": {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, "citations": {"minItems": 1}},
    "CoverageCell": {"source": {"minLength": 1}},
    "Answer": {"text": {"minLength": 1}, "citations": {"minItems": 1}},
    "Glance": {"numbers": {"maxItems": 5}},
}


class _AsWritten(GenerateJsonSchema):
    """The schema of what briefing.json holds: every field is written, so every field is required; no Python
    defaults and no titles repeating the field names."""

    def field_is_required(
        self, field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField, total: bool
    ) -> bool:
        return True

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def briefing_schema() -> dict[str, Any]:
    """The JSON Schema of briefing.json (see briefgen/render/briefing_json.py for how it is written)."""
    generated = adapter(Briefing).json_schema(mode="serialization", schema_generator=_AsWritten)
    defs = generated["$defs"]
    written = set(briefing_dict(Briefing(EventInfo("event", "Event"), ())))  # a field kept out is left out here
    generated["properties"] = {k: v for k, v in generated["properties"].items() if k in written}
    generated["required"] = [name for name in generated["required"] if name in written]
    # The glance leaves out the questions the sources do not answer (and empty numbers, no conflict): nothing
    # in it is required, and what is there is never null.
    glance = defs["Glance"]
    del glance["required"]
    glance["additionalProperties"] = False
    for prop in glance["properties"].values():
        if "anyOf" in prop:
            (prop["$ref"],) = (alt["$ref"] for alt in prop.pop("anyOf") if alt != {"type": "null"})
    for model, fields in CONTRACT.items():
        for field, rules in fields.items():
            defs[model]["properties"][field].update(rules)  # a KeyError: the table names a field that is gone
    generated.pop("title")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "briefgen/briefing.schema.json",
        "title": "briefgen briefing",
        **generated,
    }


def schema_text() -> str:
    """briefing_schema() as shipped: indented, in the models' field order."""
    return json.dumps(briefing_schema(), ensure_ascii=False, indent=2) + "\n"
