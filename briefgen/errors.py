"""Exceptions that carry located problems up to the CLI."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.models import Problem


class BriefgenError(Exception):
    """A failure the user can act on; the CLI prints one line per problem."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class ConfigError(BriefgenError):
    """The site configuration is invalid."""


class BuildError(BriefgenError):
    """The build failed (or found warnings under --strict)."""
