"""briefing.json: the Briefing model serialised exactly as the contract says."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from briefgen.models import Briefing


def briefing_dict(briefing: Briefing) -> dict[str, Any]:
    data = dataclasses.asdict(briefing)
    data.pop("problems", None)
    for item in data["numbers"]:
        item["value"] = _num(item["value"])
    for conflict in [*data["conflicts"], *data["agreements"]]:
        for claim in conflict["claims"]:
            claim["value"] = _num(claim["value"]) if claim["value"] is not None else None
    return data


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def briefing_json(briefing: Briefing) -> bytes:
    return (json.dumps(briefing_dict(briefing), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
