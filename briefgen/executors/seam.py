"""What a build needs of an extractor, and the names of where it may run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from briefgen.models import Article, Extraction

SCHEMES = ("tcp", "tls")  # the transports of a scheduler address a `dask worker` on another machine reaches


class ExtractorLike(Protocol):
    """What a build needs of an extractor: tickets for submitted articles, their extractions back."""

    expected: int  # articles the build may submit, an upper bound it can lower once known

    @property
    def extracted(self) -> int: ...

    def submit(self, article: Article) -> int: ...
    def result(self, ticket: int) -> Extraction: ...
    def prestart(self) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class Resident:
    """The resident NLP process of one cache folder (`--daemon`): its record lives there, its life is `minutes`
    idle minutes."""

    folder: Path
    minutes: int


def check_executor(value: str) -> str:
    """`value` if it names an executor, else a ValueError saying what does."""
    if value in ("local", "dask"):
        return value
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme in SCHEMES and parts.hostname and port and parts.path in ("", "/"):
        return value
    raise ValueError(f"'{value}' is not an executor: use local, dask or a scheduler address such as tcp://host:8786")
