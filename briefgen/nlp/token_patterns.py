"""Token patterns of an attribute ruler, matched the way spaCy's Matcher does, by an index of token values.

spaCy's Matcher calls Python for every IN, NOT_IN and REGEX test of every token; an attribute ruler's
patterns are many and short, so an index from each attribute value to its tokens answers them with a few
set operations. Only what such patterns use is read: fixed-length patterns over COLUMNS with exact values,
IN, NOT_IN and REGEX; anything else raises Unsupported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

COLUMNS = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE")  # the token attributes a pattern may test here


class Unsupported(ValueError):
    """A pattern this module cannot match."""


@dataclass(frozen=True)
class Check:
    """One test of one token attribute: one of `values`, none of them (`negate`), or a `regex` search."""

    column: int
    values: frozenset[int] = frozenset()
    negate: bool = False
    regex: re.Pattern[str] | None = None


Token = list[Check]  # all must hold
Pattern = list[Token]  # consecutive tokens


class Columns:
    """One Doc's values of COLUMNS, and for each column the tokens holding each value."""

    def __init__(self, doc: Any) -> None:
        self.size = len(doc)
        self.values: list[list[int]] = doc.to_array(list(COLUMNS)).T.tolist() if self.size else [[] for _ in COLUMNS]
        self.where: list[dict[int, list[int]]] = []
        for column in self.values:
            where = defaultdict(list)
            for i, value in enumerate(column):
                where[value].append(i)
            self.where.append(where)
        self.strings = doc.vocab.strings

    def positions(self, checks: Token) -> set[int]:
        """The tokens that pass every check."""
        positive = [c for c in checks if not c.negate]
        found = set(range(self.size)) if not positive else self._passing(positive[0])
        for check in positive[1:]:
            found &= self._passing(check)
        for check in checks:
            if check.negate:
                column = self.values[check.column]
                found = {i for i in found if column[i] not in check.values}
        return found

    def _passing(self, check: Check) -> set[int]:
        where = self.where[check.column]
        if check.regex is None:
            keys: Any = check.values
        else:  # the Matcher searches the attribute's string
            regex = check.regex
            keys = [key for key in where if regex.search(self.strings[key])]
        return {i for key in keys for i in where.get(key, ())}

    def match(self, pattern: Pattern) -> list[int]:
        """The start of every run of tokens the pattern matches."""
        starts: set[int] | None = None
        for offset, token in enumerate(pattern):
            here = {i - offset for i in self.positions(token)}
            starts = here if starts is None else starts & here
            if not starts:
                return []
        return sorted(i for i in starts or () if i >= 0 and i + len(pattern) <= self.size)


def compile_pattern(vocab: Any, tokens: Sequence[dict[str, Any]]) -> Pattern:
    """A Matcher pattern as checks, reading values as the Matcher does (strings by their hash)."""
    return [_compile_token(vocab, spec) for spec in tokens]


def _compile_token(vocab: Any, spec: dict[str, Any]) -> Token:
    checks = []
    for key, value in spec.items():
        if key not in COLUMNS:
            raise Unsupported(key)
        column = COLUMNS.index(key)
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                raise Unsupported(f"{key}: {value!r}")
            checks.append(Check(column, frozenset({int(value)})))
        elif isinstance(value, str):
            checks.append(Check(column, frozenset({vocab.strings.add(value)})))
        elif isinstance(value, dict) and len(value) == 1:
            ((predicate, argument),) = value.items()
            if predicate in ("IN", "NOT_IN") and all(isinstance(v, str) for v in argument):
                hashes = frozenset(vocab.strings.add(v) for v in argument)
                checks.append(Check(column, hashes, negate=predicate == "NOT_IN"))
            elif predicate == "REGEX" and isinstance(argument, str):
                checks.append(Check(column, regex=re.compile(argument)))
            else:
                raise Unsupported(f"{key}: {predicate}")
        else:
            raise Unsupported(f"{key}: {value!r}")
    return checks
