"""Assemble the Briefing of one event from its articles and their extractions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from briefgen.models import Article, Briefing, EventInfo, EventMeta, Extraction, Problem, SourceInfo
from briefgen.reconcile.conflicts import find_conflicts
from briefgen.reconcile.corroborate import SentenceIndex, corroborate
from briefgen.reconcile.coverage import build_coverage
from briefgen.reconcile.glance import build_glance
from briefgen.reconcile.numbers import build_figures
from briefgen.reconcile.overrides import apply_overrides
from briefgen.reconcile.people import build_who
from briefgen.reconcile.questions import build_questions
from briefgen.reconcile.quotes import build_quotes
from briefgen.reconcile.rank import rank
from briefgen.reconcile.timeline import build_timeline
from briefgen.reconcile.what import build_what


def _title(slug: str, meta: EventMeta, articles: Sequence[Article]) -> str:
    if meta.title:
        return meta.title
    return slug.replace("-", " ").replace("_", " ").strip().capitalize() or slug


class Reconciled(NamedTuple):
    """An event's briefing, and beside it what was wrong with its input (editorial overrides that matched nothing)."""

    briefing: Briefing
    problems: tuple[Problem, ...]


def reconcile(slug: str, meta: EventMeta, articles: Sequence[Article], extractions: Sequence[Extraction]) -> Reconciled:
    index = {a.id: a for a in articles}
    dates = sorted(a.published for a in articles if a.published)
    figures = build_figures(extractions, index)
    conflicts, agreements = find_conflicts(figures, extractions, index)
    sentences = SentenceIndex(extractions, index)
    who = build_who(extractions, index)
    briefing = Briefing(
        event=EventInfo(
            slug=slug,
            title=_title(slug, meta, articles),
            date=meta.date or (dates[0] if dates else None),
            summary=meta.summary,
            tags=meta.tags,
        ),
        sources=tuple(SourceInfo(a.id, a.path, a.title, a.outlet, a.url, a.published, a.author) for a in articles),
        who=who,
        what=corroborate(build_what(extractions, index, who), sentences),
        numbers=tuple(f.item for f in figures),
        quotes=build_quotes(extractions, index),
        questions=corroborate(build_questions(extractions, index), sentences),
        conflicts=conflicts,
        agreements=agreements,
        timeline=build_timeline(extractions, index, meta.date),
    )
    edited, problems = apply_overrides(briefing, meta.overrides)
    briefing = rank(edited)  # editorial overrides (event.yaml), then ranking
    glance = build_glance(briefing, extractions, index, meta.date)
    return Reconciled(replace(briefing, glance=glance, coverage=build_coverage(briefing)), problems)
