"""Word lists for quotes: reporting verbs, role nouns, pronouns, honorifics and title function words."""

from __future__ import annotations


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


REPORTING_VERBS = _lexicon(
    """say tell add state declare write note explain insist argue claim warn announce reply respond answer
    ask continue describe admit acknowledge suggest stress emphasize emphasise comment report predict remark
    recall urge agree confirm deny concede tweet post conclude observe promise vow quip joke testify complain
    boast lament caution contend assert maintain mention point recount reiterate reflect retort shout yell
    scream cry whisper mutter sing chant proclaim pledge threaten charge accuse allege counter rebut muse
    speculate estimate forecast blast slam criticize criticise praise thank tout hail
    exclaim summarize summarise elaborate clarify quote cite read demand plead beg snap wonder inquire query
    advise instruct propose counsel"""
)
# Nouns naming a person by role: "the spokesman said" refers back to a person named earlier.
PERSON_ROLE_NOUNS = _lexicon(
    """spokesman spokeswoman spokesperson secretary senator president minister official leader chairman
    chairwoman chair governor mayor candidate nominee director envoy negotiator ambassador lawmaker congressman
    congresswoman representative chief commander general officer prosecutor judge attorney lawyer adviser
    advisor aide executive ceo founder premier chancellor diplomat professor economist analyst expert author
    strategist manager coach captain pilot doctor physician scientist researcher historian
    businessman businesswoman billionaire actor actress singer host anchor writer critic activist resident
    witness survivor victim mother father son daughter wife husband widow veteran owner partner
    investigator detective sheriff inspector"""
)
# Nouns for someone who speaks for an organisation: "a spokesman for the agency" speaks for the agency.
SPOKES_NOUNS = _lexicon("spokesman spokeswoman spokesperson representative")
# Nouns that refer back to an organisation ("the company said"), and the kinds of body they name: a noun of
# a kind prefers an organisation whose name holds a word of that kind ("the police" -> "Riverside Police").
ORG_KINDS: dict[str, frozenset[str]] = {
    "business": _lexicon(
        """company firm group corporation business bank lender insurer carrier airline operator retailer
        chipmaker maker manufacturer producer developer publisher owner network club team"""
    ),
    "public": _lexicon(
        """agency department ministry office authority police force service council committee commission board
        court tribunal hospital university school government administration regulator watchdog inspectorate
        brigade bureau army military navy union party campaign organisation organization charity foundation
        institute movement association coalition alliance federation society league organiser organizer"""
    ),
}
ORG_NOUNS = frozenset().union(*ORG_KINDS.values())
# A country's own bodies: "the military" in a story that named "the Northland army" is Northland's military.
STATE_NOUNS = _lexicon("military army navy government police ministry cabinet presidency")
# Verbs whose object or agent received or read what was said: "told the Ledger", "seen by the Ledger".
LISTENING_VERBS = _lexicon("tell see obtain review contact interview reach")
# Documents that speak for whoever issued them: "the statement said".
DOCUMENT_NOUNS = _lexicon("statement release filing letter announcement notice report memo email post tweet")
# Capitalised words that title a person before the name ("Deputy Chief Constable Jane Roe").
TITLE_WORDS = PERSON_ROLE_NOUNS | _lexicon("deputy assistant vice constable superintendent sergeant justice")
# Verbs whose speaker may follow them ("said Jane Roe"); after "told"/"asked" comes the listener.
# An object after these is rarely a person, so a name right after them is their speaker ("confirmed Jane Roe").
INVERSION_VERBS = _lexicon(
    """say add write explain continue note recall insist declare conclude warn argue reply confirm announce
    acknowledge admit observe remark state comment answer respond concede agree complain joke quip exclaim
    stress predict recount reiterate retort muse"""
)
# Verbs that report only when something quoted or a clause is their object ("called it 'x'").
WEAK_REPORTING_VERBS = _lexicon("call describe label dub term brand")

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we", "us"})
FIRST_PERSON = frozenset({"i", "me", "you"})

MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
FEMALE_TITLES = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "madam", "dame", "lady", "queen", "princess"})
HONORIFICS = _lexicon(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. lt lt. col col. sgt sgt.
    capt capt. adm adm. sir dame rev rev. fr fr. del del. atty atty. supt supt. insp insp. amb amb."""
)
# Words a title leaves in lower case ("State of the Union").
FUNCTION_WORDS = _lexicon("a an the of and or in on at to for with from by as is it")
