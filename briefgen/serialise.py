"""The one serialiser of the typed models: a pydantic TypeAdapter per type, built once per process.

The cache stores records with `dump_json`/`load_json`, briefing.json and JSON in pages start from
`to_plain`, and briefgen/schema generates the briefing's JSON Schema from the same adapters.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def adapter(tp: Any) -> TypeAdapter[Any]:
    """The TypeAdapter of a type; building one costs milliseconds, so each is built once."""
    found = _ADAPTERS.get(tp)
    if found is None:
        found = _ADAPTERS[tp] = TypeAdapter(tp)
    return found


def dump_json(obj: object) -> bytes:
    """Compact JSON of a model (fields in declaration order), the same bytes for equal values."""
    return adapter(type(obj)).dump_json(obj)


def load_json(cls: type[T], data: bytes) -> T:
    """A `cls` rebuilt from `dump_json`'s output, validated; raises ValueError on anything else."""
    value: T = adapter(cls).validate_json(data)
    return value


def to_plain(obj: object) -> Any:
    """JSON-ready Python data: dicts, lists, strings, numbers, None. A model goes through its type's adapter,
    anything else (a dict holding models, a list...) by what each value turns out to be."""
    kind = type(obj)
    return adapter(kind if dataclasses.is_dataclass(kind) else Any).dump_python(obj, mode="json")
