"""At a glance: who/what/when/where/why/how from the leads of several sources, cited (hand-built, no spaCy)."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib.resources import files

import jsonschema

from briefgen.models import (
    Answer,
    Article,
    Briefing,
    Citation,
    DateMention,
    EventInfo,
    Extraction,
    Glance,
    Mention,
    NumberItem,
    SourceInfo,
    WhatItem,
    WhoItem,
)
from briefgen.reconcile.glance import MAX_WORDS, build_glance
from briefgen.render.briefing_json import briefing_dict
from tests.test_reconcile import _article, _ex

SCHEMA = json.loads(files("briefgen").joinpath("schema/briefing.schema.json").read_text())
FRIDAY = "2025-03-14"


def _event(
    leads: dict[str, list[str]],
    mentions: dict[str, list[Mention]] | None = None,
    dates: dict[str, list[DateMention]] | None = None,
    who: tuple[WhoItem, ...] = (),
    published: str | None = FRIDAY,
) -> tuple[Briefing, list[Extraction], dict[str, Article]]:
    articles = {s: replace(_article(s, *texts), published=published) for s, texts in leads.items()}
    extractions = [
        _ex(s, len(texts), mentions=tuple((mentions or {}).get(s, ())), dates=tuple((dates or {}).get(s, ())))
        for s, texts in leads.items()
    ]
    what = WhatItem(leads["a"][0], tuple(Citation(s, 0, a.sentences[0].text) for s, a in articles.items()))
    sources = tuple(SourceInfo(s, a.path, None, None, None, published) for s, a in articles.items())
    return Briefing(EventInfo("ev", "Ev"), sources, who=who, what=(what,)), extractions, articles


def _who(name: str, kind: str, *aliases: str) -> WhoItem:
    return WhoItem(name, kind, aliases, (), (Citation("a", 0, "x"),))


def test_court_case_answers_who_when_where_why_from_the_leads() -> None:
    leads = {
        "a": ["Former mayor Paul Garnier was convicted in Lyon on Tuesday for diverting public funds."],
        "b": ["LYON (Newswire) - Paul Garnier was found guilty on Tuesday of embezzlement, the court said."],
        "c": ["A court in Lyon on Tuesday convicted Garnier, a former mayor, for diverting public funds."],
    }
    mentions = {
        "a": [Mention("Paul Garnier", "PERSON", 0), Mention("Lyon", "GPE", 0)],
        "b": [Mention("LYON", "GPE", 0), Mention("Newswire", "ORG", 0), Mention("Paul Garnier", "PERSON", 0)],
        "c": [Mention("Lyon", "GPE", 0), Mention("Garnier", "PERSON", 0)],
    }
    dates = {s: [DateMention("on Tuesday", 0, "convicted")] for s in leads}
    who = (_who("Paul Garnier", "person", "Garnier"), _who("Lyon", "place", "LYON"), _who("Newswire", "org"))
    glance = build_glance(*_event(leads, mentions, dates, who))
    assert glance.who is not None and glance.who.text == "Paul Garnier"  # the agency tag is no actor
    assert glance.when is not None and glance.when.text == "Tuesday, March 11, 2025"
    assert {c.source for c in glance.when.citations} == {"a", "b", "c"}
    assert glance.where is not None and glance.where.text == "Lyon"
    assert glance.why is not None and glance.why.text == "for diverting public funds"
    assert {c.source for c in glance.why.citations} == {"a", "c"}
    assert glance.how is None  # no source says how: left out, not guessed


def test_disaster_without_a_named_actor_leaves_who_out_and_reads_the_cause_after_after() -> None:
    leads = {
        "a": ["Thousands left their homes in Valencia on Monday after the river burst its banks."],
        "b": ["Floodwaters swept through Valencia after the river burst its banks overnight."],
    }
    mentions = {s: [Mention("Valencia", "GPE", 0)] for s in leads}
    glance = build_glance(*_event(leads, mentions, who=(_who("Valencia", "place"),)))
    assert glance.who is None
    assert glance.where is not None and glance.where.text == "Valencia"
    assert glance.why is not None and glance.why.text.startswith("the river burst its banks")
    assert glance.what is not None and "Valencia" not in glance.what.text and "after" not in glance.what.text


def test_a_span_of_time_after_after_is_no_cause() -> None:
    leads = {"a": ["The summit ended after just a few hours of talks between the two delegations."]}
    assert build_glance(*_event(leads)).why is None


def test_business_deal_keeps_a_purpose_with_its_to_and_names_the_buyer_once() -> None:
    leads = {
        "a": ["Northwind Foods agreed to buy Pellman Dairy for $2 billion in an effort to expand into cheese."],
        "b": ["Northwind Foods Inc. will pay $2 billion for Pellman Dairy, the companies said on Wednesday."],
        "c": ["Northwind agreed on Wednesday to acquire Pellman Dairy, a family-owned cheesemaker."],
    }
    mentions = {
        "a": [Mention("Northwind Foods", "ORG", 0), Mention("Pellman Dairy", "ORG", 0)],
        "b": [Mention("Northwind Foods Inc.", "ORG", 0), Mention("Pellman Dairy", "ORG", 0)],
        "c": [Mention("Northwind", "ORG", 0), Mention("Pellman Dairy", "ORG", 0)],
    }
    who = (_who("Northwind Foods", "org", "Northwind Foods Inc.", "Northwind"), _who("Pellman Dairy", "org"))
    glance = build_glance(*_event(leads, mentions, who=who))
    assert glance.who is not None and glance.who.text == "Northwind Foods"
    assert glance.why is not None and glance.why.text == "to expand into cheese"


def test_sport_result_takes_the_stadium_and_keeps_the_weekday_beside_its_date() -> None:
    leads = {
        "a": ["Harbor City beat Riverton 3-1 in the cup final at Eastfield Stadium on Saturday."],
        "b": ["Harbor City and Riverton met at Eastfield Stadium on Saturday, where Harbor City won 3-1."],
    }
    mentions = {
        s: [Mention("Harbor City", "ORG", 0), Mention("Riverton", "ORG", 0), Mention("Eastfield Stadium", "FAC", 0)]
        for s in leads
    }
    dates = {s: [DateMention("on Saturday", 0, "beat")] for s in leads}
    who = (_who("Harbor City", "org"), _who("Riverton", "org"), _who("Eastfield Stadium", "place"))
    glance = build_glance(*_event(leads, mentions, dates, who))
    assert glance.where is not None and glance.where.text == "Eastfield Stadium"
    assert glance.when is not None and glance.when.text == "Saturday, March 8, 2025"
    assert glance.what is not None and glance.what.text == "Harbor City beat Riverton 3-1 in the cup final"
    assert glance.who is not None and glance.who.text == "Harbor City and Riverton"  # both open a lead


def test_an_unresolvable_day_is_kept_as_written() -> None:
    leads = {"a": ["Rescuers reached the village on Thursday."], "b": ["The village was reached on Thursday."]}
    dates = {s: [DateMention("on Thursday", 0, "reached")] for s in leads}
    glance = build_glance(*_event(leads, dates=dates, published=None))
    assert glance.when is not None and glance.when.text == "Thursday"


def test_answers_are_short_and_cite_text_of_their_sources() -> None:
    long_lead = "The regional court " + "heard a long list of claims and " * 10 + "adjourned."
    briefing, extractions, articles = _event({"a": [long_lead]})
    glance = build_glance(briefing, extractions, articles)
    assert glance.what is not None and len(glance.what.text.split()) <= MAX_WORDS
    for c in glance.what.citations:
        assert articles[c.source].sentences[c.sentence].text == c.text


def test_key_numbers_leave_out_years_and_the_first_conflict_is_the_main_one() -> None:
    cite = (Citation("a", 0, "x"),)
    numbers = (
        NumberItem(2019, None, "2019", "since 2019", cite, kind="year"),
        *(NumberItem(n, "people", f"{n} people", "c", cite) for n in range(1, 8)),
    )
    briefing, extractions, articles = _event({"a": ["Seven people were rescued."]})
    glance = build_glance(replace(briefing, numbers=numbers), extractions, articles)
    assert len(glance.numbers) == 5 and all(n.kind != "year" for n in glance.numbers)
    assert glance.conflict is None


def test_briefing_json_leaves_missing_answers_out_and_follows_the_schema() -> None:
    cite = (Citation("a", 0, "Seven people were rescued."),)
    glance = Glance(who=Answer("Coastguard", cite), numbers=(NumberItem(7.0, "people", "Seven people", "c", cite),))
    briefing = Briefing(EventInfo("ev", "Ev"), (SourceInfo("a", "ev/a.txt", None, None, None, None),), glance=glance)
    data = briefing_dict(briefing)
    assert set(data["glance"]) == {"who", "numbers"}
    assert data["glance"]["numbers"][0]["value"] == 7 and isinstance(data["glance"]["numbers"][0]["value"], int)
    jsonschema.validate(json.loads(json.dumps(data)), SCHEMA)


def test_how_takes_a_means_with_its_object_not_an_ing_adjective() -> None:
    leads = {
        "a": ["The central bank fought inflation by raising the key rate to 5 percent."],
        "b": ["The stranded hikers were rescued by passing walkers near the summit."],
    }
    glance = build_glance(*_event(leads))
    assert glance.how is not None and glance.how.text == "raising the key rate to 5 percent"
    assert {c.source for c in glance.how.citations} == {"a"}


def test_a_co_actor_is_named_by_most_leads_and_one_actor_written_two_ways_is_named_once() -> None:
    leads = {
        "a": ["Acme Ltd. sued Brightline over a patent on Monday."],
        "b": ["Acme filed suit against Brightline in a federal court."],
        "c": ["Acme accused Brightline of copying its battery design."],
        "d": ["Judge Rosa Vance, who will hear the case, set a date."],
        "e": ["Rosa Vance has heard several patent cases before."],
    }
    mentions = {
        "a": [Mention("Acme Ltd.", "ORG", 0), Mention("Brightline", "ORG", 0)],
        "b": [Mention("Acme", "ORG", 0), Mention("Brightline", "ORG", 0)],
        "c": [Mention("Acme", "ORG", 0), Mention("Brightline", "ORG", 0)],
        "d": [Mention("Rosa Vance", "PERSON", 0)],
        "e": [Mention("Rosa Vance", "PERSON", 0)],
    }
    who = (_who("Acme Ltd.", "org"), _who("Acme", "org"), _who("Brightline", "org"), _who("Rosa Vance", "person"))
    glance = build_glance(*_event(leads, mentions, who=who))
    # Both parties open most leads; the judge opens two of five, too few to stand beside them.
    assert glance.who is not None and glance.who.text == "Acme and Brightline"


def test_a_means_ends_where_a_second_participle_joins_it() -> None:
    leads = {"a": ["The ceasefire, brokered by Norway and signed by both leaders on Friday, held overnight."]}
    glance = build_glance(*_event(leads))
    assert glance.how is not None and glance.how.text == "brokered by Norway"
