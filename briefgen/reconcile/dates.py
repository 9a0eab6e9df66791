"""Resolve a date expression as written ("on Thursday", "late last month", "since 2021") against a reference day.

Pure string and calendar work: absolute dates resolve alone, relative ones need the article's published date.
The result is ISO with the precision known: "2021", "2026-01" or "2026-02-05".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBERS.update({"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12})
_DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
_EDGES = ("early", "mid", "late", "end of", "start of", "beginning of")


@dataclass(frozen=True, slots=True)
class Resolved:
    """An ISO date of known precision and the edge of the period it names ("late", "early"), if any."""

    iso: str
    edge: str | None = None


def _day(d: date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _clean(text: str) -> tuple[str, str | None]:
    t = re.sub(r"[\u2019']s\b", "", text.lower())
    t = re.sub(r"[,\u2013\u2014]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"^(?:on|in|during|by|since|before|after|until|from|of|at)\s+", "", t)
    edge = None
    for e in _EDGES:
        if t.startswith(e + " ") or t.startswith(e + "-"):
            edge = e.split()[0].replace("beginning", "early").replace("start", "early").replace("end", "late")
            t = t[len(e) + 1 :].strip()
            break
    t = re.sub(r"^the\s+", "", t)
    return t, edge


def _absolute(t: str, ref: date | None) -> str | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        return t
    if m := re.fullmatch(
        rf"(?:{_WEEKDAY}\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<year>\d{{4}}))?", t
    ) or (
        m := re.fullmatch(
            rf"(?:{_WEEKDAY}\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+(?P<year>\d{{4}}))?", t
        )
    ):
        month, day = _MONTHS[m["month"]], int(m["day"])
        if day < 1:
            return None  # "0 June": not a day, kept as written
        year = int(m["year"]) if m["year"] else _year_for(month, day, ref)
        if year is None or year < 1 or day > calendar.monthrange(year, month)[1]:
            return None
        return _day(date(year, month, day))
    if m := re.fullmatch(rf"{_MONTH}(?:\s+of)?\s+(?P<year>\d{{4}})", t):
        return _month(int(m["year"]), _MONTHS[m["month"]])
    if m := re.fullmatch(r"(?:the\s+)?(?:year\s+)?(\d{4})", t):
        return m.group(1)
    if m := re.fullmatch(rf"(?P<rel>last|next|this)?\s*{_MONTH}", t):
        if ref is None:
            return None
        month = _MONTHS[m["month"]]
        if m["rel"] == "next":
            return _month(ref.year + (month <= ref.month), month)
        if m["rel"] == "this":
            return _month(ref.year, month)
        return _month(ref.year - (month > ref.month or (m["rel"] == "last" and month == ref.month)), month)
    return None


def _year_for(month: int, day: int, ref: date | None) -> int | None:
    """The year of a day-and-month with no year: the one nearest the reference day."""
    if ref is None:
        return None
    candidates = [y for y in (ref.year - 1, ref.year, ref.year + 1) if day <= calendar.monthrange(y, month)[1]]
    return min(candidates, key=lambda y: abs((date(y, month, day) - ref).days)) if candidates else None


def _relative(t: str, ref: date, future: bool) -> str | None:
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2}
    base = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", t)
    if base in offsets:
        return _day(ref + timedelta(days=offsets[base]))
    if t in ("this morning", "this afternoon", "this evening", "last night", "earlier today"):
        return _day(ref - timedelta(days=1 if t == "last night" else 0))
    if m := re.fullmatch(rf"(?P<rel>last|next|this|past)?\s*{_WEEKDAY}{_DAY_PARTS}", t):
        delta = (ref.weekday() - _WEEKDAYS[m["weekday"]]) % 7
        if m["rel"] == "next" or (future and m["rel"] is None):
            ahead = (_WEEKDAYS[m["weekday"]] - ref.weekday()) % 7
            return _day(ref + timedelta(days=ahead or (7 if m["rel"] == "next" else 0)))
        if m["rel"] == "last" and delta == 0:
            delta = 7
        return _day(ref - timedelta(days=delta))
    if m := re.fullmatch(
        r"(?:(?P<rel>last|next|this|previous|past|earlier this|later this)\s+)(?P<unit>week|month|year)", t
    ):
        step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(m["rel"], 0)
        if m["unit"] == "year":
            return str(ref.year + step)
        if m["unit"] == "month":
            return _month(*_shift_month(ref.year, ref.month, step))
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return _day(monday)
    if m := re.fullmatch(r"(?P<n>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+ago", t):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"])
        if n is None:
            return None
        if m["unit"] in ("day", "week"):
            return _day(ref - timedelta(days=n * (7 if m["unit"] == "week" else 1)))
        if m["unit"] == "month":
            return _month(*_shift_month(ref.year, ref.month, -n))
        return str(ref.year - n)
    return None


def resolve(text: str, published: str | None, future: bool = False) -> Resolved | None:
    """Resolve a date expression against the published day (YYYY-MM-DD); None when it cannot be placed.

    A bare weekday is the last one on or before that day, or the next one on or after it when `future`.
    """
    try:
        ref = date.fromisoformat(published) if published else None
    except ValueError:
        ref = None
    t, edge = _clean(text)
    iso = _absolute(t, ref)
    if iso is None and ref is not None:
        iso = _relative(t, ref, future)
        if iso and len(iso) == 10 and t.endswith("week"):
            edge = "week of"
    return Resolved(iso, edge) if iso else None
