"""Cues that mark a statement as not (yet) known, by family, as regular-expression fragments.

The inventory follows the general-English cue classes of hedge and weasel annotation (BioScope and the
CoNLL-2010 shared task): epistemic modals (may, might, could), speculative verbs (appear, seem, believe,
suspect, suggest), adverbs and adjectives of likelihood (possibly, probably, apparently, reportedly, alleged,
likely), embedded questions (whether), and weasel phrasing that hides who knows ("it is believed",
"sources said", "experts say"). News adds the reporter's own markers of withheld facts ("declined to
comment", "could not be reached"), pending outcomes ("yet to", "under investigation", "will decide") and
open disputes ("denied", "disputes"). Each entry is a kind of English phrasing, not a phrase of an article.

A complement cue governs what follows it, the point (group `point`: "unclear whether X"); a clause cue
marks its own clause, which is the point ("X may have Y").
"""

from __future__ import annotations

HEDGED = "Hedged"  # the status of a claim reported with a hedge, not an open point stated as such
WH = r"(?:whether|if|how|what|when|where|who|why|which)\b"
_NOT = r"(?:\s+not|\s+never|n[\u2019']t)"  # negation after an auxiliary: "did not", "didn't"
_BE = r"(?:is|are|was|were|be|been|being|remains?|remained)"
_DISCLOSE = (
    r"(?:say|disclose|specify|reveal|explain|confirm|comment|elaborate|discuss|identify|name|detail|give\s+details"
    r"|provide\s+details|answer|speculate)"
)

# Complement cues: the open point is what follows the cue (a wh-clause, or what it is too early to confirm).
COMPLEMENT: tuple[tuple[str, str], ...] = (
    (
        "Unclear",
        rf"\b(?:unclear|not\s+(?:yet\s+|immediately\s+|entirely\s+)?(?:clear|known)|uncertain|unknown)"
        rf"\s+(?:as\s+to\s+)?(?P<point>{WH})",
    ),
    ("Unclear", rf"\b(?:no\s+one|nobody)\s+(?:knows|knew|can\s+say)\s+(?P<point>{WH})"),
    ("Not disclosed", rf"\b(?:did|do|does|would|could|will){_NOT}\s+{_DISCLOSE}\s+(?P<point>{WH})"),
    ("Not disclosed", rf"\b(?:declined|refused)\s+to\s+{_DISCLOSE}\s+(?:on\s+)?(?P<point>{WH})"),
    (
        "Too early to say",
        r"\btoo\s+early\s+(?:for\s+\w+\s+)?to\s+(?:say|tell|comment|know|judge|predict|confirm)\s+(?:on\s+)?(?P<point>\w)",
    ),
    ("Remains to be seen", rf"\bremains?\s+to\s+be\s+seen\s+(?P<point>{WH})"),
    (
        "Open question",
        rf"\b(?:key|open|big|main|central|unanswered|outstanding)\s+questions?\s+(?:now\s+)?"
        rf"(?:is|are|was|remains?)\s+(?P<point>{WH})",
    ),
    ("Open question", r"\bquestions?\s+(?:among\s+[\w\s]{1,30}?\s+)?(?:over|about|as\s+to|of)\s+(?P<point>whether\b)"),
    (
        "Open question",
        r"\b(?:depends?|depended|hinges?|wonder(?:s|ed|ing)?|ask(?:s|ed|ing)?|doubts?|debated?|debating|"
        r"decide[sd]?|deciding|determine[sd]?|determining|choose|chooses|choosing|consider(?:s|ed|ing)?|"
        r"assess(?:es|ed|ing)?|examin(?:e|es|ed|ing)|review(?:s|ed|ing)?|investigat(?:e|es|ed|ing)|prob(?:e|es|ed|ing)|"
        r"know|sure|unsure)\s+(?:on\s+)?(?P<point>whether\b)",
    ),
)

# Clause cues: the cue marks its own clause as the open point.
CLAUSE: tuple[tuple[str, str], ...] = (
    # Withheld facts: the reporter asked and was not told.
    (
        "Not disclosed",
        rf"\b(?:did|do|does|would|could|will|has|have|had){_NOT}\s+(?:immediately\s+)?(?:return|respond|reply)\b",
    ),
    ("Not disclosed", r"\brequests?\s+for\s+comment\b"),
    ("Not disclosed", rf"\b(?:declined|refused)\s+to\s+(?:\w+\s+)?{_DISCLOSE}\b"),
    ("Not disclosed", rf"\b(?:did|do|does|would|could|will){_NOT}\s+(?:immediately\s+|publicly\s+)?{_DISCLOSE}\b"),
    ("Not disclosed", rf"\bcould{_NOT}\s+(?:immediately\s+)?be\s+reached\b"),
    ("Not disclosed", r"\b(?:no|without)\s+(?:immediate\s+|further\s+)?comment\b"),
    ("Not disclosed", r"\b(?:had|has|have)\s+no\s+(?:information|details|word)\b"),
    ("Not disclosed", r"\breferred\s+(?:questions|inquiries|requests)\b"),
    (
        "Not disclosed",
        rf"\b{_BE}{_NOT}\s+(?:yet\s+|immediately\s+|publicly\s+|officially\s+)?"
        r"(?:announced|disclosed|released|revealed|made\s+public|identified|named)\b",
    ),
    # Unverified: a claim nobody has yet been able to check.
    (
        "Unverified",
        rf"\b(?:{_BE}|has|have|had){_NOT}\s+(?:yet\s+|immediately\s+)?(?:been\s+)?(?:independently\s+)?"
        r"(?:verified|confirmed|corroborated)\b",
    ),
    ("Unverified", r"\b(?:unable|not\s+able)\s+to\s+(?:independently\s+)?(?:verify|confirm|corroborate)\b"),
    ("Unverified", r"\b(?:unconfirmed|unverified|unsubstantiated)\b"),
    # Unknowns without a wh-clause: "the cause was unclear".
    (
        "Unclear",
        rf"\b{_BE}\s+(?:still\s+|also\s+)?(?:unclear|uncertain|unknown|not\s+(?:yet\s+|immediately\s+)?(?:clear|known))\b",
    ),
    ("Unclear", r"\bup\s+in\s+the\s+air\b"),
    ("Unclear", rf"\b(?:unanswered|(?:no|without|(?:do|does|did|have|has|had){_NOT}\s+have)\s+(?:an?\s+)?answers?\b)"),
    ("Unresolved", rf"\b{_BE}\s+(?:still\s+|also\s+)?(?:unresolved|undecided|unsettled|in\s+dispute|in\s+doubt)\b"),
    ("Too early to say", r"\btoo\s+(?:early|soon)\s+(?:for\s+\w+\s+)?to\b"),
    # Pending outcomes: a decision, finding or process not yet complete.
    ("Pending", r"\b(?:has|have|had|is|are|was|were)\s+(?:yet|still)\s+to\b"),
    (
        "Pending",
        rf"\b(?:has|have|had|is|are|was|were){_NOT}\s+yet\s+(?:been\s+)?"
        r"(?:\w+ed|known|clear|seen|made|done|set|begun|taken|shown|chosen|given|found|drawn)\b",
    ),
    ("Pending", r"\bpending\b"),
    ("Pending", r"\bunder\s+(?:investigation|review|consideration|scrutiny)\b"),
    # An investigation under way (lower case: "Investigation" inside a name is part of the name); one that
    # "has investigated" is over; a "probe" is one only when it is "into" or "of" something (not a spacecraft).
    (
        "Pending",
        r"(?<!\bhas\s)(?<!\bhave\s)(?<!\bhad\s)(?-i:\b(?:investigat(?:es|ed|ing|ion|ions)|inquir(?:y|ies)|probes?\s+(?:into|of)|"
        r"probed|probing|inquests?)\b|^(?:Investigat(?:es|ed|ing|ion|ions)|Inquir(?:y|ies)|Probes?\s+into)\b)",
    ),
    (
        "Pending",
        r"\b(?:will|would|must)\s+(?:now\s+|first\s+|later\s+)?(?:decide|determine|rule\s+on|review|consider|assess|"
        r"finali[sz]e|establish)\b",
    ),
    (
        "Pending",
        r"\b(?:is|are|was|were)\s+(?:widely\s+)?expected\s+to\s+(?:decide|rule|announce|vote|respond|report|"
        r"conclude|finali[sz]e|make\s+a\s+decision)\b",
    ),
    ("Pending", r"\b(?:days|weeks|months|years)\s+away\b"),
    ("Pending", r"\bat\s+the\s+earliest\b"),
    # Hedged or speculative claims.
    (HEDGED, r"(?-i:\bmay\b|\bMay\s+(?:have|be|not|well|also|never)\b)"),
    (HEDGED, r"(?<!military\s)(?<!economic\s)(?<!\ball\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)\bmight\b"),
    # "could" of past ability ("could see", "could not") is not a hedge, nor one whose verb is left out
    # ("all we could about").
    (
        HEDGED,
        r"\bcould\s+(?!not\b|never\b|see\b|hear\b|feel\b|smell\b|think\b|only\b|about\b|for\b|in\b|on\b|at\b|"
        r"with\b|from\b|and\b|or\b|but\b|if\b|because\b|of\b)\w+",
    ),
    (
        HEDGED,
        r"\b(?:possibly|probably|perhaps|apparently|reportedly|allegedly|presumably|seemingly|potentially|"
        r"(?:un)?likely|probable|alleged|suspected|purported(?:ly)?|supposedly)\b",
    ),
    # "possible" and "apparent" hedge only before their noun: "as soon as possible" and "it became apparent"
    # are certain.
    (
        HEDGED,
        r"\b(?:an?|the|its|their|his|her|this|that|some|any)\s+(?:\w+\s+)?(?:possible|apparent)\s+(?!that\b|to\b)\w+"
        r"|\bit\s+(?:is|was|seems|seemed)\s+possible\b",
    ),
    (HEDGED, r"\b(?:appears?|appeared|seems?|seemed)\s+(?:to|that|as\s+if|likely|unlikely)\b"),
    (
        HEDGED,
        r"\b(?:believes?|believed|suspects?\s+that|suggests?|suggested|suggesting|speculat(?:e|es|ed|ing|ion)|"
        r"thought\s+to|rumou?r(?:s|ed)?|(?:is|are|was|were)\s+feared|feared\s+(?:that|to|dead|lost)|fears?\s+that)\b",
    ),
    (
        HEDGED,
        r"\b(?:sources?\s+(?:close\s+to|familiar\s+with|with\s+knowledge\s+of|said|say|told)|"
        r"(?:some|many|several)\s+(?:analysts|experts|observers|critics|people)\s+(?:say|said|believe|think|suggest)|"
        r"(?:experts|analysts|critics|observers)\s+(?:say|said|believe|suggest|warn))\b",
    ),
    ("Not ruled out", rf"\b(?:did|does|do|would|will|has|have|had){_NOT}\s+(?:rule[sd]?\s+out|exclude[sd]?)\b"),
    ("Not ruled out", r"\bnot\s+(?:been\s+)?ruled\s+out\b"),
    # Open disputes: one side denies or contests what another says.
    # (The noun "dispute" names a quarrel, often settled or in the background; the verbs contest a claim.
    # "Deny" that refuses a thing, "denied access", "denied him bail", contests nothing.)
    (
        "Disputed",
        r"\b(?:den(?:y|ies|ied|ying)\s+(?!(?:access|entry|bail|permission|visas?|requests?|applications?|passage|parole|"
        r"him|her|them|us|me|the\s+(?:right|request|application)|an?\s+(?:visa|request|application|permit))\b)|disputed|disputing|disputes\s+(?:the|a|an|that|claims?|reports?)|"
        r"contest(?:s|ed|ing)\s+(?:the|a|an|that|claims?|reports?)|refut(?:e|es|ed|ing)|rebut(?:s|ted)?)\b",
    ),
    ("Disputed", r"\brejected\s+(?:the\s+|those\s+|these\s+)?(?:claims?|reports?|allegations?|accounts?)\b"),
)
