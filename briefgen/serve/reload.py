"""Live-reload state shared by the rebuild thread and the event streams of the browsers.

Each successful build advances `epoch`; `full_epoch` is the last epoch that needs a full page
reload (any change other than stylesheets). A failed build keeps the epoch (the last good site
stays served) and records located problems that the browser shows as an overlay.
"""

from __future__ import annotations

import json
import threading
import traceback
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import jinja2
import yaml

from briefgen.errors import BriefgenError
from briefgen.models import Problem

ChangeKind = Literal["full", "css"]
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a browser needs to decide: reload, swap stylesheets, or show the overlay."""

    server: str
    epoch: int
    full_epoch: int
    problems: tuple[Problem, ...]
    failed: bool  # the last build failed; `problems` say why
    version: int  # advances on every change of state, including failures

    def to_json(self) -> str:
        return json.dumps(
            {
                "server": self.server,
                "epoch": self.epoch,
                "full_epoch": self.full_epoch,
                "failed": self.failed,
                "problems": [{"file": p.path, "line": p.line, "message": p.message} for p in self.problems],
            }
        )


class ReloadState:
    """Thread-safe build state; readers block in `wait` until it changes or the server stops."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._snap = Snapshot(uuid.uuid4().hex[:12], 0, 0, (), False, 0)
        self._closed = False

    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snap

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed

    def built(self, kind: ChangeKind, problems: Iterable[Problem] = ()) -> Snapshot:
        """Record a successful build; `problems` are the errors it reported but survived."""
        with self._cond:
            s = self._snap
            epoch = s.epoch + 1
            full = epoch if kind == "full" else s.full_epoch
            self._snap = Snapshot(s.server, epoch, full, tuple(problems), False, s.version + 1)
            self._cond.notify_all()
            return self._snap

    def failed(self, problems: Iterable[Problem]) -> Snapshot:
        """Record a failed build: the site on disk is unchanged, the problems are shown."""
        with self._cond:
            s = self._snap
            self._snap = Snapshot(s.server, s.epoch, s.full_epoch, tuple(problems), True, s.version + 1)
            self._cond.notify_all()
            return self._snap

    def wait(self, after_version: int, timeout: float) -> Snapshot:
        """Block until the version passes `after_version`, the timeout ends or the state closes."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._snap.version > after_version, timeout)
            return self._snap

    def close(self) -> None:
        """Wake every waiting stream so that it can end."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def problems_from(err: BaseException) -> list[Problem]:
    """Locate a build failure as file, line and message for the overlay."""
    if isinstance(err, BriefgenError):
        return list(err.problems)
    if isinstance(err, jinja2.TemplateSyntaxError):
        return [Problem(err.filename or err.name or "template", f"template syntax error: {err.message}", err.lineno)]
    if isinstance(err, jinja2.TemplateNotFound):
        return [Problem(str(err.name), f"template not found: {err.message}")]
    if isinstance(err, yaml.YAMLError):
        mark = getattr(err, "problem_mark", None)
        return [Problem("YAML", f"invalid YAML: {err}", mark.line + 1 if mark is not None else None)]
    if isinstance(err, OSError):
        return [Problem(str(err.filename or "file"), f"cannot read or write: {err.strerror or err}")]
    path, line = _innermost_frame(err)
    return [Problem(path, f"{type(err).__name__}: {err}", line)]


def _innermost_frame(err: BaseException) -> tuple[str, int | None]:
    """Where to point: the innermost template frame (Jinja rewrites them), else briefgen's own, else the last."""
    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return "build", None
    templates = [f for f in frames if Path(f.filename).suffix not in (".py", "")]
    ours = [f for f in frames if Path(f.filename).is_relative_to(PACKAGE)]
    frame = (templates or ours or frames)[-1]
    return frame.filename, frame.lineno
