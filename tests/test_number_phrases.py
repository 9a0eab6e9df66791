"""Ranges, signs, conjoined figures and time adverbials on hand-written sentences (uses the spaCy model)."""

import pytest

from briefgen.models import NumberMention
from tests.test_numbers import _extract

pytestmark = pytest.mark.slow


def _numbers(text: str) -> dict[float, NumberMention]:
    return {n.value: n for n in _extract(text).numbers}


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Organisers said about 3-4,000 runners started the marathon.", 3000, 4000, "runner"),
        ("The storm left two to three million homes without power.", 2e6, 3e6, "home"),
        ("The patient waited six to eight hours for a bed.", 6, 8, "hour"),
    ],
)
def test_a_range_gives_both_ends_the_scale_and_the_thing_counted(text: str, low: float, high: float, unit: str) -> None:
    found = _numbers(text)
    assert found[low].unit == unit and found[high].unit == unit


def test_a_low_end_with_its_own_size_keeps_it() -> None:
    found = _numbers("Tickets cost between 500 and 2,000 euros.")
    assert 500 in found and 500_000 not in found


def test_a_season_or_a_rota_is_no_range() -> None:
    found = _numbers("The 2019-20 season ended early and the clinic is open 24/7.")
    assert 20 not in found and 7 not in found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The pension fund posted returns of negative 4 percent.", -4),
        ("Overnight the temperature fell to minus 12 degrees.", -12),
    ],
)
def test_negative_figures_keep_their_sign(text: str, value: float) -> None:
    found = _numbers(text)
    assert value in found and -value not in found


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("Police said 30 officers, six vans and two dogs were at the stadium.", 2, {"officer", "stadium"}),
        ("The court heard that three judges and 12 jurors sat through the trial.", 12, {"judge", "trial"}),
    ],
)
def test_a_conjoined_figure_shares_the_clause_of_its_list(text: str, value: float, words: set[str]) -> None:
    assert words <= set(_numbers(text)[value].terms)


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("The jury began a review of the evidence the week before that lasted six days.", 6, {"jury", "evidence"}),
        ("Engineers ran a test of the new turbine the night before that took three hours.", 3, {"engineer", "turbine"}),
    ],
)
def test_a_relative_clause_after_a_time_adverbial_describes_the_event(text: str, value: float, words: set[str]) -> None:
    assert words <= set(_numbers(text)[value].terms)


@pytest.mark.parametrize(
    ("text", "value", "word"),
    [
        ("With the club's debt included, the takeover would be worth some $2 billion.", 2e9, "debt"),
        ("Without legal fees added, the fine comes to 40,000 pounds.", 40_000, "fee"),
    ],
)
def test_an_absolute_phrase_stays_with_the_figure_it_qualifies(text: str, value: float, word: str) -> None:
    assert word in _numbers(text)[value].terms


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The driver, a 42-year-old man, was arrested at the scene.", 42),
        ("The goalkeeper was 38 years old when he retired.", 38),
    ],
)
def test_ages_are_ages_not_durations(text: str, value: float) -> None:
    age = _numbers(text)[value]
    assert age.unit == "year-old" and age.kind == "count"


@pytest.mark.parametrize(
    ("text", "value", "kept", "left_out"),
    [
        ("The clubs agreed to swap 40 players, signalling a thaw in their rivalry.", 40, "swap", "thaw"),
        ("The board voted to cut 300 jobs, saying demand had collapsed.", 300, "cut", "demand"),
    ],
)
def test_a_clause_hung_on_the_figure_s_verb_is_another_clause(
    text: str, value: float, kept: str, left_out: str
) -> None:
    terms = _numbers(text)[value].terms
    assert kept in terms and left_out not in terms
