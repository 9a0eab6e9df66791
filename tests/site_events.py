"""Hand-made briefings of events from several kinds of news (a court ruling, a flood, a rate decision, a cup final,
a space probe), for the site-wide pages: index, feed, sitemap, search. The sentences are our own."""

from __future__ import annotations

from pathlib import Path

from briefgen.config import load_config
from briefgen.models import (
    Briefing,
    Citation,
    Claim,
    Conflict,
    EventInfo,
    QuoteItem,
    SourceInfo,
    WhatItem,
    WhoItem,
)
from briefgen.render import render_site
from briefgen.render.theme import resolve_theme
from briefgen.write import write_site


def _source(sid: str, outlet: str | None, published: str | None) -> SourceInfo:
    return SourceInfo(sid, f"{sid}.md", f"{outlet or 'A blog'} report", outlet, None, published)


def _cite(source: str, sentence: int, text: str) -> Citation:
    return Citation(source, sentence, text)


def court() -> Briefing:
    said = "The evidence against my client was never tested in court, said defence lawyer Mara Quist."
    ruled = "The appeals court quashed the fraud conviction of a former bank clerk on Wednesday."
    return Briefing(
        event=EventInfo(
            "appeal-ruling", "Appeals court quashes clerk's fraud conviction", "2026-02-11", None, ("courts",)
        ),
        sources=(_source("wire", "Court Wire", "2026-02-11"), _source("ledger", "Daily Ledger", "2026-02-12")),
        who=(WhoItem("Mara Quist", "person", (), ("defence lawyer",), (_cite("wire", 1, said),)),),
        what=(WhatItem(ruled, (_cite("wire", 0, ruled), _cite("ledger", 0, ruled))),),
        quotes=(QuoteItem("The evidence against my client was never tested", "Mara Quist", (_cite("wire", 1, said),)),),
    )


def flood() -> Briefing:
    burst = "The river burst its banks overnight, flooding two villages and cutting the valley road."
    return Briefing(
        event=EventInfo("valley-flood", "River floods two valley villages"),  # undated: its newest source dates it
        sources=(
            _source("herald", "Valley Herald", "2026-03-02"),
            _source("herald-2", "Valley Herald", "2026-03-04"),
            _source("radio", "North Radio", "2026-03-03"),
        ),
        what=(WhatItem(burst, (_cite("herald", 0, burst),)),),
        conflicts=(
            Conflict(
                "Homes flooded: 120 vs 200",
                (Claim(120, "120 homes", (_cite("herald", 2, "About 120 homes took on water."),)),
                 Claim(200, "200 homes", (_cite("radio", 1, "Some 200 homes were flooded."),))),
            ),
        ),
    )  # fmt: skip


def rates() -> Briefing:
    return Briefing(
        event=EventInfo(
            "rate-hold", "Central bank holds its main rate", "2026-01-29", "The bank kept its main rate at 3.5%."
        ),
        sources=(_source("markets", "Markets Daily", "2026-01-30"),),
        what=(WhatItem("Policymakers voted seven to two to hold.", (_cite("markets", 0, "They voted 7-2."),)),),
    )


def cup_final() -> Briefing:
    won = "The home side won the cup final 2-1 after extra time, their first title in 30 years."
    return Briefing(
        event=EventInfo("cup-final", "Home side wins the cup in extra time", "2026-05-16", None, ("sport",)),
        sources=(_source("sport", "Sport Desk", "2026-05-16"), _source("fan", None, "2026-05-17")),
        what=(WhatItem(won, (_cite("sport", 0, won),)),),
    )


def comet_probe() -> Briefing:
    images = "The probe sent back the first close images of the comet's icy core, the agency said."
    return Briefing(
        event=EventInfo("comet-probe", "Probe sends first close images of a comet's core", "2026-04-02"),
        sources=(_source("science", "Science Weekly", "2026-04-03"),),
        what=(WhatItem(images, (_cite("science", 0, images),)),),
    )


def briefings() -> list[Briefing]:
    """One event of each kind."""
    return [court(), flood(), rates(), cup_final(), comet_probe()]


def dated(count: int) -> list[Briefing]:
    """`count` events with distinct dates (event i on day i after 1 January 2025), each of one of the kinds
    in turn; the index lists them newest, so highest i, first."""
    kinds = briefings()
    events = []
    for i in range(count):
        base = kinds[i % len(kinds)]
        day = f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}"
        info = EventInfo(f"event-{i:03d}", f"{base.event.title} ({i})", day)
        events.append(Briefing(event=info, sources=(), what=(WhatItem(base.what[0].text, ()),)))  # no source: no cite
    return events


def render_paged(out: Path, events: int = 40, size: int = 2) -> Path:
    """Render a site of `events` dated events whose index has pages of `size` into `out`; returns `out`."""
    config = load_config(None, {"index_page_size": size})
    site = {b.event.slug: (b, []) for b in dated(events)}
    write_site(render_site(config, resolve_theme(config.theme, out.parent), site), out)
    return out
