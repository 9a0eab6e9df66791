"""build(): the one place that orders the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.config import Config
from briefgen.errors import BuildError
from briefgen.linkcheck import check_pages
from briefgen.load import load_content
from briefgen.models import Article, Briefing, Problem
from briefgen.nlp import extract_articles
from briefgen.parse import parse_source
from briefgen.reconcile import reconcile
from briefgen.render import render_site
from briefgen.render.theme import resolve_theme
from briefgen.search import search_pages
from briefgen.write import output_problems, write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    briefings: tuple[Briefing, ...]
    articles: int
    problems: tuple[Problem, ...]


def build(config: Config, strict: bool = False) -> BuildResult:
    """Load, parse, extract, reconcile, render and write the whole site.

    Problems in single files are collected; the rest of the site still builds.
    With `strict`, any problem (warnings included) or broken internal link fails the build before writing.
    """
    unsafe_output = output_problems(config.output_path, config.content_path, config.root)
    if unsafe_output:
        raise BuildError(unsafe_output)
    problems: list[Problem] = []
    events = [e for e in load_content(config.content_path, problems) if e.files]
    articles = {e.slug: [parse_source(f, problems) for f in e.files] for e in events}
    flat = [a for slug in articles for a in articles[slug]]
    extracted = dict(zip(((a.event, a.id) for a in flat), extract_articles(flat, config.nlp_model), strict=True))
    bundles: dict[str, tuple[Briefing, list[Article]]] = {}
    for event in events:
        arts = articles[event.slug]
        exs = [extracted[(a.event, a.id)] for a in arts]
        bundles[event.slug] = (reconcile(event.slug, event.meta, arts, exs), arts)
    failing = [p for p in problems if strict or p.severity == "error"]
    if failing and (strict or not bundles):
        raise BuildError(failing)
    pages = render_site(config, resolve_theme(config.theme, config.root), bundles)
    if strict and (broken := check_pages(pages, config.base_path)):
        raise BuildError(broken)
    if config.search:
        pages = [*pages, *search_pages(pages, config.language)]
    write_site(pages, config.output_path)
    return BuildResult(tuple(b for b, _ in bundles.values()), len(flat), tuple(problems))
