"""Common nouns that say what kind of thing a name is: a person, an organisation, a place.

General-English inventories (occupational titles, kinship terms, parts people play in news reports,
kinds of organisation and of place), no event's words. A name described by one of these ("her daughter
Ana", "Lee, a passenger", "the Kestrel security agency", "the village of Tor") is of that kind whatever
the NER said.
"""

from __future__ import annotations

import re

PERSON_NOUNS = frozenset(
    """
    president vice-president premier minister secretary senator representative congressman congresswoman governor
    mayor councillor councilor lawmaker legislator mp mep politician official diplomat ambassador envoy negotiator
    delegate adviser advisor aide deputy spokesman spokeswoman spokesperson chancellor king queen prince princess
    judge justice magistrate prosecutor lawyer attorney counsel solicitor barrister defendant plaintiff suspect
    sheriff constable officer detective inspector commissioner superintendent marshal trooper agent investigator
    soldier general colonel captain commander sergeant lieutenant admiral veteran militant fighter gunman
    executive ceo chairman chairwoman chair director manager founder co-founder owner partner shareholder investor
    analyst economist strategist banker trader broker consultant accountant employee worker staffer contractor
    engineer scientist researcher professor lecturer teacher headteacher student pupil schoolgirl schoolboy
    doctor physician surgeon nurse paramedic medic firefighter pilot driver conductor crew
    journalist reporter correspondent editor columnist photographer writer author blogger historian expert
    activist campaigner protester organiser organizer leader member candidate head chief
    priest bishop pastor imam rabbi cleric farmer fisherman chef artist singer actor actress musician athlete
    player coach footballer striker goalkeeper referee developer designer architect fitter builder mechanic
    mother father son daughter brother sister wife husband parent child cousin uncle aunt grandmother grandfather
    grandson granddaughter niece nephew friend neighbour neighbor relative girlfriend boyfriend fiance fiancee
    widow widower resident local witness passenger victim survivor spectator bystander onlooker customer patient
    commuter tourist visitor citizen native volunteer fan hostage captive prisoner detainee girl boy man woman
    teenager teen mum mom dad
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# A role ending in one of these nouns describes an organisation ("an Islamist group", "the chip maker's parent company")
ORG_NOUNS = frozenset(
    """group company firm organization organisation agency party movement militia union network team club band
    corporation business bank airline carrier maker manufacturer supplier retailer chain startup outlet newspaper
    broadcaster publisher ministry department government council committee court army force insurgency media""".split()  # noqa: SIM905
)
# The last word of an institution's or a facility's name: "Hill Street School", "St Anne's Hospital"
INSTITUTION_NOUNS = frozenset(
    "school college university hospital clinic church cathedral mosque temple academy institute foundation".split()  # noqa: SIM905
)
FACILITY_NOUNS = frozenset("street road avenue lane square bridge station airport park stadium prison".split())  # noqa: SIM905
# "the village of X": X is a place
PLACE_NOUNS = frozenset(
    """village town city district province region state county island neighbourhood neighborhood suburb capital
    municipality borough""".split()  # noqa: SIM905
)


def role_head(role: str) -> str:
    """The noun a role phrase is about: "head of the group" is a head, "one of the passengers" a passenger."""
    words = role.split()
    if len(words) > 2 and words[0].lower() == "one" and words[1].lower() == "of":
        role = " ".join(words[2:])
    words = re.split(r"\s+(?:of|at|for|in|with|from|who|that|which)\s+", role, maxsplit=1)[0].split()
    head = words[-1].lower().strip(".,") if words else ""
    return head[:-1] if head not in PERSON_NOUNS and head.endswith("s") and head[:-1] in PERSON_NOUNS else head
