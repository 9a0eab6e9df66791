"""Speakers from context: who a pronoun or description takes up, the clause after a quote, listeners and places."""

from __future__ import annotations

import pytest

from briefgen.models import Extraction, Mention, QuoteMention
from briefgen.reconcile.quotes import build_quotes
from tests.quote_helpers import parsed_article, said

# --- pronouns and descriptions (need the trained model) ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # sport: a name in the sentence between (not its subject) is not who "he" is
        (
            "Club captain Mark Dale said the team had trained hard all week. The session was filmed by the "
            'photographer Peter Voss on Sunday. "We are ready for the final," he said.',
            "Mark Dale",
        ),
        # science: the subject two sentences back outranks a name in a caption-like aside
        (
            "Professor Ruth Alder said the samples came from the deepest part of the lake. The drill was "
            'built with the engineer Clara Moss. "Nobody has reached this layer before," she said.',
            "Ruth Alder",
        ),
    ],
)
def test_a_subject_of_the_last_sentences_outranks_a_nearer_name(text: str, speaker: str) -> None:
    assert list(said(text).values())[-1] == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # business: "it" takes up the company that was the subject, not the town named after it
        (
            "Harbour Books opened a shop on Monday. The company said the store in Kendal had sold out by noon. "
            '"Readers queued for hours," it said.',
            "Harbour Books",
        ),
        # leisure: "they" takes up the organisers, named by a capitalised apposition the tagger missed
        (
            "Kites filled the sky over the bay. The organisers, It's Windy Weekend, said the wind had dropped. "
            '"We had to ground the big kites," they said.',
            "It's Windy Weekend",
        ),
    ],
)
def test_a_pronoun_takes_up_an_organisation_that_was_the_subject(text: str, speaker: str) -> None:
    assert set(said(text).values()) == {speaker}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # disaster: a sentence run on into the next (its full stop lost) before the quote
        (
            '"We lost the east field," farmer Tom Hale said. The city council said in March it was committed '
            'to rebuilding the two bridges washed away by the flood "About a week ago I walked the site with '
            'the engineers," Ann Reed told reporters.',
            ["Tom Hale", "Ann Reed"],
        ),
        # business: a speech verb before a long title and name
        (
            '"Sales were flat," analyst Joe Park said. "Every store will stay open," confirmed German retail '
            "group spokesman Lukas Brandt.",
            ["Joe Park", "Lukas Brandt"],
        ),
    ],
)
def test_the_reporting_clause_right_after_the_quote_attributes_it(text: str, speakers: list[str]) -> None:
    assert list(said(text).values()) == speakers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # disaster: a country's army named, then "the military"
        (
            "The Chilean army said it had rescued 40 fishermen off the coast. "
            '"Two boats are still missing and the search goes on," the military said.',
            "Chilean military",
        ),
        # health: a country's ministry named, then "the government"
        (
            "The Danish ministry said 300 cases had been confirmed this week. "
            '"Hospitals have enough beds for now," the government said on Tuesday.',
            "Danish government",
        ),
    ],
)
def test_a_state_body_takes_the_nationality_the_article_gives_its_state(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # business: the paper told and shown a memo reports; the company speaks
        (
            "Kestrel Foods cut 200 jobs, a manager told the Ledger. A memo seen by the Ledger gives the "
            'reasons. "The cuts were unavoidable," the company said.',
            "Kestrel Foods",
        ),
        # utilities: the agency shown the report reports; the water board speaks
        (
            "The Riverside Water Board closed two reservoirs, an engineer told Wirenews. The report, obtained "
            'by Wirenews, lists nine faults. "The water is safe to drink," the agency said.',
            "Riverside Water Board",
        ),
    ],
)
def test_an_organisation_that_was_told_or_shown_is_not_the_speaker(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # civic: a named campaign, the name between "the" and the noun
        (
            'The Save Hill Park Library campaign thanked volunteers and added: "We will keep the doors open."',
            "Save Hill Park Library",
        ),
        # leisure: a named campaign the parser splits
        (
            'The Save Our Pool campaign said on Sunday: "The town needs a place to swim."',
            "Save Our Pool",
        ),
    ],
)
def test_a_named_organisation_noun_speaks_by_its_name(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # transport
        'Staff left the station at noon. "The doors are locked." Trains stopped at six, police said.',
        # weather
        'Crews worked all night. "It is the worst storm we have seen." Power was back by dawn, the utility said.',
    ],
)
def test_a_next_sentence_reporting_its_own_clause_does_not_attribute_the_quote(text: str) -> None:
    assert list(said(text).values()) == [None]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # courts: a line without its full stop ends on a place, the next opens with the surname
        'Amy Harper lost her case in Leeds on Monday. "I was never there," the 30-year-old said outside the '
        "court in Leeds Harper said she would appeal.",
        # sport
        'Striker Joe Lyle scored twice in Glasgow on Saturday. "I love it here," the 24-year-old said after '
        "the match in Glasgow Lyle said he would sign a new deal.",
    ],
)
def test_a_place_glued_before_a_name_is_not_part_of_it(text: str) -> None:
    [speaker] = list(said(text).values())
    assert speaker is not None and speaker.split()[-1] in ("Harper", "Lyle") and len(speaker.split()) > 1
    assert not speaker.startswith(("Leeds", "Glasgow"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # sport: the photographer of a credit line is no one's antecedent
        (
            "Coach Dan Kerr said the team was tired. Players train at the club ground. PHOTO/Sam Webb "
            '"We need a rest," he said.',
            "Dan Kerr",
        ),
        # flood
        (
            "Mayor Lisa Holt said the river had peaked. Sandbags lined the high street. PHOTO/Anna Kerr "
            '"The worst is over," she said.',
            "Lisa Holt",
        ),
    ],
)
def test_a_name_in_a_photo_credit_is_not_the_speaker(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # sport: a quoted heading run into the sentence takes the parser's subject; the name before the
        # apposition still speaks
        (
            "Fans were angry. 'No refunds' Tom Reed, the club's chairman, said that the ticket sale was "
            '"final and fair to everyone."',
            "Tom Reed",
        ),
        # banking
        (
            "Shares fell. 'Big loss' Omar Reyes, the bank's finance chief, said that the year had been "
            '"hard for every lender."',
            "Omar Reyes",
        ),
    ],
)
def test_the_name_before_an_apposition_speaks(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # flood: "the 64-year-old" takes up the person just named
        (
            "Farmer Joe Platt, whose fields flank the river, told the paper he heard the bank give way. "
            'The 64-year-old said: "The water came up to the windows in ten minutes."',
            "Joe Platt",
        ),
        # sport
        (
            "Striker Lena Moss, who joined in May, scored twice against Hull City. The 22-year-old said: "
            '"I just wanted to repay the fans."',
            "Lena Moss",
        ),
    ],
)
def test_an_age_description_refers_to_the_person_just_named(text: str, name: str) -> None:
    [speaker] = list(said(text).values())
    assert speaker is not None and speaker.endswith(name)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # transport: a trailing "describing ... as" hangs under the clause the speaker reports
        (
            "Speaking from her hospital bed, Tina Ross said people were crying and there was smoke everywhere, "
            'describing the crash as "the worst moment of my life".',
            "Tina Ross",
        ),
        # sport
        (
            "After the match, coach Ian Bell said fans were singing and the ground was full, describing the "
            'win as "a night we will never forget".',
            "Ian Bell",
        ),
    ],
)
def test_a_trailing_participle_belongs_to_the_one_who_said(text: str, speaker: str) -> None:
    assert list(said(text).values()) == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # health: a name the tagger calls an organisation, taken up by "her", is a person "she" can be
        'Dr Paul Lee said the clinic was full. Ifeoma Nwosu said her son was hurt in the crash. "He has a '
        'broken arm," she said.',
        # sport
        'Coach Tom Hale said the pitch was wet. Ifeoma Nwosu said her daughter played in goal. "She saved two '
        'penalties," she said.',
    ],
)
def test_a_name_taken_up_by_a_personal_pronoun_is_a_person(text: str) -> None:
    assert list(said(text).values()) == ["Ifeoma Nwosu"]


# --- speakers across sources (no model) -------------------------------------------------------------------


def test_a_place_is_not_the_usual_form_of_an_organisation_named_after_it() -> None:
    a = parsed_article("One. Two.")
    mentions = (
        Mention("Harbour Rail for Riverton", "ORG", 0),
        Mention("Riverton", "GPE", 0),
        Mention("Riverton", "GPE", 1),
        Mention("Museum of Leeds", "ORG", 1),
        Mention("Leeds", "GPE", 1),
        Mention("Leeds", "GPE", 0),
    )
    items = build_quotes(
        [
            Extraction(
                "a",
                mentions,
                (
                    QuoteMention("Trains will run again from Monday", "Harbour Rail for Riverton", (0,)),
                    QuoteMention("The fossil is older than we thought", "Museum of Leeds", (1,)),
                ),
                (),
                (),
                (),
            )
        ],
        {"a": a},
    )
    assert [q.speaker for q in items] == ["Harbour Rail for Riverton", "Museum of Leeds"]


@pytest.mark.parametrize(
    ("described", "named", "quote"),
    [
        ("The Riverton Mayor", "Ada Quill", "The bridge will reopen in June"),  # civic
        ("The Rovers Head Coach", "Jo Kerr", "We were second best all afternoon"),  # sport
    ],
)
def test_a_named_person_beats_a_capitalised_description_of_them_across_sources(
    described: str, named: str, quote: str
) -> None:
    a, b = parsed_article("One."), parsed_article("Two.", aid="b")
    mentions = (Mention(named, "PERSON", 0),)
    items = build_quotes(
        [
            Extraction("a", (), (QuoteMention(quote, described, (0,)),), (), (), ()),
            Extraction("b", mentions, (QuoteMention(quote, named, (0,)),), (), (), ()),
        ],
        {"a": a, "b": b},
    )
    assert [q.speaker for q in items] == [named]
