"""briefing.json: the Briefing model serialised exactly as the contract says."""

from __future__ import annotations

import json
from typing import Any

from briefgen.cache import field_names
from briefgen.models import Briefing


def briefing_dict(briefing: Briefing) -> dict[str, Any]:
    data: dict[str, Any] = _plain(briefing)
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


def _plain(obj: Any) -> Any:
    """What `dataclasses.asdict` gives for the models (which hold no mutable values to copy), faster."""
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    names = field_names(type(obj))
    return obj if names is None else {name: _plain(getattr(obj, name)) for name in names}


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def briefing_json(briefing: Briefing) -> bytes:
    return (json.dumps(briefing_dict(briefing), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
