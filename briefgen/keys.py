"""Every cache key of the build, each covering exactly what its step reads.

- extraction: the article's parsed content, the spaCy model and the extraction code;
- briefing: the event's sources (so its articles and their extractions), `event.yaml` and the code that
  parses, extracts and reconciles them;
- pages: the briefing, the themes (the site's and the shipped one, found through the package), the config
  and the rendering code;
- site: the events' summaries, the themes, the config and the rendering code.

"The code" of a step is the source of the modules its entry point imports, followed transitively through
briefgen (read with `ast`, imports under `if TYPE_CHECKING:` left out), so an edit to the daemon, the CLI
or the renderer never throws away a cached extraction. A build reads the modules' imports through a memo of
their stat (`remember_imports`), so it parses only the modules edited since the last build.
"""

from __future__ import annotations

import ast
import dataclasses
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.cache import (
    EXTRACTION_VERSION,
    PACKAGE,
    digest,
    files_fingerprint,
    shipped_themes,
)
from briefgen.modelinfo import model_identity
from briefgen.serialise import dump_json
from briefgen.statmemo import StatMemo

if TYPE_CHECKING:
    from briefgen.config import Config
    from briefgen.models import Article, EventSource

# Libraries whose version can change what a step makes: reading markdown, web pages and front matter (and the
# slugs of URLs) for the briefing; templates, escaping, sanitizing and the search bundle for pages.
READING_LIBRARIES = ("markdown-it-py", "pyyaml", "trafilatura", "htmldate", "python-slugify", "text-unidecode")
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "nh3", "pagefind", "pagefind-bin")

# Settings that say where and how a build runs, not what it makes.
_RUN_SETTINGS = frozenset(
    {"root", "content_dir", "output_dir", "nlp_daemon", "nlp_daemon_minutes", "executor", "publish"}
)


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    base = PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_remembered: dict[Path, frozenset[str]] = {}


def remember_imports(folder: Path) -> None:
    """Learn every briefgen module's imports through a memo in `folder`, parsing only the changed modules.

    The memo is named for this file's source, so entries parsed by another version of this code are not used.
    """
    memo = StatMemo(folder / f"imports-{digest(Path(__file__).read_bytes())[:16]}.json")
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("briefgen", *parts[: -1 if parts[-1] == "__init__" else None]))
        stat = path.stat()
        found = memo.get(str(path), stat)
        if found is None:
            found = tuple(sorted(_parse_imports(path, name)))
            memo.put(str(path), stat, found)
        _remembered[path] = frozenset(found)
    memo.save()


@cache
def _imports(path: Path, name: str) -> frozenset[str]:
    """The briefgen modules a module imports anywhere in it, except under `if TYPE_CHECKING:`."""
    known = _remembered.get(path)
    return _parse_imports(path, name) if known is None else known


def _parse_imports(path: Path, name: str) -> frozenset[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # a submodule imported by name
    return frozenset(m for m in found if m.split(".")[0] == "briefgen" and _module_file(m) is not None)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """The statements of a module, nested ones included (imports are statements), minus `if TYPE_CHECKING:`."""
    nodes: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking(node.test):
            stack.extend(node.orelse)
            continue
        nodes.append(node)
        stack.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt | ast.excepthandler))
    return nodes


def _type_checking(test: ast.expr) -> bool:
    return any(
        isinstance(n, ast.Name | ast.Attribute)
        and "TYPE_CHECKING" in (getattr(n, "id", None), getattr(n, "attr", None))
        for n in ast.walk(test)
    )


@cache
def code_closure(*roots: str) -> tuple[Path, ...]:
    """The source files of the modules `roots` import, transitively, with the packages they sit in."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = [name.rsplit(".", i)[0] for i in range(1, name.count("."))]
        todo += [*parents, *_imports(_module_file(name) or PACKAGE, name)]
    return tuple(sorted(f for m in seen if (f := _module_file(m)) is not None))


@cache
def code_key(*roots: str) -> str:
    """Hash of the code a step runs (see `code_closure`); computed once per process."""
    return files_fingerprint(code_closure(*roots), PACKAGE)


def extraction_code() -> str:
    """The code that makes and writes an extraction: a cluster's workers must run the same."""
    return code_key("briefgen.nlp.extract", "briefgen.serialise")


@cache
def libraries_key(names: tuple[str, ...]) -> str:
    """The installed versions of these libraries."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} absent")
    return digest(*versions)


class Keys:
    """The cache keys of one build's config."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.model = model_identity(config.nlp_model)
        self.settings = config.model_dump_json(exclude=set(_RUN_SETTINGS))
        self._rendering: dict[str, str] = {}

    def extraction(self, article: Article) -> str:
        content = dataclasses.replace(article, event="", path="", sha256="")  # what extraction may read
        return digest("extraction", extraction_code(), self.model, str(EXTRACTION_VERSION), dump_json(content))

    def briefing(self, event: EventSource) -> str:
        sources = [dump_json(dataclasses.replace(f, text="")) for f in event.files]  # sha256 stands for the text
        code = code_key("briefgen.parse", "briefgen.nlp.extract", "briefgen.reconcile", "briefgen.serialise")
        libraries = libraries_key(READING_LIBRARIES)
        return digest(
            "briefing",
            code,
            libraries,
            self.model,
            str(EXTRACTION_VERSION),
            dump_json(event.meta),
            event.slug,
            *sources,
        )

    def pages(self, briefing_key: str) -> str:
        """An event's pages read its briefing and the templates: a stylesheet edit re-renders none."""
        return digest("pages", briefing_key, self.rendering("*/templates/**/*"))

    def site(self, summaries: list[str]) -> str:
        return digest("site", self.rendering("**/*"), *summaries)

    def search(self, bundle: str, first: bool, documents: list[str]) -> str:
        """A search bundle reads its shard's documents; the first also holds the search code."""
        return digest("search", self.rendering("**/*"), bundle, "first" if first else "merged", *documents)

    def rendering(self, theme_files: str) -> str:
        """What rendered pages read beyond their data: these files of the site's themes/ and of the shipped
        themes, the config, the rendering code and libraries."""
        if theme_files not in self._rendering:
            parts = []
            for folder in (self.config.root / "themes", shipped_themes()):
                if folder is None:
                    continue
                found = [p for p in folder.glob(theme_files) if p.is_file() and "__pycache__" not in p.parts]
                parts.append(files_fingerprint(found, folder))
            code = code_key("briefgen.render.site", "briefgen.render.summary", "briefgen.search", "briefgen.serialise")
            self._rendering[theme_files] = digest(*parts, self.settings, code, libraries_key(RENDERING_LIBRARIES))
        return self._rendering[theme_files]
