"""`briefgen serve`: build, serve the site, and rebuild through `build()` when its inputs change.

A template edit first re-renders only the pages browsers show (`render_pages`, from cached briefings)
and reloads them, then `build()` writes the whole site; a second reload follows only if the build's
pages or problems differ from what was shown.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from types import FrameType

from briefgen.build import BuildResult
from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.models import Page, Problem
from briefgen.render.theme import resolve_theme
from briefgen.serve.reload import ChangeKind, ReloadState, Snapshot, problems_from
from briefgen.serve.server import PreviewServer, SiteRoot
from briefgen.serve.watcher import ChangeQueue, Watcher, WatchPlan

LoadConfig = Callable[[], Config]
RunBuild = Callable[[Config], BuildResult]
RenderPages = Callable[[Config, Collection[str]], Sequence[Page]]


def change_kind(changed: Iterable[Path]) -> ChangeKind:
    """'css' when only existing stylesheets changed (the browser swaps them), else 'full'."""
    paths = list(changed)
    return "css" if paths and all(p.suffix.lower() == ".css" and p.is_file() for p in paths) else "full"


def theme_dirs(config: Config) -> tuple[Path, ...]:
    """The site's themes/ folder and the folders of its theme, resolved."""
    return tuple(d.resolve() for d in (config.root / "themes", *resolve_theme(config.theme, config.root).folders))


def watch_plan(config: Config, config_file: Path) -> WatchPlan:
    dirs = (config.content_path.resolve(), *theme_dirs(config))
    return WatchPlan(config_file.resolve(), dirs, config.output_path.resolve())


def template_dirs(config: Config) -> list[Path]:
    """The templates/ folders of the site's theme and of every theme in its themes/ folder, resolved."""
    themes = config.root / "themes"
    folders = [*resolve_theme(config.theme, config.root).folders, *(themes.glob("*/") if themes.is_dir() else ())]
    return [(f / "templates").resolve() for f in folders]


def templates_only(changed: Iterable[Path], templates: Iterable[Path]) -> bool:
    """Whether every changed path is in one of the `templates` folders (no content, config or static file)."""
    paths, folders = list(changed), list(templates)
    return bool(paths) and all(any(p.is_relative_to(d) for d in folders) for p in paths)


class Preview:
    """The server, the watcher and the rebuild thread of one `serve` session."""

    def __init__(
        self,
        load_config: LoadConfig,
        run_build: RunBuild,
        config_file: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        quiet: float = 0.05,
        log: Callable[[str], None] | None = None,
        preload_model: bool = True,
        render_pages: RenderPages | None = None,
    ) -> None:
        self.load_config = load_config
        self.run_build = run_build
        self.render_pages = render_pages
        self.config_file = config_file.resolve()
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.config = load_config()
        self.state = ReloadState()
        self.queue = ChangeQueue(quiet=quiet)
        self.watcher = Watcher(watch_plan(self.config, self.config_file), self.queue)
        self.server = PreviewServer(host, port, self._site_root(), self.state)
        self.preload_model = preload_model
        self.last_build = ""
        self.last_result: BuildResult | None = None
        self.ready = threading.Event()  # set once the rebuild thread waits for changes
        self.idle = threading.Event()  # set while the rebuild thread waits for changes
        self._threads: list[threading.Thread] = []
        self._pending_full = False

    def _site_root(self) -> SiteRoot:
        return SiteRoot(self.config.output_path.resolve(), self.config.base_path)

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        self.rebuild(set(), reload_config=False)
        self.watcher.start()
        for name, target in (("http", self._serve_http), ("rebuild", self._rebuild_loop)):
            thread = threading.Thread(target=target, name=f"briefgen-serve-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop watching, end event streams and the server, and wait for the threads."""
        self.queue.close()
        self.state.close()
        self.watcher.stop()
        if self._threads:  # shutdown() waits for serve_forever, which only runs once started
            self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)

    def _serve_http(self) -> None:
        self.server.serve_forever(poll_interval=0.1)

    def _rebuild_loop(self) -> None:
        if self.preload_model:
            self._preload()
        self.ready.set()
        self.idle.set()
        while (batch := self.queue.take()) is not None:
            self.idle.clear()
            self.rebuild(batch)
            self.idle.set()

    def _preload(self) -> None:
        """Load the NLP model before the first article edit needs it (on this thread: builds never race it)."""
        from briefgen.nlp.model import load_model

        with contextlib.suppress(BriefgenError):  # a missing model is reported by the build that needs it
            load_model(self.config.nlp_model)

    def rebuild(self, changed: set[Path], reload_config: bool | None = None) -> Snapshot:
        """Run `build()` for a batch of changed paths and publish the outcome to browsers."""
        start = time.perf_counter()
        self._pending_full = self._pending_full or change_kind(changed) == "full"
        shown = self._render_ahead(changed) if reload_config is None else None
        try:
            if reload_config or (reload_config is None and self.config_file in changed):
                self.config = self.load_config()
            result = self.run_build(self.config)
        except Exception as err:  # any build failure is shown; the last good site stays served
            self.server.ahead.drop()
            problems = problems_from(err)
            self._report("build failed", problems)
            return self.state.failed(problems)
        ahead, stale = self.server.ahead.drop()
        self.server.site = self._site_root()
        self.watcher.update(watch_plan(self.config, self.config_file))
        errors = [p for p in result.problems if p.severity == "error"]
        stats = result.stats
        self.last_result = result
        self.last_build = (
            f"built {result.events} briefings in {time.perf_counter() - start:.2f}s"
            f" ({stats.extracted} articles extracted, {stats.rendered} events rendered)"
        )
        self._report(self.last_build, result.problems)
        kind: ChangeKind = "full" if self._pending_full else "css"
        self._pending_full = False
        if shown is not None and not stale and shown.problems == tuple(errors) and self._on_disk(ahead):
            return shown  # the browsers already show what the build wrote
        return self.state.built(kind, errors)

    def _render_ahead(self, changed: set[Path]) -> Snapshot | None:
        """On a template edit, render the pages browsers show, serve them ahead of the site and reload.

        None (nothing shown: the full build alone decides) when there is no open page, the edit is not
        templates only, or rendering fails (the full build then reports why).
        """
        if self.render_pages is None or self.last_result is None or not (wanted := self.server.ahead.wanted()):
            return None
        start = time.perf_counter()
        try:
            if not templates_only(changed, template_dirs(self.config)):
                return None
            pages = self.render_pages(self.config, wanted)
        except Exception:  # the full build that follows reports the same failure
            return None
        if not pages:
            return None
        self.server.ahead.show({p.path: p.content for p in pages})
        self.log(f"rendered {len(pages)} open pages ahead of the build in {time.perf_counter() - start:.2f}s")
        return self.state.built("full", [p for p in self.last_result.problems if p.severity == "error"])

    def _on_disk(self, pages: dict[str, bytes]) -> bool:
        """Whether the output dir holds exactly these pages (those rendered ahead, after the build)."""
        output = self.config.output_path
        try:
            return all((output / path).read_bytes() == body for path, body in pages.items())
        except OSError:
            return False

    def _report(self, headline: str, problems: Iterable[Problem]) -> None:
        self.log(headline)
        for problem in problems:
            self.log(f"  {problem}")


def serve(preview: Preview, open_browser: bool = False) -> int:
    """Run a preview until Ctrl-C (or SIGTERM); always stop it cleanly."""
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview.start()
        print(f"Serving {preview.url} (Ctrl-C to stop)", flush=True)
        if open_browser:
            webbrowser.open(preview.url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopping", flush=True)
    finally:
        preview.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
