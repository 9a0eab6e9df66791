"""A hand-made briefing of one event told by many sources, every section long and citing every source, to
test that pages fold what is long and never scroll sideways (no spaCy). The sentences are our own."""

from __future__ import annotations

from pathlib import Path

from briefgen import models as m
from briefgen.config import load_config
from briefgen.render import render_site
from briefgen.render.theme import resolve_theme
from briefgen.write import write_site
from tests.theme_sample import make_article

SLUG = "river-flood"
SOURCES = 14
SENTENCES = (
    "The river burst its banks on Tuesday night and flooded the lower town.",
    "Rescuers moved 1,200 residents to the sports hall before dawn.",
    "The mayor said the new levee had held along the eastern bank.",
    '"We have never seen the water rise this fast," a volunteer said.',
    "It is not known when the bridge on the ring road will reopen.",
    "Insurers put the early cost of the damage at 40 million euros.",
)


def _id(i: int) -> str:
    return f"outlet-{i:02d}-with-a-rather-long-name-for-its-article-file"


def articles() -> list[m.Article]:
    return [
        make_article(
            SLUG,
            _id(i),
            SENTENCES,
            f"Flood report number {i} with a headline that runs on for quite a few words",
            f"www.regional-news-outlet-{i}.example.com",
            f"https://www.regional-news-outlet-{i}.example.com/2026/06/02/river-flood-lower-town-evacuated",
            f"2026-06-{(i % 3) + 2:02d}",
        )
        for i in range(SOURCES)
    ]


def every(*sentences: int) -> tuple[m.Citation, ...]:
    """A citation of each of `sentences` in every source: long runs of markers."""
    return tuple(m.Citation(_id(i), n, SENTENCES[n]) for i in range(SOURCES) for n in sentences)


def briefing() -> m.Briefing:
    arts = articles()
    counts = tuple(
        m.Claim(1200 + 100 * (i % 2), f"{1200 + 100 * (i % 2)} residents", (m.Citation(_id(i), 1, SENTENCES[1]),))
        for i in range(SOURCES)
    )
    moved = m.Conflict("Residents moved to the sports hall", counts)
    numbers = tuple(
        m.NumberItem(k, "resident", f"{k:,} residents", f"Rescuers moved {k:,} residents before dawn", every(1, 5))
        for k in range(1000, 1000 + 12 * 50, 50)
    )
    return m.Briefing(
        event=m.EventInfo(SLUG, "River flood in the lower town", "2026-06-02"),
        sources=tuple(m.SourceInfo(a.id, a.path, a.title, a.outlet, a.url, a.published) for a in arts),
        who=tuple(
            m.WhoItem(f"Person Number{i} Withalongsurname", "person", (), ("volunteer coordinator",), every(2), 2)
            for i in range(9)
        )
        + tuple(m.WhoItem(f"Agency {i}", "org", (), (), every(2), 1) for i in range(9)),
        what=tuple(m.WhatItem(SENTENCES[n], every(n, 0, 4)) for n in (0, 1, 2, 5, 0, 1)),
        numbers=numbers,
        quotes=tuple(m.QuoteItem(SENTENCES[3].split('"')[1], "a volunteer", every(3)) for _ in range(5)),
        questions=tuple(
            m.QuestionItem("when the bridge on the ring road will reopen", every(4), "Unclear") for _ in range(5)
        ),
        conflicts=(moved,),
        timeline=tuple(
            m.TimelineItem("on Tuesday night", f"2026-06-{d:02d}", SENTENCES[0], every(0)) for d in range(1, 9)
        ),
        coverage=tuple(
            m.CoverageRow(
                SENTENCES[n],
                "what",
                tuple(m.CoverageCell(a.id, "reported", (m.Citation(a.id, n, SENTENCES[n]),)) for a in arts),
            )
            for n in range(len(SENTENCES))
        ),
        glance=m.Glance(
            who=m.Answer("rescuers and the mayor of the lower town", every(1, 2)),
            what=m.Answer("The river burst its banks and flooded the lower town", every(0)),
            when=m.Answer("Tuesday night (2 June 2026)", every(0)),
            where=m.Answer("the lower town", every(0)),
            numbers=numbers[:5],
            conflict=moved,
        ),
    )


def render_many(out: Path) -> Path:
    """Render the event into `out`; returns `out`."""
    config = load_config(None)
    write_site(render_site(config, resolve_theme(config.theme, out.parent), {SLUG: (briefing(), articles())}), out)
    return out
