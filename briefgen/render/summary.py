"""An event's summary: the small record the index, feed and sitemap are rendered from."""

from __future__ import annotations

import re

from briefgen.models import Briefing, EventSummary

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def event_summary(briefing: Briefing) -> EventSummary:
    """What the site-wide pages show of this briefing."""
    outlets = dict.fromkeys(s.outlet for s in briefing.sources if s.outlet)
    return EventSummary(
        event=briefing.event,
        day=briefing_day(briefing),
        sources=tuple(s.id for s in briefing.sources),
        outlets=tuple(outlets),
        lead=briefing.what[0].text if briefing.what else None,
        conflicts=len(briefing.conflicts),
    )


def briefing_day(briefing: Briefing) -> str | None:
    """The event date, else the newest publication date among its sources (YYYY-MM-DD)."""
    if briefing.event.date and _DAY.match(briefing.event.date):
        return briefing.event.date
    days = sorted(s.published for s in briefing.sources if s.published and _DAY.match(s.published))
    return days[-1] if days else None
