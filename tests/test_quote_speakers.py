"""Speakers beyond a name next to the verb: organisations behind descriptions, introduced speakers, usual forms."""

from __future__ import annotations

import pytest

from briefgen.models import Extraction, Mention, QuoteMention
from briefgen.reconcile.quotes import build_quotes
from tests.quote_helpers import parsed_article, said

# --- descriptions that speak for an organisation (need the trained model) ---------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # business: the spokesman of a named company
        (
            'Shares of General Motors fell on Monday. A General Motors spokesman said: "We expect demand '
            'to recover by the spring."',
            "General Motors",
        ),
        # health: "a spokeswoman for X"
        (
            'Two patients were moved overnight. A spokeswoman for the Mayo Clinic said: "Both are in '
            'a stable condition this morning."',
            "Mayo Clinic",
        ),
        # disaster: a bare spokesman after the body that reported
        (
            'The Environment Agency issued six flood warnings on Sunday. A spokesman added: "River levels '
            'will stay high for days."',
            "Environment Agency",
        ),
    ],
)
def test_a_spokesperson_speaks_for_the_organisation(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # business: "the company" is the company named before, not the regulator named since
        (
            'Toyota Motor Corp reported higher sales. The Federal Trade Commission did not comment. "Our plants '
            'had a strong quarter," the company said.',
            "Toyota Motor Corp",
        ),
        # crime: "police" is the force whose name holds the word
        (
            'Officers from the Thames Valley Police closed the road after the crash. "The driver was '
            'taken to hospital with minor injuries," police said.',
            "Thames Valley Police",
        ),
    ],
)
def test_an_organisation_noun_refers_back_to_the_organisation_that_fits(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
def test_a_definite_description_takes_its_named_antecedent() -> None:
    text = (
        'The Canadian military sent two helicopters to the fire. Crews worked through the night. "The blaze '
        'is now contained," the military said.'
    )
    assert list(said(text).values()) == ["Canadian military"]


# --- a speaker introduced in the sentence before --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # sport: the new speaker, not the one quoted before
        '"We were poor," Tom Reyes said. Coach Ana Ruiz said the team had lost its shape. "We will fix it '
        'in training this week."',
        # courts: a lawyer introduced after a witness's words
        '"I saw the van," said witness Mark Dunn. Defence lawyer Ana Ruiz told the jury he was mistaken. "He '
        'stood too far away to see anything clearly."',
    ],
)
def test_a_quote_alone_in_its_sentence_belongs_to_the_speaker_just_introduced(text: str) -> None:
    assert list(said(text).values())[-1] == "Ana Ruiz"


# --- speakers across sources (no model) -------------------------------------------------------------------


def _extraction(aid: str, mentions: tuple[Mention, ...], *quotes: QuoteMention) -> Extraction:
    return Extraction(aid, mentions, quotes, (), (), ())


def test_a_speaker_with_title_or_caption_words_takes_the_name_the_event_uses() -> None:
    a = parsed_article("The mayor spoke. She left.")
    mentions = (
        Mention("Mayor of Riverton Ada Quill", "PERSON", 0),
        Mention("Ada Quill", "PERSON", 1),
        Mention("Ada Quill", "PERSON", 1),
        Mention("Photo Desk Kestrel", "ORG", 0),
        Mention("Kestrel", "ORG", 1),
        Mention("Kestrel", "ORG", 1),
    )
    items = build_quotes(
        [
            _extraction(
                "a",
                mentions,
                QuoteMention("The bridge will reopen in June", "Mayor of Riverton Ada Quill", (0,)),
                QuoteMention("Our chips are in every new phone", "Photo Desk Kestrel", (1,)),
            )
        ],
        {"a": a},
    )
    assert [q.speaker for q in items] == ["Ada Quill", "Kestrel"]


def test_a_surname_is_not_lengthened_when_the_word_names_an_organisation() -> None:
    a = parsed_article("Kestrel said so. Kestrel grew.")
    mentions = (Mention("Jo Kestrel", "PERSON", 0), Mention("Kestrel", "ORG", 0), Mention("Kestrel", "ORG", 1))
    items = build_quotes(
        [_extraction("a", mentions, QuoteMention("Sales rose in every region", "Kestrel", (0,)))], {"a": a}
    )
    assert [q.speaker for q in items] == ["Kestrel"]


def test_a_rendering_that_holds_two_quotes_cites_both() -> None:
    a, b = parsed_article("One. Two."), parsed_article("Both.", aid="b")
    first, second = "The pier is closed for repairs.", "It will reopen when the engineers agree."
    items = build_quotes(
        [
            _extraction("a", (), QuoteMention(first, "Ana Ruiz", (0,)), QuoteMention(second, "Ana Ruiz", (1,))),
            _extraction("b", (), QuoteMention(f"{first} {second}", "Ana Ruiz", (0,))),
        ],
        {"a": a, "b": b},
    )
    assert [sorted({c.source for c in q.citations}) for q in items] == [["a", "b"], ["a", "b"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # technology: a company name the tagger does not know still speaks through its spokesperson
        ('"The outage is fixed," a Zentrix spokesperson told reporters on Friday.', "Zentrix"),
        # sport: the same for a club
        ('"He will miss the final," a Corvale spokesman told reporters after training.', "Corvale"),
    ],
)
def test_a_spokesperson_of_an_untagged_name_speaks_for_it(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # business
        '"Profits will recover," said company chairman and chief executive Ana Ruiz.',
        # health
        '"The ward reopens on Monday," said hospital director and chief surgeon Ana Ruiz.',
    ],
)
def test_a_role_phrase_ending_in_a_name_is_that_person(text: str) -> None:
    assert list(said(text).values()) == ["Ana Ruiz"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # policing: titles before the name are not part of it
        ('Deputy Chief Constable Ana Ruiz said: "The road will stay closed tonight."', "Ana Ruiz"),
        # courts
        ('Chief Justice Mark Dunn told the court: "The appeal is dismissed."', "Mark Dunn"),
    ],
)
def test_titles_before_a_name_are_dropped(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Delays will end soon," a Port of Tyne spokesman said.', "Port of Tyne"),
        ('"The recall covers two models," a Harbor Freight Tools spokeswoman said.', "Harbor Freight Tools"),
        ('A Kent County Council spokeswoman said: "The school will reopen on Monday."', "Kent County Council"),
    ],
)
def test_the_name_between_article_and_spokesperson_is_the_organisation(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a flood: the witness's words are not the neighbour's named since
        'Maria Lopez said her house flooded overnight. John Carter said his car was swept away. "The water came in '
        'so fast," she said.',
        # sport
        'Maria Lopez said her knee was sore after the race. John Carter said his team lacked energy. "I could not '
        'run freely at all," she said.',
    ],
)
def test_a_pronoun_skips_a_person_of_the_other_gender_named_since(text: str) -> None:
    assert list(said(text).values()) == ["Maria Lopez"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # courts: a relative sharing the surname keeps his own gender
        (
            "Hart said her lawyer would appeal the fraud verdict. Her husband, John Hart, said the trial was "
            'unfair. "The jury never heard the full story," he said.',
            "John Hart",
        ),
        # sport
        (
            "Lopez said her coach had quit before the final. Her father, Carlos Lopez, said the club was to "
            'blame. "They let the whole squad down," he said.',
            "Carlos Lopez",
        ),
    ],
)
def test_a_gender_seen_on_one_person_does_not_pass_to_a_relative(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a fire: the person heard speaking in a video
        '"Get back from the door," a firefighter can be heard saying in the video.',
        # sport: filmed on the touchline
        'A coach was filmed saying "that was never a penalty" as the players left the pitch.',
    ],
)
def test_the_one_heard_or_filmed_saying_is_the_speaker(text: str) -> None:
    assert [s.lower() for s in said(text).values() if s] in (["a firefighter"], ["a coach"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # according to: a flood and a trial
        ('The river will peak "well above the 2007 level", according to Maria Lopez.', "Maria Lopez"),
        ('The jury was "deeply divided on the second count", according to John Carter.', "John Carter"),
        # a colon after a name, as headlines and live reports attribute
        ('Maria Lopez: "We will rebuild the stand before the new season."', "Maria Lopez"),
        ('John Carter: "The verdict will be appealed within the week."', "John Carter"),
        # a post on social media
        ('Maria Lopez wrote on Twitter: "Flood water is now inside the clinic."', "Maria Lopez"),
        ('"What a comeback from the whole squad," John Carter tweeted after the match.', "John Carter"),
        ('John Carter posted on Facebook that the verdict was "a travesty for every victim".', "John Carter"),
    ],
)
def test_according_to_a_colon_after_a_name_and_a_post(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a paragraph wholly a quote continues the speaker of the paragraph before (disaster, business)
        'Maria Lopez said: "The water rose in minutes."\n\n"We lost every machine on the ground floor."',
        'John Carter, the chief executive, said sales fell. "Demand was weak all year."\n\n"We expect a better '
        'spring."',
    ],
)
def test_a_paragraph_wholly_a_quote_continues_the_last_speaker(text: str) -> None:
    speakers = list(said(text).values())
    assert len(speakers) == 2 and speakers[0] == speakers[1] and speakers[0] in ("Maria Lopez", "John Carter")
