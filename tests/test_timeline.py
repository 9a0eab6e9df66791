"""Dates resolved against the published day, and the ordered timeline (hand-built extractions, no spaCy)."""

from dataclasses import replace

import pytest

from briefgen.models import DateMention, EventMeta
from briefgen.reconcile import reconcile
from briefgen.reconcile.dates import resolve
from tests.test_reconcile import _article, _ex

FRIDAY = "2025-03-14"


@pytest.mark.parametrize(
    ("text", "published", "iso", "edge"),
    [
        ("on Thursday", FRIDAY, "2025-03-13", None),
        ("Friday", FRIDAY, "2025-03-14", None),
        ("Tuesday night", FRIDAY, "2025-03-11", None),
        ("next Monday", FRIDAY, "2025-03-17", None),
        ("yesterday", FRIDAY, "2025-03-13", None),
        ("late last month", FRIDAY, "2025-02", "late"),
        ("early January", FRIDAY, "2025-01", "early"),
        ("November", FRIDAY, "2024-11", None),
        ("since 2021", None, "2021", None),
        ("last year", FRIDAY, "2024", None),
        ("three weeks ago", FRIDAY, "2025-02-21", None),
        ("March 2", FRIDAY, "2025-03-02", None),
        ("2 December", FRIDAY, "2024-12-02", None),
        ("July 4, 2019", None, "2019-07-04", None),
        ("September 2023", None, "2023-09", None),
    ],
)
def test_resolve(text: str, published: str | None, iso: str, edge: str | None) -> None:
    found = resolve(text, published)
    assert found is not None and (found.iso, found.edge) == (iso, edge)


@pytest.mark.parametrize("text", ["on Thursday", "late last month", "yesterday", "March 2"])
def test_relative_dates_need_a_published_day(text: str) -> None:
    assert resolve(text, None) is None


@pytest.mark.parametrize("text", ["June 31", "0 June", "February 30 2023", "April 31st", "March 0"])
def test_impossible_calendar_days_stay_unresolved(text: str) -> None:
    assert resolve(text, FRIDAY) is None


def test_anchorless_expressions_stay_unresolved() -> None:
    assert resolve("the day before", FRIDAY) is None
    assert resolve("recent weeks", FRIDAY) is None


def test_timeline_is_ordered_merged_across_sources_and_keeps_unresolved_ones() -> None:
    a = replace(
        _article("a", "The dam gave way on Thursday.", "Repairs had been promised since 2019."), published=FRIDAY
    )
    b = replace(
        _article("b", "Residents said the dam gave way yesterday.", "Crews arrived the day after."), published=FRIDAY
    )
    ea = _ex(
        "a",
        2,
        dates=(
            DateMention("Thursday", 0, "The dam gave way on Thursday"),
            DateMention("2019", 1, "Repairs had been promised since 2019", "since"),
        ),
    )
    eb = _ex(
        "b",
        2,
        dates=(
            DateMention("yesterday", 0, "the dam gave way yesterday"),
            DateMention("the day after", 1, "Crews arrived the day after"),
        ),
    )
    timeline = reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing.timeline
    assert [t.date for t in timeline] == ["2019", "2025-03-13", None]
    assert timeline[0].qualifier == "since"
    assert {c.source for c in timeline[1].citations} == {"a", "b"}  # Thursday and yesterday are one moment
    assert timeline[2].when == "the day after" and timeline[2].citations[0].sentence == 1


def test_same_day_but_unrelated_happenings_stay_apart() -> None:
    a = replace(
        _article("a", "The mayor resigned on Monday.", "A storm flooded the harbour on Monday."), published=FRIDAY
    )
    ea = _ex(
        "a",
        2,
        dates=(
            DateMention("Monday", 0, "The mayor resigned on Monday"),
            DateMention("Monday", 1, "A storm flooded the harbour on Monday"),
        ),
    )
    timeline = reconcile("ev", EventMeta(), [a], [ea]).briefing.timeline
    assert len(timeline) == 2 and {t.date for t in timeline} == {"2025-03-10"}


def test_event_date_stands_in_for_a_missing_published_date() -> None:
    a = _article("a", "The ferry sank on Sunday.")
    ea = _ex("a", 1, dates=(DateMention("Sunday", 0, "The ferry sank on Sunday"),))
    (item,) = reconcile("ev", EventMeta(date="2025-03-18"), [a], [ea]).briefing.timeline
    assert item.date == "2025-03-16"
    (unresolved,) = reconcile("ev", EventMeta(), [a], [ea]).briefing.timeline
    assert unresolved.date is None and unresolved.when == "Sunday"


def test_a_weekday_told_in_the_future_is_the_coming_one() -> None:
    assert resolve("Wednesday", "2025-06-02", future=True) == resolve("2025-06-04", None)
    assert resolve("Monday", "2025-06-02", future=True) == resolve("2025-06-02", None)
    assert resolve("Wednesday", "2025-06-02") == resolve("2025-05-28", None)
