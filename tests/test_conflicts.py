"""Conflicts and agreements between sources' figures, on hand-built extractions (no spaCy needed)."""

from dataclasses import replace

import pytest

from briefgen.models import Article, Briefing, DateMention, EventMeta, Extraction, NumberMention
from briefgen.reconcile import reconcile
from briefgen.reconcile.conflicts import _granularity, presupposed
from tests.test_reconcile import _article, _ex


def _source(
    aid: str, sentence: str, *numbers: NumberMention, published: str | None = None, dates: tuple[DateMention, ...] = ()
) -> tuple[Article, Extraction]:
    article = replace(_article(aid, sentence), published=published)
    numbers = tuple(replace(n, context=sentence.rstrip(".")) for n in numbers)
    return article, _ex(aid, 1, numbers=numbers, dates=dates)


def _n(value: float, unit: str, text: str, terms: str, **kw: object) -> NumberMention:
    return NumberMention(value, unit, text, text, 0, terms=tuple(terms.split()), **kw)  # type: ignore[arg-type]


def _brief(*sources: tuple[Article, Extraction]) -> Briefing:
    return reconcile("ev", EventMeta(), [a for a, _ in sources], [e for _, e in sources]).briefing


def test_durations_of_the_same_hearing_that_disagree_are_a_conflict() -> None:
    b = _brief(
        _source(
            "a",
            "The appeal hearing lasted five hours.",
            _n(5, "hour", "five hours", "appeal hearing last", kind="duration"),
        ),
        _source(
            "b",
            "The appeal hearing ran for about five and a half hours.",
            _n(5.5, "hour", "five and a half hours", "appeal hearing run", kind="duration", approximate=True),
        ),
    )
    (conflict,) = b.conflicts
    assert [c.value for c in conflict.claims] == [5, 5.5]
    assert [c.citations[0].source for c in conflict.claims] == ["a", "b"]
    assert "hour" in conflict.topic and "hearing" in conflict.topic
    assert conflict.topic.startswith("Length of the appeal hearing: 5 hours vs about 5.5 hours")
    assert "5 hours (a)" in conflict.reason and "about 5.5 hours (b)" in conflict.reason
    assert b.agreements == ()


def test_per_side_figure_and_its_total_are_an_agreement() -> None:
    b = _brief(
        _source(
            "a",
            "Both clubs released 40 players each.",
            _n(40, "player", "40 players", "club release player", each=True),
        ),
        _source("b", "The clubs released 80 players in all.", _n(80, "player", "80 players", "club release player")),
    )
    assert b.conflicts == ()
    (agreement,) = b.agreements
    assert {c.value for c in agreement.claims} == {40, 80} and "each of 2" in agreement.reason


def test_total_that_is_no_multiple_of_the_per_side_figure_conflicts() -> None:
    b = _brief(
        _source(
            "a",
            "Both clubs released 40 players each.",
            _n(40, "player", "40 players", "club release player", each=True),
        ),
        _source("b", "The clubs released 75 players in all.", _n(75, "player", "75 players", "club release player")),
    )
    assert len(b.conflicts) == 1


def test_a_lower_bound_and_a_value_above_it_agree() -> None:
    b = _brief(
        _source("a", "At least 5 miners were trapped.", _n(5, "miner", "5 miners", "miner trap", bound="at_least")),
        _source(
            "b", "Seven miners were trapped underground.", _n(7, "miner", "Seven miners", "miner trap underground")
        ),
    )
    assert b.conflicts == () and "at least" in b.agreements[0].reason
    b = _brief(
        _source("a", "At least 5 miners were trapped.", _n(5, "miner", "5 miners", "miner trap", bound="at_least")),
        _source(
            "b", "Three miners were trapped underground.", _n(3, "miner", "Three miners", "miner trap underground")
        ),
    )
    assert len(b.conflicts) == 1  # three is below the bound


def test_an_approximation_agrees_with_values_within_its_rounding() -> None:
    same = _brief(
        _source(
            "a",
            "The vote took about 5.5 hours.",
            _n(5.5, "hour", "5.5 hours", "vote take", kind="duration", approximate=True),
        ),
        _source("b", "The vote took 5.5 hours.", _n(5.5, "hour", "5.5 hours", "vote take", kind="duration")),
    )
    assert same.conflicts == () and len(same.numbers) == 1
    rounded = _brief(
        _source("a", "About 300 homes flooded.", _n(300, "home", "300 homes", "home flood", approximate=True)),
        _source("b", "The flood reached 314 homes.", _n(314, "home", "314 homes", "home flood reach")),
    )
    assert rounded.conflicts == () and len(rounded.agreements) == 1
    far = _brief(
        _source("a", "About 300 homes flooded.", _n(300, "home", "300 homes", "home flood", approximate=True)),
        _source("b", "The flood damaged 390 homes.", _n(390, "home", "390 homes", "home flood damage")),
    )
    assert len(far.conflicts) == 1


def test_different_quantities_of_one_unit_on_different_days_do_not_conflict() -> None:
    today = DateMention("today", 0, "today's sitting lasted three hours")
    yesterday = DateMention("yesterday", 0, "yesterday's sitting lasted five hours")
    b = _brief(
        _source(
            "a",
            "The council sitting today lasted three hours.",
            _n(3, "hour", "three hours", "council sitting today last", kind="duration"),
            published="2025-05-14",
            dates=(replace(today, context="The council sitting today lasted three hours"),),
        ),
        _source(
            "b",
            "Yesterday the council sitting lasted five hours.",
            _n(5, "hour", "five hours", "council sitting yesterday last", kind="duration"),
            published="2025-05-14",
            dates=(replace(yesterday, text="Yesterday", context="Yesterday the council sitting lasted five hours"),),
        ),
    )
    # the numbers' contexts hold their date words, which resolve to different days
    assert b.conflicts == ()


def test_the_same_day_reached_through_different_words_can_conflict() -> None:
    b = _brief(
        _source(
            "a",
            "Yesterday the council sitting lasted five hours.",
            _n(5, "hour", "five hours", "council sitting last", kind="duration"),
            published="2025-05-14",
            dates=(DateMention("Yesterday", 0, "Yesterday the council sitting lasted five hours"),),
        ),
        _source(
            "b",
            "On Tuesday the council sitting lasted two hours.",
            _n(2, "hour", "two hours", "council sitting last", kind="duration"),
            published="2025-05-14",
            dates=(DateMention("Tuesday", 0, "On Tuesday the council sitting lasted two hours"),),
        ),
    )
    assert len(b.conflicts) == 1  # 2025-05-14 is a Wednesday: both mean Tuesday the 13th


def test_figures_about_different_things_do_not_conflict() -> None:
    b = _brief(
        _source("a", "Police arrested 12 people.", _n(12, "people", "12 people", "police arrest")),
        _source(
            "b",
            "Officials evacuated 400 people from the coast.",
            _n(400, "people", "400 people", "official evacuate coast"),
        ),
    )
    assert b.conflicts == () and b.agreements == ()


def test_one_source_never_conflicts_with_itself() -> None:
    b = _brief(
        _source(
            "a",
            "The first round lasted two hours and the second round lasted four hours.",
            _n(2, "hour", "two hours", "first round last", kind="duration"),
            _n(4, "hour", "four hours", "second round last", kind="duration"),
        ),
    )
    assert b.conflicts == ()


def test_a_toll_in_reports_from_different_days_is_an_update_citing_both_with_dates() -> None:
    b = _brief(
        _source(
            "a",
            "Four climbers died on the ridge.",
            _n(4, "climber", "Four climbers", "climber die ridge", predicate="die"),
            published="2024-01-02",
        ),
        _source(
            "b",
            "Six climbers were killed on the ridge.",
            _n(6, "climber", "Six climbers", "climber kill ridge", predicate="kill"),
            published="2024-01-04",
        ),
    )
    assert b.conflicts == ()
    (update,) = b.agreements
    assert [c.citations[0].source for c in update.claims] == ["a", "b"]
    assert "different days" in update.reason and "2024-01-02" in update.reason and "2024-01-04" in update.reason
    assert update.topic == "Climbers died: 4 vs 6"


def test_the_same_toll_on_the_same_day_is_a_conflict() -> None:
    b = _brief(
        _source(
            "a",
            "Four climbers died on the ridge.",
            _n(4, "climber", "Four climbers", "climber die ridge"),
            published="2024-01-02",
        ),
        _source(
            "b",
            "Six climbers were killed on the ridge.",
            _n(6, "climber", "Six climbers", "climber kill ridge"),
            published="2024-01-02",
        ),
    )
    (conflict,) = b.conflicts
    assert "no sign that it changed" in conflict.reason


def test_granularity_of_written_figures() -> None:
    assert _granularity(5.5) == 0.5
    assert _granularity(300) == 100
    assert _granularity(45) == 5
    assert _granularity(7) == 1


def test_a_figure_dated_months_earlier_is_another_incident() -> None:
    b = _brief(
        _source(
            "a",
            "The flood on Monday drowned 12 cattle.",
            _n(12, "cattle", "12 cattle", "flood drown cattle"),
            published="2025-06-04",
            dates=(DateMention("Monday", 0, "The flood on Monday"),),
        ),
        _source(
            "b",
            "Two months ago a flood drowned 40 cattle.",
            _n(40, "cattle", "40 cattle", "flood drown cattle"),
            published="2025-06-04",
            dates=(DateMention("Two months ago", 0, "Two months ago"),),
        ),
    )
    assert b.conflicts == ()


def test_a_bound_said_once_holds_for_the_whole_figure() -> None:
    b = _brief(
        _source(
            "a",
            "At least 30 sheep died in the storm.",
            _n(30, "sheep", "30 sheep", "sheep die storm", bound="at_least"),
        ),
        _source("b", "The 30 sheep died in the storm.", _n(30, "sheep", "30 sheep", "sheep die storm")),
        _source("c", "In all 34 sheep died in the storm.", _n(34, "sheep", "34 sheep", "sheep die storm")),
    )
    assert b.numbers[0].bound == "at_least" and b.conflicts == () and len(b.agreements) == 1


def test_round_millions_agree_with_a_more_precise_figure() -> None:
    b = _brief(
        _source("a", "The leak held 11 million files.", _n(11e6, "file", "11 million files", "leak hold file")),
        _source("b", "The leak held 11.4 million files.", _n(11.4e6, "file", "11.4 million files", "leak hold file")),
    )
    assert b.conflicts == () and len(b.agreements) == 1


def test_a_figure_dated_years_before_the_report_is_background() -> None:
    b = _brief(
        _source("a", "The blast killed 9 people.", _n(9, "people", "9 people", "blast kill"), published="2025-06-04"),
        _source(
            "b",
            "In March 2019 a blast killed 31 people.",
            _n(31, "people", "31 people", "blast kill"),
            published="2025-06-05",
            dates=(DateMention("March 2019", 0, "In March 2019 a blast killed 31 people"),),
        ),
    )
    assert b.conflicts == ()


def test_overlapping_bounds_agree() -> None:
    b = _brief(
        _source("a", "At least 60 boats sank.", _n(60, "boat", "60 boats", "boat sink", bound="at_least")),
        _source(
            "b", "Nearly 80 boats sank.", _n(80, "boat", "80 boats", "boat sink", bound="at_most", approximate=True)
        ),
    )
    assert b.conflicts == () and "can both hold" in b.agreements[0].reason


def test_a_figure_said_to_have_moved_is_an_update_not_a_conflict() -> None:
    flood = _brief(
        _source("a", "Rescuers found 12 people missing.", _n(12, "people", "12 people", "rescuer find missing")),
        _source(
            "b",
            "The number of people missing rose to 19.",
            _n(19, "people", "19 people", "number missing rise", predicate="rise"),
        ),
    )
    market = _brief(
        _source("a", "The lender set its rate at 4.5 percent.", _n(4.5, "percent", "4.5 percent", "lender rate set")),
        _source(
            "b",
            "The lender's rate now stands at 5 percent.",
            _n(5, "percent", "5 percent", "lender rate stand"),
        ),
    )
    for b in (flood, market):
        assert b.conflicts == ()
        (update,) = b.agreements
        assert "changed between reports" in update.reason


def test_an_earlier_and_a_later_figure_are_different_moments() -> None:
    b = _brief(
        _source(
            "a",
            "The club's initial bid was $40 million.",
            _n(4e7, "dollar", "$40 million", "club initial bid", kind="money"),
        ),
        _source(
            "b", "The club's new bid is $55 million.", _n(5.5e7, "dollar", "$55 million", "club new bid", kind="money")
        ),
    )
    assert b.conflicts == ()
    assert "different moments" in b.agreements[0].reason


def test_both_figures_marked_as_the_first_can_still_conflict() -> None:
    b = _brief(
        _source(
            "a",
            "The club's initial bid was $40 million.",
            _n(4e7, "dollar", "$40 million", "club initial bid", kind="money"),
        ),
        _source(
            "b",
            "The club's original bid was $48 million.",
            _n(4.8e7, "dollar", "$48 million", "club original bid", kind="money"),
        ),
    )
    (conflict,) = b.conflicts
    assert conflict.topic == "Value of the first bid: $40 million vs $48 million"


def test_a_part_and_its_whole_do_not_conflict() -> None:
    hospital = _brief(
        _source("a", "Doctors treated 30 patients.", _n(30, "patient", "30 patients", "doctor treat")),
        _source(
            "b",
            "Doctors treated 9 patients, of whom two were seriously hurt.",
            _n(9, "patient", "9 patients", "doctor treat"),
        ),
    )
    deal = _brief(
        _source("a", "The merger is worth $8 billion.", _n(8e9, "dollar", "$8 billion", "merger worth", kind="money")),
        _source(
            "b",
            "The merger is worth $9.5 billion including debt.",
            _n(9.5e9, "dollar", "$9.5 billion", "merger worth debt", kind="money"),
        ),
    )
    for b in (hospital, deal):
        assert b.conflicts == ()
        assert "part" in b.agreements[0].reason


def test_a_three_digit_figure_is_not_taken_as_rounded_to_five() -> None:
    assert _granularity(105e9) == 1e9
    assert _granularity(45) == 5


def test_what_is_left_of_a_count_is_a_part_of_it() -> None:
    b = _brief(
        _source("a", "Divers searched for six crew members.", _n(6, "member", "six crew members", "diver search crew")),
        _source(
            "b",
            "Two crew members are still missing, divers said.",
            _n(2, "member", "two crew members", "diver search crew"),
        ),
    )
    assert b.conflicts == ()
    assert "part" in b.agreements[0].reason


def test_an_earlier_value_pairs_with_one_figure_and_rival_reports_still_conflict() -> None:
    b = _brief(
        _source(
            "a",
            "The takeover is worth $9 billion including debt.",
            _n(9e9, "dollar", "$9 billion", "takeover worth debt", kind="money"),
        ),
        _source(
            "b",
            "Including debt, the takeover is worth $9.8 billion.",
            _n(9.8e9, "dollar", "$9.8 billion", "takeover worth debt", kind="money"),
        ),
        _source(
            "c",
            "The takeover is worth $7 billion.",
            _n(7e9, "dollar", "$7 billion", "takeover worth", kind="money"),
        ),
    )
    (conflict,) = b.conflicts
    assert [c.value for c in conflict.claims] == [9e9, 9.8e9]


def _past_and_named(named: str, value: float, unit: str, text: str, terms: str, past: str) -> Briefing:
    """One source names a thing in a sentence without a date, the other tells when it came about, years before
    the reports."""
    day = "2024-05-02"
    return _brief(
        _source("a", named, _n(value, unit, text, terms, kind="money"), published=day),
        _source(
            "b",
            past,
            _n(0.8 * value, unit, past.split(" its ")[1].split(" in ")[0], terms, kind="money"),
            published=day,
            dates=(DateMention("in March 2019", 0, past),),
        ),
    )


_BID = (
    9e9,
    "dollar",
    "$9 billion bid",
    "brewer bid maltco",
    "The brewer made its $7.2 billion bid in March 2019 for Maltco.",
)
_LOAN = (
    6e7,
    "pound",
    "£60 million loan",
    "club loan northfield stadium",
    "The club took out its £48 million loan in March 2019 for Northfield Stadium.",
)


def test_a_thing_named_by_a_definite_description_may_be_the_one_a_dated_report_tells_of() -> None:
    deal = _past_and_named("Analysts asked if the brewer's $9 billion bid for rival Maltco was completed.", *_BID)
    loan = _past_and_named("Fans ask when the club's £60 million loan for Northfield Stadium is repaid.", *_LOAN)
    for b, topic in ((deal, "Value of the bid for Maltco"), (loan, "Value of the loan for Northfield Stadium")):
        (conflict,) = b.conflicts  # one past thing, two sizes: a disagreement, not an update
        assert [c.citations[0].source for c in conflict.claims] == ["a", "b"]
        assert conflict.topic.split(":")[0] == topic  # the name the thing is for, whole; not the owner


def test_a_figure_reported_as_news_is_not_the_dated_background_one() -> None:
    deal = _past_and_named("The brewer made a $9 billion bid for the distiller.", *_BID)
    loan = _past_and_named("The club took out a £60 million loan for Northfield Stadium.", *_LOAN)
    for b in (deal, loan):
        assert b.conflicts == ()  # a new bid or loan of the day and one of five years before are two things


def test_presupposed_figures_size_a_definite_noun() -> None:
    def mention(text: str, kind: str = "money", unit: str = "dollar") -> NumberMention:
        return NumberMention(1, unit, text, text, 0, kind=kind)  # type: ignore[arg-type]

    assert presupposed(mention("$5 billion purchase"), "It hinges on the insurer's pending $5 billion purchase.")
    assert presupposed(mention("£3 million fine"), "The regulator said the £3 million fine stands.")
    assert not presupposed(mention("$5 billion purchase"), "The insurer agreed a $5 billion purchase.")
    assert not presupposed(mention("$5 billion"), "The insurer's offer was worth $5 billion.")
    assert not presupposed(mention("three hours", "duration", "hour"), "The three hours passed slowly.")
    assert not presupposed(NumberMention(4, "flood", "four floods", "", 0), "The four floods hit the valley.")


def _first_pair(a_sentence: str, a_terms: str, b_sentence: str, b_terms: str, values: tuple[float, float]) -> Briefing:
    """Two figures sharing only two of their clauses' words (an overlap of about 0.27)."""
    kw = {"kind": "money"}
    return _brief(
        _source("a", a_sentence, _n(values[0], "dollar", f"${values[0] / 1e9:g} billion", a_terms, **kw)),
        _source("b", b_sentence, _n(values[1], "dollar", f"${values[1] / 1e9:g} billion", b_terms, **kw)),
    )


def test_two_sources_first_offer_is_one_offer() -> None:
    takeover = _first_pair(
        "The board rejected the initial offer of $2 billion, and the buyer raised it on Friday.",
        "board reject initial offer buyer raise friday stock share",
        "Last spring a rival made an initial $2.6 billion offer to merge the lenders.",
        "spring rival make initial offer merge lender",
        (2e9, 2.6e9),
    )
    storm = _first_pair(
        "Insurers put the original estimate of the damage at $3 billion before the rains returned.",
        "insurer put original estimate damage rain return coast home",
        "An original $3.8 billion estimate was drawn up by the state treasury.",
        "original estimate draw state treasury budget office",
        (3e9, 3.8e9),
    )
    for b, values in ((takeover, [2e9, 2.6e9]), (storm, [3e9, 3.8e9])):
        (conflict,) = b.conflicts
        assert [c.value for c in conflict.claims] == values
    assert takeover.conflicts[0].topic == "Value of the first offer: $2 billion vs $2.6 billion"
    assert storm.conflicts[0].topic == "Value of the first estimate: $3 billion vs $3.8 billion"


def test_a_count_without_a_verb_is_named_by_its_noun_alone() -> None:
    trial = _brief(
        _source(
            "a", "The jury heard 12 witnesses over the week.", _n(12, "witness", "12 witnesses", "jury witness week")
        ),
        _source("b", "Some 14 witnesses gave evidence to the jury.", _n(14, "witness", "14 witnesses", "witness jury")),
    )
    match = _brief(
        _source("a", "The stadium held 900 stewards on the day.", _n(900, "steward", "900 stewards", "stadium day")),
        _source("b", "The stadium had 950 stewards inside.", _n(950, "steward", "950 stewards", "stadium inside")),
    )
    assert [c.topic for c in trial.conflicts] == ["Witnesses: 12 vs 14"]  # not "Witnesses jury"
    assert [c.topic for c in match.conflicts] == ["Stewards: 900 vs 950"]  # not "Stewards stadium"


def test_the_first_of_a_period_does_not_make_two_figures_one() -> None:
    earnings = _first_pair(
        "The bank earned $2 billion in the first quarter, and the buyer raised it on Friday.",
        "bank earn first quarter buyer raise friday stock share",
        "Last spring a rival made $2.6 billion in the first quarter of trading in lenders.",
        "spring rival make first quarter trading lender",
        (2e9, 2.6e9),
    )
    season = _first_pair(
        "The league spent $3 billion in the first season before the rains returned.",
        "league spend first season rain return coast home",
        "A $3.8 billion first season was drawn up by the state treasury.",
        "first season draw state treasury budget office",
        (3e9, 3.8e9),
    )
    for b in (earnings, season):
        assert b.conflicts == ()


def _money(aid: str, sentence: str, value: float, terms: str) -> tuple[Article, Extraction]:
    text = f"${value / 1e6:g} million" if value >= 1e6 else f"${value:g}"
    return _source(aid, sentence, _n(value, "dollar", text, terms, kind="money"))


def test_a_value_with_a_part_added_is_named_by_that_part() -> None:
    trip = _brief(
        _money("a", "With fees included, the trip cost $900.", 900, "fee trip"),
        _money("b", "The trip came to $980 including fees.", 980, "fee trip"),
    )
    award = _brief(
        _money("a", "The jury award was $4 million excluding interest.", 4e6, "jury interest"),
        _money("b", "With interest excluded, the jury award stood at $4.6 million.", 4.6e6, "jury interest"),
    )
    assert [c.topic for c in trip.conflicts] == ["Value including fees: $900 vs $980"]  # not "of the fees"
    assert [c.topic for c in award.conflicts] == ["Value excluding interest: $4 million vs $4.6 million"]


def _pair(unit: str, kind: str, a: tuple[str, float, str], b: tuple[str, float, str], predicate: str = "") -> str:
    """The one conflict topic of two sources' figures, each given as (sentence, value, clause words)."""
    plural = unit if unit == "people" else unit + "s"
    found = _brief(
        *(
            _source(aid, text, _n(value, unit, f"{value:g} {plural}", terms, kind=kind, predicate=predicate or None))
            for aid, (text, value, terms) in (("a", a), ("b", b))
        )
    )
    (conflict,) = found.conflicts
    return conflict.topic.split(":")[0]


_TOPICS = {
    # a value whose clauses share only a name is that name's
    "Value of Zentek": ("dollar", "money", "", ("Traders said Zentek sold for $12.", 12, "trader zentek sell"),
                        ("Then Zentek fetched $15.", 15, "zentek")),
    "Value of Okafor": ("dollar", "money", "", ("Fans say Okafor cost $30.", 30, "fan okafor cost"),
                        ("The club paid for Okafor $38.", 38, "club okafor")),
    # a distance from a place: the compass point and the place
    "Distance north of Red Hill": ("mile", "measure", "", ("The jet came down 40 miles north of Red Hill.", 40,
                                   "jet north red hill"), ("Wreckage lay 55 miles north of Red Hill.", 55,
                                   "wreckage north red hill")),
    "Distance west of Lakeport": ("mile", "measure", "", ("The quake struck 12 miles west of Lakeport.", 12,
                                  "quake strike west lakeport"), ("Its epicentre was 19 miles west of Lakeport.",
                                  19, "epicentre west lakeport")),
    # a count without its verb: the state it is in, or a participle or state after the noun
    "Patients in intensive care": ("patient", "count", "", ("Nine patients were in intensive care.", 9,
                                   "patient intensive care"), ("Doctors had 12 patients in intensive care.", 12,
                                   "doctor patient intensive care")),
    "Suspects in custody": ("suspect", "count", "", ("Police held four suspects in custody.", 4,
                            "police suspect custody"), ("Six suspects were kept in custody overnight.", 6,
                            "suspect custody overnight")),
    "People dead": ("people", "count", "leave", ("The flood left 30 people dead.", 30, "flood dead"),
                    ("Flood water left 36 people dead.", 36, "flood water dead")),
    "Workers injured": ("worker", "count", "leave", ("The blast left 14 workers injured.", 14, "blast injured"),
                        ("Some 18 workers were left injured.", 18, "injured")),
}  # fmt: skip


@pytest.mark.parametrize("topic", list(_TOPICS))
def test_a_topic_names_what_the_figures_are_about(topic: str) -> None:
    unit, kind, predicate, a, b = _TOPICS[topic]
    assert _pair(unit, kind, a, b, predicate) == topic
