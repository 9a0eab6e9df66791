"""`briefgen check`: validate config, content and theme without writing anything or running NLP."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

import jinja2

from briefgen.config import Config
from briefgen.load import load_content
from briefgen.models import Problem
from briefgen.parse import parse_source
from briefgen.render.theme import make_environment, resolve_theme
from briefgen.sanitize import inline_scripts
from briefgen.write import output_problems

REQUIRED_TEMPLATES = ("index.html", "event.html", "source.html", "404.html")


@dataclass(frozen=True, slots=True)
class CheckResult:
    events: int
    articles: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


def theme_problems(config: Config) -> list[Problem]:
    """Every template compiles; the required ones exist; inline scripts can be allowed by the CSP."""
    theme = resolve_theme(config.theme, config.root)
    problems = []
    if all(folder.name != config.theme for folder in theme.folders):
        problems.append(Problem("config", f"theme '{config.theme}' not found; using default", None, "warning"))
    env = make_environment(theme)
    assert env.loader is not None
    for name in sorted(n for n in env.list_templates() if not n.startswith("!default/")):
        try:
            source, filename, _ = env.loader.get_source(env, name)
            env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as err:
            problems.append(Problem(filename or name, f"template syntax error: {err.message}", err.lineno))
            continue
        for body, hashable in inline_scripts(source):
            if not hashable:
                line = source[: source.find(body)].count("\n") + 1
                msg = "inline script uses template syntax; the Content-Security-Policy will block it"
                problems.append(Problem(filename or name, msg, line, "warning"))
    for name in REQUIRED_TEMPLATES:
        if name not in env.list_templates():
            problems.append(Problem(config.theme, f"theme has no template '{name}'"))
    return problems


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def check_site(config: Config) -> CheckResult:
    """Every problem of the site, as a build would report it, and more (theme, model, output)."""
    problems = output_problems(config.output_path, config.content_path, config.root)
    if not _installed(config.nlp_model):
        problems.append(Problem("config", f"nlp_model '{config.nlp_model}' is not an installed spaCy pipeline"))
    events = load_content(config.content_path, problems)
    articles = [parse_source(f, problems) for e in events for f in e.files]
    problems.extend(theme_problems(config))
    return CheckResult(len([e for e in events if e.files]), len(articles), tuple(problems))
