"""Reconcile on hand-built extractions: no spaCy needed."""

from briefgen.models import (
    Article,
    Block,
    EventMeta,
    Extraction,
    HideRule,
    Mention,
    NumberMention,
    Overrides,
    PersonOverride,
    Problem,
    QuestionMention,
    QuoteMention,
    Sentence,
)
from briefgen.reconcile import reconcile


def _article(aid: str, *texts: str) -> Article:
    sentences, offset = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(i, t, offset, offset + len(t), i))
        offset += len(t) + 2
    blocks = tuple(Block("paragraph", (i,)) for i in range(len(texts)))
    return Article(
        aid,
        "ev",
        f"ev/{aid}.txt",
        None,
        None,
        None,
        None,
        None,
        "\n\n".join(texts),
        tuple(sentences),
        blocks,
        "0",
    )


def _ex(aid: str, n: int, **kw: object) -> Extraction:
    base: dict[str, object] = dict(mentions=(), quotes=(), numbers=(), questions=(), terms=((),) * n)
    base.update(kw)
    return Extraction(source=aid, **base)  # type: ignore[arg-type]


def test_surname_mentions_join_full_name_across_sources() -> None:
    a = _article("a", "Ana Ruiz spoke first.", "Ruiz then left.")
    b = _article("b", "Ms. Ruiz returned.")
    ea = _ex("a", 2, mentions=(Mention("Ana Ruiz", "PERSON", 0, "the mayor"), Mention("Ruiz", "PERSON", 1)))
    eb = _ex("b", 1, mentions=(Mention("Ruiz", "PERSON", 0),))
    briefing = reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing
    people = [w for w in briefing.who if w.kind == "person"]
    assert len(people) == 1
    assert people[0].name == "Ana Ruiz" and people[0].roles == ("the mayor",)
    assert {c.source for c in people[0].citations} == {"a", "b"}


def test_same_quote_in_two_sources_is_one_item_citing_both() -> None:
    a = _article("a", '"We will rebuild the pier by spring," she said.')
    b = _article("b", 'The mayor said: "We will rebuild the pier by spring, whatever it costs."')
    ea = _ex("a", 1, quotes=(QuoteMention("We will rebuild the pier by spring,", "Ana Ruiz", (0,)),))
    eb = _ex("b", 1, quotes=(QuoteMention("We will rebuild the pier by spring, whatever it costs.", None, (0,)),))
    briefing = reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing
    assert len(briefing.quotes) == 1
    assert briefing.quotes[0].speaker == "Ana Ruiz"
    assert {c.source for c in briefing.quotes[0].citations} == {"a", "b"}


def test_citations_carry_exact_sentence_text() -> None:
    a = _article("a", "Intro here.", "The storm cut power to 300 homes.")
    ea = _ex("a", 2, numbers=(NumberMention(300, "home", "300 homes", "cut power to 300 homes", 1),))
    briefing = reconcile("ev", EventMeta(title="Storm"), [a], [ea]).briefing
    assert briefing.event.title == "Storm"
    (number,) = briefing.numbers
    assert number.citations[0].text == "The storm cut power to 300 homes."
    assert number.citations[0].sentence == 1


def test_reconcile_returns_the_overrides_that_matched_nothing_beside_the_briefing() -> None:
    a = _article("a", "The jury retired on Tuesday afternoon.", "It is unclear when the verdict will come.")
    ea = _ex("a", 2, questions=(QuestionMention("when the verdict will come", 1, "Unclear"),))
    overrides = Overrides(
        hide=(HideRule("numbers", "fine"),), people=(PersonOverride("Judge Nobody"),), pin=("acquitted",)
    )
    briefing, problems = reconcile("jury-trial", EventMeta(overrides=overrides), [a], [ea])
    assert [(q.status, q.text) for q in briefing.questions] == [("Unclear", "when the verdict will come")]
    assert all(isinstance(p, Problem) for p in problems)
    assert [(p.path, p.severity, p.message) for p in problems] == [
        ("jury-trial/event.yaml", "warning", "overrides.people: nobody named 'Judge Nobody' or []"),
        ("jury-trial/event.yaml", "warning", "overrides.hide.numbers: nothing matches 'fine'"),
        ("jury-trial/event.yaml", "warning", "overrides.pin: no development matches 'acquitted'"),
    ]
    assert not hasattr(briefing, "problems")  # the briefing is the contract; what went wrong travels beside it


def test_a_matching_override_raises_no_problem() -> None:
    a = _article("a", "The quarterly profit fell by a third.", "Analysts said the chief executive may step down.")
    ea = _ex("a", 2, questions=(QuestionMention("the chief executive may step down", 1, "Hedged"),))
    briefing, problems = reconcile(
        "profit", EventMeta(overrides=Overrides(hide=(HideRule("questions", "step down"),))), [a], [ea]
    )
    assert briefing.questions == () and problems == ()
