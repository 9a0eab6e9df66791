"""At a glance: who, what, when, where, why and how of the event, each a short cited phrase from the sources.

News puts the answers in its lead (the inverted pyramid: the first sentences say who did what, when and
where), so each answer is looked for in the first sentences of every source and the one most sources agree on
wins (Giveme5W1H's approach to one article, taken across several). `why` and `how` are given only where a
source states a cause or a means with an explicit cue ("because", "due to", "after", "by ...ing", "brokered
by"); a question no source answers is left out, never guessed.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefgen.models import Answer, Article, Briefing, Citation, Extraction, Glance, Sentence
from briefgen.reconcile.body import body
from briefgen.reconcile.cite import cite, merge_citations, sources_of
from briefgen.reconcile.dates import resolve
from briefgen.reconcile.names import fold
from briefgen.reconcile.rank import prominence

LEAD = 3  # sentences of each source read as its lead
LEAD_SPAN = 0.5  # a development's first report counts half at the second sentence of a source
CAUSE_LEAD = 8  # a cause or means often follows the lead's who-what-when-where, within its first paragraphs
MAX_WORDS = 25
MIN_WHAT = 6  # words a what keeps before a cause clause is cut off
SHORT = 12  # a longer answer is cut at its first clause boundary past this many words
CUED_WORDS = 15  # a cause or means is a phrase: a longer one runs into its sentence's main clause
KEY_NUMBERS = 5
OPENING = 4  # words before a name for it to open its sentence (after a dateline), as a lead's subject does
ACTOR_KINDS = ("person", "org")  # a nationality or group ("Palestinians") describes more than it acts
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# A place named after one of these prepositions is where something happened, not who did it.
_LOCATIVE = re.compile(
    r"\b(?:(?:in|at|near|outside|inside|across|throughout|into|off|on|from|to)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western"
    r"|south-?eastern|south-?western)\s+)?"
    r"|(?:town|city|village|region|province|state|district|capital|island) of\s+)$",
    re.I,
)
# A dateline opens a story: "CITY, Region (Agency) - " or "CITY —", the place the story was filed from.
_DATELINE = re.compile(
    r"^(?:Photo\s+)?(?:\(\w[\w .]*\)\s*)?[A-Z][A-Z .,'\u2019-]{2,}(?:,\s*[A-Z][\w .]*)?(?:\s*\([\w .]+\))?"
    r"\s*[-\u2014\u2013]+\s+"
)
# Between two names of one coordination: "Russia, Ukraine and the United States".
_JOINED = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s+(?:the\s+)?")
_TRIM = " .,;:\"'\u201c\u201d\u2018\u2019"  # spaces, end punctuation and quote marks around a cued phrase
_DOUBLED = re.compile(r"(.+) \1")
_LABEL = re.compile(r"^(?:Photo|Image|Video|Watch|Close)\s+", re.I)  # a media label run into a first sentence
_AGENCY = re.compile(r"^\(\w[\w .]*\)\s*(?:[-\u2014\u2013]+\s*)?")
_ATTRIBUTION = re.compile(
    r",\s*(?:[^,]{0,60}\s)?(?:said|says|announced|reported|confirmed)(?:\s+[^,]{0,40})?\.?$", re.I
)
# ", south London" after a place: a wider place that qualifies it (group 2 its name).
_WIDER = r",\s+((?:[a-z]+\s+)?([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*))"
_CLAUSE_END = re.compile(r"[,;:]\s|\s[\u2014\u2013-]\s|\s\(|\.$")
# A cued phrase ends with its clause, or where "and" joins a second participle ("mediated by X and hosted by Y").
_PHRASE_END = re.compile(r"[,;:]\s|\s[\u2014\u2013-]\s|[\u201d\"]|\.$|\s(?:and|but)\s+(?=[a-z]+ed\b)")
# Cause and means cues (causal and instrumental connectives of English grammars; PDTB's explicit connectives).
_WHY = re.compile(
    r"\b(?:because(?: of)?|due to|owing to|as a result of|caused by|triggered by|sparked by|blamed on)\s+"
    r"|\b(?=in exchange for\s|in protest (?:at|against|over)\s)"  # an exchange or a protest keeps its words
    r"|\b(?:in an? (?:effort|attempt|bid)|in order|so as|(?:effort|attempt|bid|push|drive|campaign|quest|plan)s?)"
    r"\s+(?=to [a-z]+\b)"  # a purpose ("in an effort to", "a push to end the war") keeps its "to"
    r"|\b(?=for [a-z]+ing\b)",  # "charged for punching": the act a penalty answers keeps its "for"
    re.I,
)
# "after" is a cause as often as a mere sequence ("derailed after speeding"), so it answers only when no source
# gives a plain cause, and never with a span of time ("after just a few hours" tells when, not why).
_AFTER = re.compile(
    r"\bafter\s+(?!(?:just |only |about |nearly |almost |more than )?(?:a few|several|some|an?|\d+|\w+) "
    r"(?:\w+ )?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)",
    re.I,
)
# "by" with a gerund that takes an object ("by cutting the rate"), not with an -ing adjective ("by passing boats").
_GERUND = (
    r"[a-z]+ing\s+(?:the|a|an|its|their|his|her|our|this|that|these|those|not|up|down|out|off|in|into|on|over|to"
    r"|with|more|less|some|all|\d)\b"
)
_HOW = re.compile(
    r"\b(?:via|[Bb]y (?=" + _GERUND + r"))\s*|\b(?=(?:brokered|mediated|hosted|carried out) (?:by|with)\s)"
)


@dataclass
class _Pick:
    """A candidate answer: its text, the sources that support it, and where it first appears; `opens` are the
    sources whose lead sentence opens with it (the subject of a lead: who did it)."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    order: tuple[int, int] = (1 << 30, 0)
    opens: set[str] = field(default_factory=set)
    written: list[str] = field(default_factory=list)
    place: bool = False

    @property
    def name(self) -> str:
        """The name as the briefing lists it when the sources write it so, else as they most often write it (a
        name that is one word run twice, "Acme Acme", is a caption run into the text, not a way to write it)."""
        written = [w for w in self.written if not _DOUBLED.fullmatch(w)]
        if self.text in written or not written:
            return self.text
        return max(written, key=lambda w: (written.count(w), len(w)))

    def add(self, citation: Citation, order: tuple[int, int]) -> None:
        self.citations.append(citation)
        self.order = min(self.order, order)

    @property
    def support(self) -> int:
        return len(sources_of(self.citations))

    def answer(self) -> Answer:
        return Answer(_clip(self.text), merge_citations(self.citations))


def _lead(ex: Extraction, article: Article, size: int) -> list[Sentence]:
    return [s for s, _ in body(ex, article) if article.blocks[s.block].kind != "heading"][:size]


def _clip(text: str, limit: int = MAX_WORDS) -> str:
    words = text.split()
    return " ".join(words[:limit]).rstrip(",;:\u2014\u2013- ") if len(words) > limit else text.strip()


def _best(picks: Mapping[str, _Pick]) -> _Pick | None:
    return min(picks.values(), key=lambda p: (-p.support, p.order), default=None)


def _opening(text: str) -> int:
    """Where a lead sentence's own words begin, after its dateline and agency tag."""
    dateline = _DATELINE.match(text)
    label = _LABEL.match(text)
    start = dateline.end() if dateline else label.end() if label else 0
    agency = _AGENCY.match(text, start)
    return agency.end() if agency else start


def _strip_lead(text: str) -> str:
    """A lead sentence without its dateline, agency tag and closing attribution ("..., officials said.")."""
    text = text.strip()
    return _ATTRIBUTION.sub("", text[_opening(text) :]).rstrip(". ")


def _short(text: str) -> str:
    """Cut at the first clause boundary past SHORT words, at most MAX_WORDS words."""
    words = 0
    for m in _CLAUSE_END.finditer(text):
        words = len(text[: m.start()].split())
        if words >= SHORT:
            return _clip(text[: m.start()])
    return _clip(text)


# --- who and where: entities of the leads ------------------------------------------------------------


def _entities(
    briefing: Briefing, extractions: Sequence[Extraction], articles: Mapping[str, Article]
) -> tuple[dict[str, _Pick], dict[str, _Pick]]:
    """Actors and places named in the leads, each with the lead sentences that name it (a place named after "in",
    "at"... is a place; any other name of an actor, a place included, is an actor: "Russia and Ukraine agreed")."""
    canonical: dict[str, tuple[str, str]] = {}
    for item in briefing.who:
        for name in (item.name, *item.aliases):
            canonical.setdefault(fold(name), (item.name, item.kind))
    outlets = {fold(s.outlet) for s in briefing.sources if s.outlet}
    actors: dict[str, _Pick] = {}
    places: dict[str, _Pick] = {}
    for rank, ex in enumerate(extractions):
        article = articles[ex.source]
        lead = {s.index: n for n, s in enumerate(_lead(ex, article, LEAD))}
        subject_end: dict[int, int] = {}  # per sentence, where the names opening it end
        for m in sorted(ex.mentions, key=lambda m: (m.sentence, article.sentences[m.sentence].text.find(m.text))):
            if m.sentence not in lead or fold(m.text) not in canonical or fold(m.text) in outlets:
                continue
            name, kind = canonical[fold(m.text)]
            text = article.sentences[m.sentence].text
            at = text.find(m.text)
            if at < 0:
                continue
            opening = _opening(text)
            in_dateline = at < opening
            locative = in_dateline or bool(_LOCATIVE.search(text[:at]))
            is_place = kind == "place" or m.label in PLACE_LABELS
            order = (lead[m.sentence], rank)
            if is_place and locative:
                pick = places.setdefault(name, _Pick(name))
            elif (kind in ACTOR_KINDS or is_place) and not in_dateline:  # an agency tag is no actor
                end = subject_end.get(m.sentence)
                opens = len(text[opening:at].split()) <= OPENING or bool(end and _JOINED.fullmatch(text[end:at]))
                if opens and not locative:
                    subject_end[m.sentence] = at + len(m.text)
                if is_place and not opens:
                    continue  # a place acts only as the subject of a lead ("Russia and Ukraine agreed...")
                pick = actors.setdefault(name, _Pick(name, place=is_place))
                if opens:
                    pick.opens.add(ex.source)
            else:
                continue
            pick.add(cite(article, m.sentence), order)
            pick.written.append(m.text)
    return actors, places


def _merged(picks: Sequence[_Pick]) -> list[_Pick]:
    """Actors one of whose names holds all the words of the other are one actor written two ways ("Acme Ltd." and
    "Acme"), named by the words in common."""
    out: list[_Pick] = []
    for pick in picks:
        words = pick.name.split()
        same = next((p for p in out if set(words) <= set(p.text.split()) or set(p.text.split()) <= set(words)), None)
        if same is None:
            out.append(_Pick(pick.name, list(pick.citations), pick.order, set(pick.opens), place=pick.place))
            continue
        same.text = " ".join(w for w in same.text.split() if w in words)
        same.citations += pick.citations
        same.opens |= pick.opens
        same.order = min(same.order, pick.order)
    return out


def _who(actors: Mapping[str, _Pick], sources: int) -> Answer | None:
    """The actor the most leads open with, and up to two more that nearly as many leads open with and most
    sources' leads name."""
    # An actor opens a lead or is named by two; a place acts when two leads open with it ("Russia and Ukraine
    # agreed"), not when one names it in passing ("the London mayor").
    usable = [p for p in actors.values() if len(p.opens) >= 2 or (not p.place and (p.opens or p.support >= 2))]
    ranked = sorted(_merged(usable), key=lambda p: (-len(p.opens), -p.support, p.order))
    if not ranked:
        return None
    top = len(ranked[0].opens)
    chosen = ranked[:1] + [p for p in ranked[1:3] if len(p.opens) >= max(2, top - 1) and 2 * p.support > sources]
    names = [p.text for p in chosen]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Answer(text, merge_citations(*(p.citations for p in chosen)))


def _where(places: Mapping[str, _Pick]) -> Answer | None:
    """The place most leads name; a place its sentence qualifies with a wider one ("Croydon, south London")
    keeps the qualifier when the wider place is named by the leads too."""
    best = _best(places)
    if best is None:
        return None
    for c in best.citations:
        m = re.search(re.escape(best.name) + _WIDER, c.text)
        if m and m.group(2) in places and m.group(2) != best.text:
            return Answer(f"{best.name}, {m.group(1)}", merge_citations(best.citations, places[m.group(2)].citations))
    return Answer(best.name, merge_citations(best.citations))


# --- when: the date the leads give, resolved ------------------------------------------------------------


def _when(
    extractions: Sequence[Extraction], articles: Mapping[str, Article], fallback: str | None
) -> tuple[Answer | None, str]:
    """The day most leads date the event to, resolved against each article's published date, as written there
    and as a calendar date ("Thursday, October 13, 2016"), with the date as the leads most often write it.
    Periods ("since 2021", "two years ago") are background."""
    picks: dict[str, _Pick] = {}
    surface: dict[str, list[str]] = defaultdict(list)
    for rank, ex in enumerate(extractions):
        article = articles[ex.source]
        lead = {s.index: n for n, s in enumerate(_lead(ex, article, LEAD))}
        for d in ex.dates:
            if d.sentence not in lead or d.qualifier or "ago" in d.text.lower():
                continue
            written = re.sub(r"^(?:on|in|at)\s+", "", d.text.strip(), flags=re.I)
            resolved = resolve(d.text, article.published or fallback, d.future)
            if resolved is not None and (resolved.edge or len(resolved.iso) < 10):
                continue  # a month or a year is background to the day of the event
            key = resolved.iso if resolved else written.lower()
            picks.setdefault(key, _Pick(key)).add(cite(article, d.sentence), (lead[d.sentence], rank))
            surface[key].append(written)
    best = _best(picks)
    if best is None:
        return None, ""
    # the form most often written, then the shortest, then the first written (never a set's hash order)
    written = max(dict.fromkeys(surface[best.text]), key=lambda t: (surface[best.text].count(t), -len(t)))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", best.text):
        return Answer(written, merge_citations(best.citations)), written  # no source's date resolves it
    year, month, day = (int(x) for x in best.text.split("-"))
    calendar_date = f"{calendar.month_name[month]} {day}, {year}"
    weekday = re.match(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?:\s+\w+)?", written, re.I)
    text = f"{weekday.group(0)}, {calendar_date}" if weekday else calendar_date
    return Answer(text, merge_citations(best.citations)), written


# --- what, why, how -------------------------------------------------------------------------------------


def _what(briefing: Briefing, answered: Sequence[str], places: Sequence[str]) -> Answer | None:
    """The development the leads report most (each source counting by how early it does), without dateline or
    attribution, without the when and where that other answers give ("on Thursday", "in Abu Dhabi", "near
    London") and the cause why gives ("after ..."), cut to a clause."""
    if not briefing.what:
        return None
    top = max(briefing.what, key=lambda w: prominence(w.citations, LEAD_SPAN))
    text = _strip_lead(top.text)
    for phrase in answered:
        text = re.sub(r"(?:,\s*)?\s(?:(?:on|in|at|near)\s+)?" + re.escape(phrase) + r"\b", "", text, count=1)
    for place in places:
        text = re.sub(r"\s(?:in|at|near)\s+(?:the\s+)?" + re.escape(place) + r"\b", "", text)
    cause = _WHY.search(text) or _AFTER.search(text)
    if cause and len(text[: cause.start()].split()) >= MIN_WHAT:
        text = text[: cause.start()].rstrip(" ,")  # the cause is why's answer
    text = _short(text)
    return Answer(text, top.citations) if text else None


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3)


def _cued(
    patterns: Sequence[re.Pattern[str]], extractions: Sequence[Extraction], articles: Mapping[str, Article]
) -> Answer | None:
    """The phrase after a cue in the sources' first sentences that most sources corroborate (share most of its
    words), earliest first; a cue that only links ("because", "after") is dropped. A later pattern is a weaker
    cue, read only when no earlier one is found."""
    for pattern in patterns:
        found = _cued_by(pattern, extractions, articles)
        if found is not None:
            return found
    return None


def _cued_by(
    pattern: re.Pattern[str], extractions: Sequence[Extraction], articles: Mapping[str, Article]
) -> Answer | None:
    picks: dict[str, _Pick] = {}
    words: dict[str, frozenset[str]] = {}
    for rank, ex in enumerate(extractions):
        article = articles[ex.source]
        for n, s in enumerate(_lead(ex, article, CAUSE_LEAD)):
            text = s.text.strip()
            for m in pattern.finditer(text):
                rest = text[m.end() :]
                end = _PHRASE_END.search(rest)
                phrase = _clip((rest[: end.start()] if end else rest).strip(_TRIM), CUED_WORDS)
                if len(_content(phrase)) < 2:
                    continue
                picks.setdefault(phrase, _Pick(phrase)).add(cite(article, s.index), (n, rank))
                words[phrase] = _content(phrase)
    if not picks:
        return None
    sentences = [(ex.source, articles[ex.source], s) for ex in extractions for s in _lead(ex, articles[ex.source], 12)]
    for phrase, pick in picks.items():
        for source, article, s in sentences:
            shared = len(words[phrase] & _content(s.text))
            if source not in sources_of(pick.citations) and shared >= max(2, 0.6 * len(words[phrase])):
                pick.citations.append(cite(article, s.index))
    best = _best(picks)
    return best.answer() if best else None


def build_glance(
    briefing: Briefing, extractions: Sequence[Extraction], articles: Mapping[str, Article], fallback: str | None = None
) -> Glance:
    """The glance of a ranked briefing: answers from the leads, its first numbers and its first conflict."""
    actors, places = _entities(briefing, extractions, articles)
    when, written = _when(extractions, articles, fallback)
    where = _where(places)
    answered = [t for t in (written, where.text if where else "") if t]
    numbers = tuple(n for n in briefing.numbers if n.kind not in ("year", "date", "ordinal"))[:KEY_NUMBERS]
    return Glance(
        who=_who(actors, len(briefing.sources)),
        what=_what(briefing, answered, [p.name for p in places.values()]),
        when=when,
        where=where,
        why=_cued((_WHY, _AFTER), extractions, articles),
        how=_cued((_HOW,), extractions, articles),
        numbers=numbers,
        conflict=briefing.conflicts[0] if briefing.conflicts else None,
    )
