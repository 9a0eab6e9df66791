"""Lemmas that mean the same thing in news reports, so differently worded clauses can be matched.

General English, not tuned to any corpus: reporters vary these words for the same fact ("swap" / "exchange",
"lasted" / "ran", "died" / "were killed"). Each lemma maps to the first word of its family.
"""

from __future__ import annotations

_FAMILIES = (
    ("exchange", "swap", "trade", "hand", "handover", "return", "release", "free", "transfer"),
    ("last", "run", "span", "stretch"),
    ("talk", "negotiation", "meeting", "discussion", "round", "session", "summit"),
    ("die", "dead", "death", "kill", "killed", "fatality", "fatal", "perish", "toll"),
    ("injure", "injured", "injury", "hurt", "wound", "wounded", "casualty"),
    ("arrest", "detain", "detention", "custody"),
    ("rise", "climb", "increase", "grow", "jump", "soar", "surge", "gain"),
    ("fall", "drop", "decline", "slide", "plunge", "sink", "shrink"),
    ("pay", "spend", "cost", "price", "fee"),
    ("evacuate", "flee", "displace", "evacuation"),
    ("hospital", "hospitalise", "hospitalize", "hospitalisation", "hospitalization"),
    ("people", "person", "persons", "individual"),
    ("prisoner", "captive", "detainee", "pow"),
    ("percent", "percentage", "cent"),
    ("agree", "agreement", "deal"),
    ("sentence", "jail", "prison", "imprisonment"),
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
