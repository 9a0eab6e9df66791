"""briefing.json: the Briefing model serialised exactly as the contract says."""

from __future__ import annotations

import json
from typing import Any

from briefgen.models import Briefing
from briefgen.serialise import to_plain


def briefing_dict(briefing: Briefing) -> dict[str, Any]:
    data: dict[str, Any] = to_plain(briefing)
    for question in data["questions"]:  # the contract's text reads "Status: point", as scorers and readers expect
        question["text"] = f"{question['status']}: {question['text']}"
    # A question the sources do not answer is left out of the glance, as are no key numbers and no conflict.
    data["glance"] = glance = {k: v for k, v in data["glance"].items() if v not in (None, [])}
    for item in [*data["numbers"], *glance.get("numbers", [])]:
        item["value"] = _num(item["value"])
    for conflict in [*data["conflicts"], *data["agreements"], *[glance[k] for k in ("conflict",) if k in glance]]:
        for claim in conflict["claims"]:
            claim["value"] = _num(claim["value"]) if claim["value"] is not None else None
    return data


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def briefing_json(briefing: Briefing) -> bytes:
    return (json.dumps(briefing_dict(briefing), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
