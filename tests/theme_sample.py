"""A hand-made briefing that fills every section the theme renders, and a site rendered from it (no spaCy).

The sentences are our own; two sources, one with a web URL (text fragments) and one without.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.config import Config, load_config
from briefgen.models import (
    Agreement,
    Answer,
    Article,
    Block,
    Briefing,
    Citation,
    Claim,
    Conflict,
    CoverageCell,
    CoverageRow,
    EditorNote,
    EventInfo,
    Glance,
    NumberItem,
    QuestionItem,
    QuoteItem,
    Sentence,
    SourceInfo,
    TimelineItem,
    WhatItem,
    WhoItem,
)
from briefgen.render import render_site
from briefgen.render.theme import resolve_theme
from briefgen.write import write_site

SLUG = "harbour-crane-collapse"
URL = "https://news.example.com/crane"
TEXTS = {
    "port-gazette": (
        "A crane collapsed at the north harbour on Monday, injuring three dock workers.",
        "Harbour master Lena Ortiz said the crane was 40 years old and due for replacement.",
        '"We warned the board twice," Ortiz said.',
        "It is unclear when the north quay will reopen.",
    ),
    "coast-radio": (
        "Four workers were hurt when a harbour crane fell over on Monday morning.",
        "The port authority, led by Lena Ortiz, closed the north quay until further notice.",
        "Repairs could take six weeks, an engineer estimated.",
    ),
}


def cite(source: str, sentence: int) -> Citation:
    return Citation(source, sentence, TEXTS[source][sentence])


def make_article(
    event: str, sid: str, sentences: tuple[str, ...], title: str, outlet: str, url: str | None, published: str
) -> Article:
    """An article of one paragraph per sentence."""
    text, parts = "", []
    for i, s in enumerate(sentences):
        parts.append(Sentence(i, s, len(text), len(text) + len(s), i))
        text += s + "\n\n"
    blocks = tuple(Block("paragraph", (i,)) for i in range(len(sentences)))
    return Article(
        sid, event, f"{event}/{sid}.md", title, outlet, url, published, None, text, tuple(parts), blocks, "0" * 64
    )


def sample_articles() -> list[Article]:
    return [
        make_article(
            SLUG,
            sid,
            sentences,
            f"Crane report by {sid}",
            sid.replace("-", " ").title(),
            URL if sid == "port-gazette" else None,
            "2026-05-04" if sid == "port-gazette" else "2026-05-05",
        )
        for sid, sentences in TEXTS.items()
    ]


def sample_briefing() -> Briefing:
    arts = sample_articles()
    three, four = (
        Claim(3, "three dock workers", (cite("port-gazette", 0),)),
        Claim(4, "Four workers", (cite("coast-radio", 0),)),
    )
    injured = Conflict(
        "Workers injured: 3 vs 4", (three, four), "Three against four injured workers.", "Workers injured"
    )
    numbers = (
        NumberItem(3, "worker", "three dock workers", "injuring three dock workers", (cite("port-gazette", 0),)),
        NumberItem(4, "worker", "Four workers", "Four workers were hurt", (cite("coast-radio", 0),)),
        NumberItem(40, "year", "40 years", "the crane was 40 years old", (cite("port-gazette", 1),)),
    )
    return Briefing(
        event=EventInfo(SLUG, "Harbour crane collapse", "2026-05-04", None, ("port", "safety")),
        sources=tuple(SourceInfo(a.id, a.path, a.title, a.outlet, a.url, a.published) for a in arts),
        who=(
            WhoItem(
                "Lena Ortiz",
                "person",
                ("Ortiz",),
                ("harbour master",),
                (cite("port-gazette", 1), cite("coast-radio", 1)),
                3,
            ),
            WhoItem("port authority", "org", (), (), (cite("coast-radio", 1),), 1),
            WhoItem("north harbour", "place", (), (), (cite("port-gazette", 0),), 1),
        ),
        what=(
            WhatItem(
                "A crane collapsed at the north harbour on Monday, injuring dock workers.",
                (cite("port-gazette", 0), cite("coast-radio", 0)),
                True,
            ),
            WhatItem("The north quay is closed, perhaps for weeks.", (cite("coast-radio", 1), cite("coast-radio", 2))),
        ),
        numbers=numbers,
        quotes=(QuoteItem("We warned the board twice", "Lena Ortiz", (cite("port-gazette", 2),)),),
        questions=(QuestionItem("when the north quay will reopen", (cite("port-gazette", 3),), "Unclear"),),
        conflicts=(injured,),
        agreements=(
            Agreement("repair time", (Claim(6, "six weeks", (cite("coast-radio", 2),)),), "Only one estimate."),
        ),
        timeline=(
            TimelineItem(
                "on Monday", "2026-05-04", "A crane collapsed at the north harbour", (cite("port-gazette", 0),)
            ),
        ),
        coverage=(
            CoverageRow(
                "how many workers were injured",
                "conflict",
                (
                    CoverageCell("port-gazette", "disagrees", (cite("port-gazette", 0),)),
                    CoverageCell("coast-radio", "disagrees", (cite("coast-radio", 0),)),
                ),
            ),
            CoverageRow(
                "The crane was 40 years old.",
                "number",
                (
                    CoverageCell("port-gazette", "reported", (cite("port-gazette", 1),)),
                    CoverageCell("coast-radio", "not_reported"),
                ),
            ),
        ),
        editor_notes=(
            EditorNote("Injury counts are being checked with the port authority."),
            EditorNote("Figures are as first reported.", "numbers"),
        ),
        glance=Glance(
            who=Answer("Lena Ortiz, harbour master", (cite("port-gazette", 1), cite("coast-radio", 1))),
            what=Answer("A crane collapsed, injuring dock workers", (cite("port-gazette", 0), cite("coast-radio", 0))),
            when=Answer("on Monday (4 May 2026)", (cite("port-gazette", 0),)),
            where=Answer("the north harbour", (cite("port-gazette", 0),)),
            numbers=numbers[:2],
            conflict=injured,
        ),
    )


def render_sample(out: Path, config: Config | None = None, site_root: Path | None = None) -> Path:
    """Render the sample event (and an empty second one) into `out`; returns `out`."""
    config = config or load_config(None)
    empty = Briefing(EventInfo("quiet-day", "A quiet day", "2026-05-01"), ())
    events = {SLUG: (sample_briefing(), sample_articles()), "quiet-day": (empty, [])}
    theme = resolve_theme(config.theme, site_root or out.parent)
    write_site(render_site(config, theme, events), out)
    return out
