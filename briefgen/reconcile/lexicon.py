"""Words that mean the same thing in news reports, so differently worded clauses can be matched.

Each family is one sense shared by its words in general English (thesaurus synonyms, or a verb with its own
noun and participle: "die" / "death" / "dead"), never the words of one story. Each word maps to the first
word of its family.
"""

from __future__ import annotations

_FAMILIES = (
    # what happens to people in disasters, crimes and wars
    ("die", "dead", "death", "kill", "killed", "fatality", "fatal", "perish", "toll"),
    ("injure", "injured", "injury", "hurt", "wound", "wounded"),
    ("arrest", "detain", "detention", "custody"),
    ("release", "free", "freed", "liberate", "liberation"),
    ("evacuate", "flee", "displace", "evacuation"),
    ("hospital", "hospitalise", "hospitalize", "hospitalisation", "hospitalization"),
    ("people", "person", "persons", "individual"),
    # movements of a quantity
    ("rise", "climb", "increase", "grow", "jump", "soar", "surge", "gain"),
    ("fall", "drop", "decline", "slide", "plunge", "sink", "shrink"),
    # money and business
    ("pay", "spend", "cost", "price", "fee"),
    ("offer", "bid", "proposal"),
    ("exchange", "swap", "trade"),
    ("agree", "agreement", "deal"),
    ("percent", "percentage", "cent"),
    # courts
    ("sentence", "jail", "prison", "imprisonment"),
    # order in time
    ("first", "initial", "original"),
)
GENERIC = frozenset(
    {
        "say",
        "tell",
        "report",
        "accord",
        "add",
        "include",
        "also",
        "least",
        "more",
        "total",
        "number",
        "old",
        "year",
        "leave",
    }
)
_SENSE = {word: family[0] for family in _FAMILIES for word in family}


def sense(lemma: str) -> str:
    """The family head of a lemma ("swap" -> "exchange"), or the lemma itself."""
    return _SENSE.get(lemma, lemma)
