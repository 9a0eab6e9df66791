"""Key developments: which sentences report what happened, how reports merge, how developments rank."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.models import Article, Extraction, Mention
from briefgen.reconcile.what import MAX_ITEMS, build_what, clause, is_background, is_quote, reports_event
from tests.test_reconcile import _article


def _ex(aid: str, terms: list[list[str]], mentions: tuple[Mention, ...] = ()) -> Extraction:
    return Extraction(aid, mentions, (), (), (), tuple(map(tuple, terms)))


def _dated(article: Article, published: str = "2024-05-02") -> Article:
    return replace(article, published=published)


@pytest.mark.parametrize(
    "text",
    [
        "\u201cWe were simply the better side today,\u201d the coach said after the final.",  # sport: opens with it
        'The judge told the jury: "You must set aside anything you have read about this case."',  # court: colon
        "He said the probe would be ready for launch in May.\u201d",  # science: a quotation's last sentence
    ],
)
def test_speech_is_not_a_development(text: str) -> None:
    assert is_quote(text)


@pytest.mark.parametrize(
    "text",
    [
        "The central bank raised its main rate to 5 percent, calling inflation \u201cstubborn\u201d.",
        "Rescuers pulled 12 people from the rubble on Sunday, the fire service said.",
    ],
)
def test_a_report_with_a_few_quoted_words_is_not_speech(text: str) -> None:
    assert not is_quote(text)


def test_a_year_before_the_articles_own_marks_background() -> None:
    assert is_background("The club last won the league title in 1998.", "2024-05-02")
    assert is_background("The plant was fined for a similar leak in 2019.", "2024-05-02")
    assert not is_background("The court adjourned the hearing until June 2024.", "2024-05-02")
    assert not is_background("The river burst its banks on Monday.", "2024-05-02")
    assert not is_background("The club last won the league title in 1998.", None)  # no date, no judgement


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The defendant was sentenced to six years in prison.", True),  # court
        ("Floodwaters remain above the barriers in the old town.", True),  # disaster, still going on
        ("The airline will ground its fleet of older jets next month.", True),  # business, announced
        ("The striker broke his ankle in training.", True),  # sport, irregular past
        ("The firm makes memory chips for phones and laptops.", False),  # a standing state
        ("Comets are mostly ice and dust.", False),  # science, a general truth
    ],
)
def test_a_development_is_told_as_an_event(text: str, event: bool) -> None:
    assert reports_event(text) is event


@pytest.mark.parametrize(
    ("sentence", "development"),
    [
        ("The airline grounded its older jets, the regulator said.", "The airline grounded its older jets."),
        ("The court said on Monday that the verdict stands.", "The verdict stands."),
        ("LISBON (Wire) - Firefighters contained the blaze by dawn.", "Firefighters contained the blaze by dawn."),
        ("The probe reached orbit, according to the space agency.", "The probe reached orbit."),
        ("Thousands fled, and two villages were cut off.", "Thousands fled, and two villages were cut off."),
    ],
)  # fmt: skip
def test_the_item_states_the_development_without_its_attribution(sentence: str, development: str) -> None:
    assert clause(sentence) == development


def test_an_article_that_tells_a_development_twice_gives_one_item() -> None:
    a = _dated(
        _article(
            "a",
            "The jury convicted the former mayor of bribery on Friday.",
            "Prosecutors had asked for a prison term of eight years.",
            "On Friday the jury convicted the former mayor of bribery after two days.",
        )
    )
    terms = [
        ["jury", "convict", "former", "mayor", "bribery", "friday"],
        ["prosecutor", "ask", "prison", "term", "year"],
        ["friday", "jury", "convict", "former", "mayor", "bribery", "day"],
    ]
    items = build_what([_ex("a", terms)], {"a": a})
    assert len(items) == 2
    assert [c.sentence for c in items[0].citations] == [0, 2]


def test_corroborated_lead_developments_rank_first_and_quotes_and_history_stay_out() -> None:
    a = _dated(
        _article(
            "a",
            "The reactor was shut down on Tuesday after a coolant leak.",
            "\u201cThere was never any danger to the public,\u201d the operator said.",
            "The plant opened in 1987 and employs 900 people.",
            "Inspectors found a cracked valve in the cooling circuit.",
            "Engineers replaced the valve overnight.",
        )
    )
    b = _dated(_article("b", "A coolant leak forced the reactor to shut down on Tuesday, the operator said."))
    ta = [
        ["reactor", "shut", "tuesday", "coolant", "leak"],
        ["never", "danger", "public", "operator", "say"],
        ["plant", "open", "employ", "people"],
        ["inspector", "find", "crack", "valve", "cooling", "circuit"],
        ["engineer", "replace", "valve", "overnight"],
    ]
    tb = [["coolant", "leak", "force", "reactor", "shut", "tuesday", "operator", "say"]]
    items = build_what([_ex("a", ta), _ex("b", tb)], {"a": a, "b": b})
    assert items[0].text == "The reactor was shut down on Tuesday after a coolant leak."
    assert {c.source for c in items[0].citations} == {"a", "b"}
    assert [i.text for i in items[1:]] == [
        "Inspectors found a cracked valve in the cooling circuit.",  # nearer the top of its article
        "Engineers replaced the valve overnight.",
    ]
    assert len(items) <= MAX_ITEMS


def test_a_development_naming_the_main_actors_ranks_above_a_side_detail() -> None:
    club, league = Mention("Rovers", "ORG", 0), Mention("Premier League", "ORG", 0)
    a = _dated(
        _article(
            "a",
            "Rovers were fined by the Premier League for breaching spending rules.",
            "Fans gathered outside the stadium on Saturday evening.",
            "Rovers said they would appeal against the Premier League fine.",
        )
    )
    b = _dated(_article("b", "The Premier League fined Rovers over their spending."))
    ta = [
        ["fine", "breach", "spending", "rule"],
        ["fan", "gather", "stadium", "saturday", "evening"],
        ["say", "appeal", "fine"],
    ]
    ea = _ex("a", ta, (club, league, replace(club, sentence=2), replace(league, sentence=2)))
    eb = _ex("b", [["fine", "spending"]], (club, league))
    texts = [i.text for i in build_what([ea, eb], {"a": a, "b": b})]
    assert texts.index("Rovers said they would appeal against the Premier League fine.") < texts.index(
        "Fans gathered outside the stadium on Saturday evening."
    )


_ACTORS = [
    "pilot",
    "mayor",
    "coach",
    "judge",
    "farmer",
    "nurse",
    "miner",
    "sailor",
    "baker",
    "driver",
    "teacher",
    "singer",
]
_ACTS = ["inspected", "repaired", "painted", "sealed", "cleared", "measured", "opened", "closed", "rebuilt", "counted"]
_THINGS = ["bridge", "runway", "harbour", "orchard", "clinic", "tunnel", "stadium", "library", "reservoir", "depot"]


def _distinct_reports(sources: int, per_source: int) -> tuple[list[Extraction], dict[str, Article]]:
    """`sources` articles, each reporting `per_source` developments no other article shares."""
    extractions, articles = [], {}
    for s in range(sources):
        texts, terms = [], []
        for k in range(per_source):
            n = s * per_source + k
            actor, act, thing = _ACTORS[n % 12], _ACTS[n // 12 % 10], _THINGS[n // 120 % 10]
            texts.append(f"The {actor} {act} the {thing} number{n} after dawn.")
            terms.append([f"{actor}{n}", f"{act}{n}", f"{thing}{n}", f"dawn{n}"])  # no two share a feature
        aid = f"s{s:02}"
        articles[aid] = _dated(_article(aid, *texts))
        extractions.append(_ex(aid, terms))
    return extractions, articles


def test_more_sources_leave_room_for_more_developments() -> None:
    few = build_what(*_distinct_reports(3, 10))
    many = build_what(*_distinct_reports(15, 2))
    assert len(few) == MAX_ITEMS  # three outlets: the short list
    assert MAX_ITEMS < len(many) <= 2 * MAX_ITEMS  # fifteen outlets: room for more, still a bounded list
