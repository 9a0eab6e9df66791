"""Boilerplate detection for scraped articles: pure text rules, no NLP.

Scraped news carries lines that are not article sentences: sign-up and share
prompts, photo captions and credits, copyright and agency lines, bylines,
reporter bios and "The post ... appeared first on ..." trailers. Each block
(paragraph or line) is judged on its own words, its shape (length, casing,
final punctuation) and its place in the article; the flags let every section
skip those sentences while sentence ids stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Phrases that only page furniture uses, by kind of furniture (each kind recurs across outlets, each phrasing is
# the common English wording of it): one is enough to flag a block.
FURNITURE_KINDS: dict[str, str] = {
    "newsletter sign-up": r"""\bsign[ -]?up\b.{0,40}\b(?:newsletter|e-?mails?|alerts?|updates|inbox)
        | \bnewsletters?\s+sign[ -]?up | \bour\s+newsletter | \bthanks?\s+(?:you\s+)?for\s+subscribing
        | \balready\s+subscribed | \ball\s+.{0,30}\bnewsletters | \bregister\s+with\s+your
        | \bsubscribe\s+(?:now|today|to\s+our\b) | \bby\s+subscribing""",
    "reading and sharing prompts": r"""\bcontinue\s+reading | \bread\s+or\s+share\s+this | \bclick\s+here
        | \b(?:like|follow)\s+us\s+on | \bshare\s+this\s+(?:story|article) | ^\W*read\s+more\b""",
    "media players and galleries": r"""\bscroll\s+down\s+for | \bnow\s+playing | \bmedia\s+playback
        | \bplay\s+slideshow | \b(?:caption|in\s+pictures)\s+\d{1,3}\s*(?:/|of)\s*\d{1,3}\b""",
    "image captions and credits": r"""\bimage\s+copyright | \bimage\s+caption | \b(?:hide|toggle)\s+caption
        | \benlarge\s+this\s+image | \b(?:file|handout|undated)\s+(?:photo|image|picture)s? | \bgetty\s+images
        | \bvia\s+shutterstock | \b(?:photos?|photograph|photographer|picture|pictured|image|credit)\s*:
        | ^(?:a|an|this|the)\s+(?:\w+\s+)?(?:photo|picture|image)\s+(?:released|issued|provided|taken|obtained|shows)
        | ^(?:(?!\b(?:where|when|which|who|that|if)\b).)*?\b(?:is|are)\s+(?:seen|pictured)\s+
            (?:\w+ing|in|on|at|during|with|outside|inside|near|after|before|from|above|over)\b""",
    "copyright lines": r"""\ball\s+rights\s+reserved
        | \bmay\s+not\s+be\s+(?:published|reproduced|broadcast|rewritten|redistributed)
        | \bcopyright\s+(?:\d{4}|\u00a9) | (?:^|\s)\u00a9""",
    "credits and contributor lines": r"""\bcontributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))
        | \badditional\s+reporting | \bwith\s+assistance\s+(?:by|from)
        | (?-i:(?:[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\s+[A-Z])
        | (?-i:^(?:[A-Z][\w.'\u2019-]+\s){1,3}(?:and\s(?:[A-Z][\w.'\u2019-]+\s){1,3})?contributed\s
            (?:reporting|research|from\s[A-Z]|to\sthis))""",
    "syndication trailers": r"""\b(?:appeared|published)\s+first\s+on | \bfirst\s+(?:appeared|published)\s+on
        | \boriginally\s+(?:appeared|published)\s+(?:on|in|at)\s+(?-i:[A-Z]) | \ba\s+version\s+of\s+this\s+article
        | \border\s+reprints""",
    "author notes": r"""\bcan\s+be\s+reached\s+at | \bread\s+(?:her|his|their)\s+other | \babout\s+the\s+author""",
    "update and developing-story notes": r"""
        \bthis\s+(?:article|story)\s+(?:has\s+been|was)\s+(?:updated|amended|corrected)
        | \bthis\s+is\s+a\s+(?:breaking|developing)\s+(?:news\s+)?story | \bthis\s+story\s+is\s+developing
        | ^\W*(?:(?:more|details)\s+to\s+follow|more\s+follows)\b | \bcheck\s+back\s+(?:later\s+)?for\s+updates""",
    "reader tip requests": r"""\bdo\s+you\s+have\s+a\s+story | \bgot\s+a\s+(?:news\s+)?(?:story|tip)\b
        | \bhave\s+a\s+news\s+tip | \bsend\s+us\s+your\s+(?:tips|stories|photos)
        | \bwe\s+pay\s+for\s+your\s+stories""",
    "section labels": r"""
        ^[(\[]?(?:source|video|watch|related|more|trending(?:\s+right\s+now)?|update|updated|disclaimer|
            advertisement|e-?mail|online|editor'?s\s+note)\b\s*: | ^story\s+highlights | ^live\s+updates\b""",
    "embedded social posts": r"""\(@\w+\) | \ba\s+post\s+shared\s+by | \btwitter:\s*@ | pic\.twitter\.com""",
}
_FURNITURE = re.compile("(?ix)" + " | ".join(f"(?:{p})" for p in FURNITURE_KINDS.values()))
# Phrases that are furniture in a short line but can be news in a sentence ("it changed its privacy policy").
_SHORT_FURNITURE = re.compile(
    r"(?i)\b(?:privacy\s+policy|terms\s+of\s+(?:use|service)|(?:uses?|accept|enable)\s+cookies|cookie\s+(?:policy|settings)"
    r"|(?:daily|weekly|free)\s+newsletter|newsletter\s+from|subscribe\s+to\s+the)\b"
)
SHORT_LINE = 12  # words
# A photo credit closing a caption: "Jane Doe/Agency", "AGENCY/ Stringer".
_CREDIT_END = re.compile(r"\b[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*)*\s?/\s?[A-Z][\w.-]*(?: [A-Z][\w.-]*)*\)?\s*$")
_URL = re.compile(r"https?://|www\.\w|\b[\w.-]+@[\w-]+\.\w")
_PHOTO_CREDIT = re.compile(
    r"(?i)[(\[](?:photo|image|picture|courtesy)\b[^)\]]*[)\]]\s*$|\bgetty\b|\bphotograph(?:er)?:"
)
_NAME = r"[A-Z][\w.'\u2019-]*"
_BYLINE = re.compile(rf"^(?:By|BY|by)\s+{_NAME}(?:,?\s+(?:and\s+)?{_NAME})*[,.]?$")
_BIO = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]+\s){1,3}(?:is|was|has\s+been|covers|writes)\b.{0,80}?\b(?:reporter|correspondent|writer|"
    r"editor|columnist|journalist|contributor|photographer|producer|critic|author|blogger|analyst\s+for|"
    r"freelance|bureau\s+chief)\b"
)
_SLIDE = re.compile(r"^\+?\s*\d{1,3}\s*(?:/|of)\s*\d{1,3}\b")
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with", "via", "from"})
_TRAILER_OUTLET = re.compile(
    r"(?:appeared|published)\s+first\s+on\s+(.+?)\.?\s*$|(?:first|originally)\s+(?:appeared|published)\s+(?:on|in)\s+"
    r"(.+?)(?:\s+on\s+(?:mon|tue|wed|thu|fri|sat|sun)\w*\b.*)?\.?\s*$",
    re.IGNORECASE,
)
EDGE = 3  # bylines and bios sit within this many blocks of either end
SHORT_BLOCK = 3  # whole-block rules judge blocks of at most this many sentences (a caption, not an article)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'\u2019.-]*", text)


def is_fragment(text: str) -> bool:
    """A short line of capitalised words with no sentence ending: a credit, label or kicker, not a sentence."""
    words = _words(text)
    if not words:
        return True
    if len(words) > 8 or _TERMINAL.search(text.strip()):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def is_furniture(text: str) -> bool:
    """Page furniture wherever it stands: sign-up, share and cookie text, captions and credits, trailers."""
    stripped = text.strip()
    if not any(c.isalpha() for c in stripped):
        return True
    if _FURNITURE.search(stripped) or _SLIDE.match(stripped):
        return True
    words = _words(stripped)
    if _SHORT_FURNITURE.search(stripped) and len(words) <= SHORT_LINE:
        return True
    if _URL.search(stripped) and len(words) <= 25:
        return True
    if stripped[:1] in "([" and stripped.rstrip(".")[-1:] in ")]" and len(words) <= 6:
        return True
    return bool(_CREDIT_END.search(stripped)) and not _TERMINAL.search(stripped)


def _is_byline(text: str) -> bool:
    return _BYLINE.match(text) is not None and len(_words(text)) <= 8


def _is_caption(sentences: Sequence[str]) -> bool:
    """A short block closed by a photo credit ("... (Jane Doe/Agency)", "(Photo: X)") is a caption."""
    last = sentences[-1].strip()
    credit = bool(_PHOTO_CREDIT.search(last)) or (bool(_CREDIT_END.search(last)) and not _TERMINAL.search(last))
    if not credit and last.startswith("(") and _CREDIT_END.search(last.rstrip(")").strip()):
        credit = True
    return credit and len(sentences) <= 3


def boilerplate_flags(blocks: Sequence[Sequence[str]]) -> list[list[bool]]:
    """For blocks given as their sentences, one flag per sentence: True when it is boilerplate.

    A short block goes whole when it opens with furniture, is a caption, a byline or bio near either
    end of the article, or a label; otherwise single furniture sentences go on their own (scraped
    markdown without blank lines is one long block, which must never go whole).
    """
    count = len(blocks)
    texts = [" ".join(b) for b in blocks]
    flags: list[list[bool]] = []
    for i, sentences in enumerate(blocks):
        text = texts[i].strip()
        near_edge = i < EDGE or i >= count - EDGE
        whole = 0 < len(sentences) <= SHORT_BLOCK and (
            is_furniture(sentences[0])
            or _is_caption(sentences)
            or (near_edge and (_is_byline(text) or _BIO.match(text) is not None))
            or (is_fragment(text) and count > 1)
            or (i > 0 and re.search(r"(?i)about\s+the\s+author\s*$", texts[i - 1].strip()) is not None)
        )
        flags.append([whole or is_furniture(s) for s in sentences])
    _flag_edge_sentences(blocks, flags)
    return flags


def _flag_edge_sentences(blocks: Sequence[Sequence[str]], flags: list[list[bool]]) -> None:
    """Bylines and bios among the first and last sentences, even inside one long block."""
    places = [(b, i) for b, sentences in enumerate(blocks) for i in range(len(sentences))]
    for b, i in places[:2] + places[-EDGE:]:
        text = blocks[b][i].strip()
        if _BIO.match(text) or _is_byline(text):
            flags[b][i] = True


def trailer_outlet(blocks: Sequence[str]) -> str | None:
    """The outlet a trailer names ("The post ... appeared first on OUTLET."), from the last blocks."""
    for text in reversed(blocks[-EDGE:]):
        match = _TRAILER_OUTLET.search(text.strip())
        if match:
            name = (match.group(1) or match.group(2) or "").strip(" .")
            if name and len(name.split()) <= 6:
                return name
    return None


# A media label a scrape glued to the front of the next sentence ("Photo", "Advertisement", "Video") and a dateline
# ("CITY, Region (Agency) - ", "(Agency) - ", "CITY — ") with which wire copy opens.
_LEAD_LABEL = re.compile(
    r"^(?:(?:Photo|Image|Video|Advertisement|Screenshot|Graphic|Close|CLOSE)\b:?\s+(?=[A-Z\u201c\"])"
    r"|[A-Z][A-Z .'\u2019-]+(?:,\s*[A-Z][\w .'\u2019-]*)?\s*(?:\([A-Z][\w .&]*\))?\s*[-\u2013\u2014]+\s+"
    r"|\([A-Z][\w .&]*\)\s*(?:[-\u2013\u2014]+\s*)?)"
)


def strip_label(text: str) -> str:
    """A sentence without the media labels and dateline a scrape left at its front."""
    stripped = text.strip()
    while (match := _LEAD_LABEL.match(stripped)) and match.end() < len(stripped):
        stripped = stripped[match.end() :]
    return stripped
