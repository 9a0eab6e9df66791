"""Boilerplate detection: page furniture is flagged, article sentences are not, ids stay stable."""

from __future__ import annotations

import pytest

from briefgen.clean import boilerplate_flags, is_fragment, is_furniture, strip_label, trailer_outlet
from briefgen.models import SourceFile
from briefgen.parse import parse_source

ARTICLE = [
    ["By Jane Halloway"],
    ["The harbour authority closed the northern pier on Monday after a crane collapsed onto two fishing boats."],
    ["Newsletter Sign Up Continue reading the main story", "Get the morning briefing in your inbox."],
    ["Workers spent the night clearing steel from the water, officials said."],
    ["A diver inspects the wreck near the pier. (Photo: Tom Reyes/Coastal Wire)"],
    ["It is not yet known when the pier will reopen.", "(Reporting by Ana Pires; Editing by Li Wen)"],
    ["Priya Nand and Colm Ruane contributed reporting."],
    ["Mara Quist is a Gazette reporter covering ports and shipping."],
    ["The post Crane Collapse Shuts Pier appeared first on The Harbour Gazette."],
]


def test_furniture_sentences_are_flagged_and_article_sentences_kept() -> None:
    flags = boilerplate_flags(ARTICLE)
    assert flags[0] == [True]  # byline
    assert flags[1] == [False]
    assert flags[2] == [True, True]  # the whole sign-up block goes, not only its cue sentence
    assert flags[3] == [False]
    assert flags[4] == [True]  # a caption closed by a photo credit
    assert flags[5] == [False, True]  # the credit sentence goes, the sentence before it stays
    assert flags[6] == [True] and flags[7] == [True] and flags[8] == [True]


def test_bio_and_byline_rules_only_apply_near_the_ends() -> None:
    middle = [["Lead sentence of the story here."]] * 4
    body = [*middle, ["Sam Oduya is a reporter who was detained at the border last week."], *middle]
    assert boilerplate_flags(body)[4] == [False]
    assert boilerplate_flags([*middle, body[4]])[4] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Image copyright Some Agency Image caption Rescue workers at the scene",
        "Copyright 2020 The Wire Service. All rights reserved.",
        "Read or Share this story: https://example.com/x",
        "Follow her on Twitter: @somehandle.",
        "Scroll down for video",
        "Advertisement Continue reading the main story",
        "3/12 Volunteers sort donations in the school gym.",
        "Great game tonight!! — Some Fan (@somefan) March 3, 2021",
        "FILE - In this 2019 file photo, the mayor speaks at a rally.",
        "Related: Ten things to know about the new bridge",
    ],
)
def test_furniture_cues(text: str) -> None:
    assert is_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "Photographs released by the ministry showed the delegates seated at a round table.",
        "Voters who want to sign the petition can do so at the town hall until Friday.",
        "Today, the firm said it was reviewing the matter and sent this statement by email: “We are on it.”",
        "(The mayor later said the figure was an estimate and could rise as more reports came in.)",
        "The copyright dispute between the two publishers went to court in May.",
    ],
)
def test_article_sentences_are_not_furniture(text: str) -> None:
    assert not is_furniture(text)


def test_short_capitalised_labels_are_fragments_but_sentences_are_not() -> None:
    assert is_fragment("Wire Service - Agency Photo")
    assert is_fragment("Empire Building")
    assert not is_fragment("The pier reopened.")
    assert not is_fragment("The handset has not been announced yet")


def test_trailer_names_the_outlet() -> None:
    blocks = ["Body text.", "The post Headline Here appeared first on The Harbour Gazette."]
    assert trailer_outlet(blocks) == "The Harbour Gazette"
    trailer = "This story originally appeared on Example News on Mon, 1 Jan 2018."
    assert trailer_outlet(["Body.", trailer]) == "Example News"
    assert trailer_outlet(["Body text only."]) is None


def test_parse_flags_boilerplate_keeps_ids_and_takes_outlet_from_trailer() -> None:
    text = "\n".join(" ".join(block) for block in ARTICLE)
    article = parse_source(SourceFile("a", "ev", "ev/a.txt", ".txt", text, "0"), [])
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
    kept = [s.text for s in article.sentences if not s.boilerplate]
    assert kept == [
        "The harbour authority closed the northern pier on Monday after a crane collapsed onto two fishing boats.",
        "Workers spent the night clearing steel from the water, officials said.",
        "It is not yet known when the pier will reopen.",
    ]
    assert article.outlet == "The Harbour Gazette"
    with_outlet = parse_source(SourceFile("a", "ev", "ev/a.md", ".md", "---\noutlet: Own Name\n---\n" + text, "0"), [])
    assert with_outlet.outlet == "Own Name"


def test_a_long_block_never_goes_whole() -> None:
    """Scraped markdown without blank lines is one block: only its furniture sentences go."""
    block = ["Image copyright Some Agency", *[f"Sentence number {i} of the story is here." for i in range(6)]]
    assert boilerplate_flags([block]) == [[True] + [False] * 6]


def test_caption_sentences_and_page_labels() -> None:
    assert is_furniture("A photo released by the coast guard shows the damaged hull.")
    assert is_furniture("Story highlights The ferry sank near the harbour")
    assert not is_furniture("The photo showed what the coast guard had feared.")


def test_contributor_lines_and_bios_inside_one_long_block() -> None:
    assert is_furniture("Lin Qiao contributed from Shanghai.")
    assert not is_furniture("Three donors contributed to the fund.")
    block = ["Ola Berg is a staff reporter covering courts and crime.", *[f"Story sentence {i}." for i in range(6)]]
    assert boilerplate_flags([block])[0][:2] == [True, False]


def test_bylines_are_names_after_by_not_any_sentence_opening_with_by() -> None:
    lead = ["By the time crews arrived, it was over.", "The fire burned all night."]
    assert boilerplate_flags([[s] for s in lead]) == [[False], [False]]
    assert boilerplate_flags([["By Rui Sato and Ana Lobo"], ["The fire burned all night."]])[0] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "According to reporting by the local paper, the mayor knew of the cracks.",
        "The novel was originally published in 1990 and reissued this spring.",
        "Results show all five passengers survived the landing.",
        "Regulators said the app had broken the platform's terms of service by sharing user data without consent.",
    ],
)
def test_news_sentences_that_share_words_with_furniture(text: str) -> None:
    assert not is_furniture(text)


def test_short_furniture_lines() -> None:
    assert is_furniture("Read our privacy policy and terms of use.")
    assert is_furniture("Get our free newsletter every morning.")


@pytest.mark.parametrize(
    "text",
    [
        "This is a developing story and will be updated.",  # update notes
        "More to follow.",
        "Got a news tip? Send us your stories and photos.",  # reader tip requests
        "This text may not be reproduced or redistributed without permission.",  # wire copyright line
        "Supporters are seen celebrating outside the court in the capital, May 3, 2024.",  # present-tense caption
        "The rover is pictured on the crater floor in an image from the agency.",
    ],
)
def test_kinds_of_furniture(text: str) -> None:
    assert is_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "The suspect was seen leaving the bank shortly before noon.",  # past tense: what a witness saw
        "In the clip, where the goalkeeper is seen on the ground, the referee waves play on.",
        "Prosecutors said more charges may follow next week.",
        "The club is seen as the favourite for the cup.",
    ],
)
def test_news_sentences_are_not_kinds_of_furniture(text: str) -> None:
    assert not is_furniture(text)


def test_a_caption_closed_by_a_bracketed_credit_goes_whole() -> None:
    caption = ["Volunteers stack sandbags along the river, March 4, 2024.", "[Photo/Wire Desk]"]
    assert boilerplate_flags([["Story sentence one is here."], caption, ["Story sentence two."]])[1] == [True, True]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Photo MADRID \u2014 The court upheld the ban on Monday.", "The court upheld the ban on Monday."),
        ("(Wire) - Shares in the miner fell 8 percent.", "Shares in the miner fell 8 percent."),
        ("PORTO, Portugal (Wire) - The striker signed a new contract.", "The striker signed a new contract."),
        ("Advertisement The quake struck at dawn.", "The quake struck at dawn."),
        ("Video footage showed the landslide.", "Video footage showed the landslide."),  # a subject, not a label
        ("NASA said the launch slipped a week.", "NASA said the launch slipped a week."),
    ],
)
def test_strip_label_removes_labels_and_datelines_only(text: str, sentence: str) -> None:
    assert strip_label(text) == sentence


def test_gallery_slide_counters_after_a_gallery_title_or_caption() -> None:
    assert is_furniture("Storm season in pictures 1/24 A fallen tree blocks a road in the north")
    assert is_furniture("Fans fill the square before kick-off. Hide Caption 3 of 12")
    assert not is_furniture("The match was shown in pictures on giant screens in 12 cities.")
