"""Assemble the Briefing of one event from its articles and their extractions."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.models import Article, Briefing, EventInfo, EventMeta, Extraction, SourceInfo
from briefgen.reconcile.numbers import build_numbers
from briefgen.reconcile.overrides import apply_overrides
from briefgen.reconcile.people import build_who
from briefgen.reconcile.questions import build_questions
from briefgen.reconcile.quotes import build_quotes
from briefgen.reconcile.what import build_what


def _title(slug: str, meta: EventMeta, articles: Sequence[Article]) -> str:
    if meta.title:
        return meta.title
    return slug.replace("-", " ").replace("_", " ").strip().capitalize() or slug


def reconcile(slug: str, meta: EventMeta, articles: Sequence[Article], extractions: Sequence[Extraction]) -> Briefing:
    index = {a.id: a for a in articles}
    dates = sorted(a.published for a in articles if a.published)
    briefing = Briefing(
        event=EventInfo(
            slug=slug,
            title=_title(slug, meta, articles),
            date=meta.date or (dates[0] if dates else None),
            summary=meta.summary,
            tags=meta.tags,
        ),
        sources=tuple(SourceInfo(a.id, a.path, a.title, a.outlet, a.url, a.published, a.author) for a in articles),
        who=build_who(extractions, index),
        what=build_what(extractions, index),
        numbers=build_numbers(extractions, index),
        quotes=build_quotes(extractions, index),
        questions=build_questions(extractions, index),
        conflicts=(),
    )
    return apply_overrides(briefing, meta.overrides)  # editorial overrides (event.yaml) come last
