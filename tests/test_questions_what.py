"""Open questions phrased as open points and merged across sources; key developments clustered across sources."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.models import EventMeta, Extraction, Mention, NumberMention, QuestionMention
from briefgen.nlp.questions import open_points
from briefgen.reconcile import reconcile
from briefgen.reconcile.questions import build_questions
from briefgen.reconcile.what import MAX_ITEMS, build_what
from tests.test_reconcile import _article


@pytest.mark.parametrize(
    ("sentence", "point"),
    [
        ("It is unclear when the bridge will reopen, as engineers are still inspecting it.",
         "Unclear: when the bridge will reopen"),
        ("The council did not say how much the repairs would cost, but promised a report.",
         "Not disclosed: how much the repairs would cost"),
        ("A spokeswoman said it was too early to comment on the cause of the fire, adding that crews were on site.",
         "Too early to say: the cause of the fire"),
        ("It remains to be seen whether the truce holds.", "Remains to be seen: whether the truce holds"),
        ("The big question is whether voters will accept the new tax.",
         "Open question: whether voters will accept the new tax"),
        ("The main obstacle remains funding for the second runway.", "Unresolved: funding for the second runway"),
        ("Talks ended on Friday, even as the wage dispute remains unresolved.", "Unresolved: wage dispute"),
    ],
)  # fmt: skip
def test_open_points_are_phrased_from_the_clause_the_cue_governs(sentence: str, point: str) -> None:
    assert point in open_points(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor said the bridge will reopen on Monday.",
        "Rain and wind influence whether ferries sail at all.",
        "The company did not comment.",
        "Progress on the new bridge is proving difficult, engineers said.",
    ],
)
def test_statements_raise_no_open_point(sentence: str) -> None:
    assert open_points(sentence) == []


def _ex(aid: str, terms: list[list[str]], **kw: object) -> Extraction:
    base: dict[str, object] = dict(mentions=(), quotes=(), numbers=(), questions=(), terms=tuple(map(tuple, terms)))
    base.update(kw)
    return Extraction(source=aid, **base)  # type: ignore[arg-type]


def test_same_open_point_from_two_sources_is_one_item_citing_both() -> None:
    a = _article("a", "Nobody knows yet.", "It is unclear when the ferry service will restart.")
    b = _article("b", "Officials did not say when the ferry service would restart.")
    qa = _ex("a", [[], []], questions=(QuestionMention("Unclear: when the ferry service will restart", 1),))
    qb = _ex("b", [[]], questions=(QuestionMention("Not disclosed: when the ferry service would restart", 0),))
    items = build_questions([qa, qb], {"a": a, "b": b})
    assert len(items) == 1
    assert [(c.source, c.sentence) for c in items[0].citations] == [("a", 1), ("b", 0)]


def test_different_open_points_stay_apart() -> None:
    a = _article("a", "It is unclear who will pay for the repairs.", "The cause of the crash is not yet known.")
    qa = _ex(
        "a",
        [[], []],
        questions=(QuestionMention("Unclear: who will pay for the repairs", 0), QuestionMention("Unclear: cause", 1)),
    )
    assert len(build_questions([qa], {"a": a})) == 2


def test_developments_cluster_across_sources_and_rank_by_sources_then_position() -> None:
    a = _article(
        "a",
        "Storm winds closed the Harlow bridge on Tuesday, stranding commuters.",
        "Local bakeries sold out of bread as shoppers stocked up before the weekend.",
        "Crews restored power to 4,000 homes by evening, the utility said.",
    )
    b = _article(
        "b",
        "The Harlow bridge was shut on Tuesday after storm winds, leaving commuters stranded.",
        "The utility said its crews had brought power back to 4,000 homes by the evening.",
    )
    ta = [
        ["storm", "wind", "close", "bridge", "tuesday", "strand", "commuter"],
        ["local", "bakery", "sell", "bread", "shopper", "stock", "weekend"],
        ["crew", "restore", "power", "home", "evening", "utility", "say"],
    ]
    tb = [
        ["bridge", "shut", "tuesday", "storm", "wind", "leave", "commuter", "strand"],
        ["utility", "say", "crew", "bring", "power", "home", "evening"],
    ]
    harlow = (Mention("Harlow", "GPE", 0),)
    power = NumberMention(4000, "home", "4,000 homes", "", 2)
    ea = _ex("a", ta, mentions=harlow, numbers=(power,))
    eb = _ex("b", tb, mentions=harlow, numbers=(NumberMention(4000, "home", "4,000 homes", "", 1),))
    items = build_what([ea, eb], {"a": a, "b": b})
    assert [sorted({c.source for c in i.citations}) for i in items] == [["a", "b"], ["a", "b"], ["a"]]
    assert items[0].text.startswith("Storm winds closed")  # reported by both and first in both
    assert len(items) <= MAX_ITEMS


def test_uncertain_and_boilerplate_sentences_are_not_developments() -> None:
    texts = (
        "It is unclear whether the new harbour wall will be finished before the winter storms.",
        "Sign up for our newsletter to get harbour news every week in your inbox now.",
    )
    a = _article("a", *texts)
    a = replace(a, sentences=(a.sentences[0], replace(a.sentences[1], boilerplate=True)))
    terms = [
        ["unclear", "harbour", "wall", "finish", "winter", "storm"],
        ["sign", "newsletter", "news", "week", "inbox"],
    ]
    ex = _ex("a", terms)
    assert reconcile("ev", EventMeta(), [a], [ex]).what == ()


def test_a_point_that_runs_past_its_clause_is_cut() -> None:
    run_on = "It is unclear whether the boy is alive " + " ".join(["rescuers dig on"] * 12)
    (point,) = open_points(run_on)
    assert point.endswith("\u2026") and len(point.split()) <= 27


def test_a_point_ends_at_the_closing_quote_or_the_attribution() -> None:
    quoted = "\u201cIt is unclear who fired first,\u201d a witness told reporters."
    assert open_points(quoted) == ["Unclear: who fired first"]
    assert open_points("Asked whether the mine would reopen, the company spokesman said no.") == [
        "Open question: whether the mine would reopen"
    ]
