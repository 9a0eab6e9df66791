"""Conflicts: figures about the same thing that disagree across sources, and the ones that only seem to.

Two figures are about the same thing when they count the same unit, come from different sources and their
clauses share event words (weighted by how rare each word is in the event), and no date in their clauses
tells them apart; two figures both called the first of one kind ("the initial offer") need share fewer words.
An undated figure is news of its article's days, unless it only sizes a thing a definite description refers
to ("the club's $40 million bid"): that thing is presupposed, of no date the sentence gives.

Compatible values are agreements, not conflicts: a per-party figure and its total ("157 each" and "314"), a
bound and a value inside it ("at least 5" and "7"), an approximation and a value within its rounding ("about
300" and "314"). Differing values that are one count at two moments or a part and its
whole are updates, shown as agreements with both sources and their dates: a figure said to have moved, one
marked earlier or later than the other, a part of a count, and a toll in reports from different days.
A disagreement names the thing counted and each value ("Fire rescue units at the scene: 5 vs 4").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from briefgen.models import Agreement, Article, Claim, Conflict, Extraction, NumberMention
from briefgen.reconcile.cite import cite
from briefgen.reconcile.dates import resolve
from briefgen.reconcile.lexicon import sense
from briefgen.reconcile.numbers import Figure, unit_key
from briefgen.reconcile.weights import LIGHT_VERBS, TermWeights, senses
from briefgen.words.numbers import parse_number

_CALENDAR = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name[1:]))
_MASS = frozenset({"people", "police", "staff", "personnel", "crew", "cattle"})
_SAME = "the same figure"
NEWS_DAYS = 20  # an undated figure may be about something this many days before its article
COMPARABLE = frozenset({"count", "duration", "money", "percent", "measure"})
SAME_THING = 0.3  # weighted share of clause words two figures must have in common
MAX_PARTIES = 12  # a per-party figure may be multiplied by up to this many parties
CLOSE = 1.5  # values within this ratio are of one size
MAX_RATIO = 100  # two figures further apart than this are different quantities, not rival reports of one


def _fmt(value: float) -> str:
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _granularity(value: float) -> float:
    """The rounding step a written figure implies: 5.5 -> 0.5, 300 -> 100, 45 -> 5, 7 -> 1."""
    value = float(value)
    if not value.is_integer():
        text = f"{value:.6f}".rstrip("0")
        decimals = len(text.split(".")[1])
        step = 10.0**-decimals
        return step * 5 if round(value / step) % 5 == 0 else step
    n, step = int(abs(value)), 1.0
    while n and n % 10 == 0:
        n //= 10
        step *= 10
    return step * 5 if n % 10 == 5 and 10 <= n < 100 else step  # "45" may be rounded to a five, "105" is not


@dataclass(frozen=True, slots=True)
class _Side:
    value: float
    approximate: bool
    bound: str
    each: bool


def _side(figure: Figure) -> _Side:
    item = figure.item
    return _Side(float(item.value), item.approximate, item.bound, item.each)


def _rounded(side: _Side) -> bool:
    """Said to be approximate, or a round figure in millions ("11 million" may stand for 11.4 million)."""
    return side.approximate or (side.value >= 1e6 and _granularity(side.value) >= 1e6)


def compatible(a: _Side, b: _Side) -> str | None:
    """Why two figures about the same thing can both be right, or None when they disagree."""
    if a.value == b.value:
        return _SAME
    for x, y in ((a, b), (b, a)):
        if x.each and not y.each and y.value > x.value:
            parties = y.value / x.value
            if parties.is_integer() and 2 <= parties <= MAX_PARTIES:
                return f"{_fmt(x.value)} for each of {int(parties)} parties makes {_fmt(y.value)} in all"
        if x.bound == "at_least" and y.bound == "at_most" and x.value <= y.value:
            return f"at least {_fmt(x.value)} and at most {_fmt(y.value)} can both hold"
        if x.bound == "at_least" and y.value >= x.value and y.bound != "at_most":
            return f"{_fmt(y.value)} is at least {_fmt(x.value)}"
        if x.bound == "at_most" and y.value <= x.value and y.bound != "at_least":
            return f"{_fmt(y.value)} is at most {_fmt(x.value)}"
        if _rounded(x) and not _rounded(y) and abs(x.value - y.value) <= _granularity(x.value) / 2:
            return f"{_fmt(y.value)} rounds to the approximate {_fmt(x.value)}"
    if _rounded(a) and _rounded(b):
        step = max(_granularity(a.value), _granularity(b.value))
        if abs(a.value - b.value) <= step / 2:
            return f"both are approximate and within {_fmt(step / 2)} of each other"
    return None


class _Context:
    """What each figure is about: its clause words, weighted by rarity in the event, and the dates in its clause."""

    def __init__(self, extractions: Sequence[Extraction], articles: Mapping[str, Article]) -> None:
        self.weights = TermWeights(extractions)
        self._articles = articles
        self._dates: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self._news: dict[str, set[str]] = {}
        for ex in extractions:
            published = articles[ex.source].published
            if published and resolve(published, None):
                day = date.fromisoformat(published)
                self._news[ex.source] = {published[:7], (day - timedelta(days=NEWS_DAYS)).isoformat()[:7]}
            for d in ex.dates:
                resolved = resolve(d.text, published, d.future)
                key = resolved.iso if resolved else "~" + d.text.lower().removeprefix("the ").strip()
                self._dates.setdefault((ex.source, d.sentence), []).append((d.text, key))

    def weight(self, term: str) -> float:
        return self.weights.weight(term)

    def terms(self, figure: Figure) -> set[str]:
        return senses(figure.terms, unit_key(figure.item.unit))

    def sentence(self, figure: Figure) -> str:
        """The sentence of the mention a figure's item shows."""
        source, mention = next(((s, m) for s, m in figure.mentions if m.text == figure.item.text), figure.mentions[0])
        return self._articles[source].sentences[mention.sentence].text

    def dates(self, figure: Figure) -> set[str]:
        """Dates in the figure's clauses (else in its sentences): ISO when resolved, "~as written" when not.

        An undated figure is news: it belongs to the month its article was published in (or the one before).
        A figure that only names a thing already known ("the company's $5 billion bid") takes no date but its
        clause's: the sentence neither reports it nor says when it came about.
        """
        out: set[str] = set()
        for source, m in figure.mentions:
            found = self._dates.get((source, m.sentence), [])
            in_clause = {key for text, key in found if text in m.context}
            if presupposed(m, self._articles[source].sentences[m.sentence].text):
                out.update(in_clause)
            else:
                out.update(in_clause or {key for _, key in found} or self._news.get(source, set()))
        return out

    def similarity(self, a: Figure, b: Figure) -> float:
        """The best about-sameness of any two of their mentions, unless dates in their clauses differ."""
        if _dated_apart(self.dates(a), self.dates(b)):
            return 0.0  # the clauses are dated differently: two different moments
        return max(self._about_same(x, y) for _, x in a.mentions for _, y in b.mentions)

    def _about_same(self, a: NumberMention, b: NumberMention) -> float:
        """The clause overlap, averaged with how much of the shorter clause the longer one holds: a figure
        listed bare in a series ("and four rescue units") is about what its few words say."""
        dice = self.weights.about_same(a, b)
        unit = unit_key(a.unit)
        x, y = senses(a.terms, unit), senses(b.terms, unit)
        if not dice or not x or not y:
            return dice
        held = self.weights.total(x & y) / min(self.weights.total(z) for z in (x, y))
        return (dice + held * dice / self.weights.share(x, y)) / 2


_DEFINITE = frozenset({"the", "its", "their", "his", "her", "our", "this", "that", "these", "those"})
_ATTRIBUTIVE = frozenset({"money", "percent", "measure", "duration"})


def presupposed(mention: NumberMention, sentence: str) -> bool:
    """Whether a figure is the size of a thing a definite noun phrase refers to ("the $38 billion deal", "the
    club's ongoing $40 million bid"): a measure written before its noun, after a definite determiner or a
    possessive (at most one adjective between). A definite description presupposes its thing rather than
    reporting it, so the figure is not news of the day its article was published."""
    words = [w for w in re.split(r"[\s-]+", mention.text.lstrip("$\u00a3\u20ac")) if w]
    while words and parse_number([words[0]]) is not None:
        words = words[1:]
    unit = mention.unit or ""
    if mention.kind not in _ATTRIBUTIVE or not words or not words[0].isalpha():
        return False
    if (unit and words[0].lower().startswith(unit[:4])) or words[0].lower() in ("percent", "pct", "per", "a"):
        return False  # "5 hours", "4 percent", "$70 a share": the unit or a rate, no noun the figure sizes
    at = sentence.find(mention.text)
    before = re.findall(r"[\w'\u2019]+", sentence[:at]) if at > 0 else []
    if len(before) >= 2 and before[-1].islower() and not _definite(before[-1]):
        before = before[:-1]  # one adjective: "the club's ongoing $40 million bid"
    return bool(before) and _definite(before[-1])


def _definite(word: str) -> bool:
    return word.lower() in _DEFINITE or bool(re.search(r"\w['\u2019]s$", word))


def _dated_apart(a: set[str], b: set[str]) -> bool:
    """Whether two sets of dates name different moments: resolved dates (compared at the coarser precision,
    "2016-03" holds "2016-03-05") or, when neither side resolves, dates as written."""
    iso_a, iso_b = {d for d in a if d[0] != "~"}, {d for d in b if d[0] != "~"}
    if iso_a and iso_b:
        return not any(x.startswith(y) or y.startswith(x) for x in iso_a for y in iso_b)
    if not iso_a and not iso_b and a and b:
        return not a & b
    return False


def _same_order(a: float, b: float) -> bool:
    """Whether two values can be one quantity reported differently: a price per share and a deal's total
    ("$110" and "$121 billion") are orders of magnitude apart and never rival counts."""
    low, high = sorted((abs(a), abs(b)))
    return low > 0 and high / low <= MAX_RATIO


_ORDINAL = re.compile(
    r"\b(?:first|initial|original)[\s-]+(?:[$\u00a3\u20ac]?[\d.,]+[\s-]+(?:(?:million|billion|trillion)[\s-]+)?)?([a-z]+)"
)
# nouns of time and of a series of events: "the first quarter", "the first round" place a figure in time
# without saying what it measures
_PERIODS = frozenset(
    {"quarter", "half", "day", "week", "month", "year", "season", "round", "stage", "phase", "period", "term"}
    | {"leg", "game", "match", "time", "hour", "minute", "night", "morning", "weekend"}
)


def _firsts(figure: Figure) -> set[str]:
    """What the figure's clauses call the first of a series ("the initial offer", "an initial $5 billion bid",
    "the original estimate"), as senses; not a period ("the first quarter")."""
    found = (w for _, m in figure.mentions for w in _ORDINAL.findall(m.context.lower()))
    return {sense(w) for w in found if w not in _PERIODS and w.rstrip("s") not in _PERIODS}


def _one_first(a: Figure, b: Figure) -> bool:
    """Whether two figures are both marked as the first of one kind of thing and no other moment ("the initial
    offer", "its original bid") with values of one size: an ordinal picks out one member of a series, so two
    sources' first offer is one offer, however few of their other words they share."""
    low, high = sorted((abs(float(a.item.value)), abs(float(b.item.value))))
    close = low > 0 and high / low <= CLOSE
    return close and _moment(a) == _moment(b) == {"first"} and bool(_firsts(a) & _firsts(b))


def _groups(figures: Sequence[Figure], ctx: _Context, scopes: Sequence[object]) -> list[list[Figure]]:
    """Join figures about the same thing, never two from one source in a group: first those of the same scope
    (the same moment, both or neither a part of something), then the most similar."""
    pairs = []
    for i, a in enumerate(figures):
        for j in range(i + 1, len(figures)):
            b = figures[j]
            if a.sources & b.sources or unit_key(a.item.unit) != unit_key(b.item.unit) or a.item.kind != b.item.kind:
                continue
            if not _same_order(float(a.item.value), float(b.item.value)):
                continue
            score = ctx.similarity(a, b)
            if score >= SAME_THING or (score >= SAME_THING / 2 and _one_first(a, b)):
                # ties go to the earlier figures, never to memory addresses
                pairs.append((scopes[i] != scopes[j], -score, i, j))
    group_of: list[list[Figure]] = [[f] for f in figures]
    scope_of = {id(f): scope for f, scope in zip(figures, scopes, strict=True)}
    for _, _, i, j in sorted(pairs):
        ga, gb = group_of[i], group_of[j]
        if ga is gb or any(x.sources & y.sources for x in ga for y in gb):
            continue
        if len(ga) + len(gb) > 2 and len({scope_of[id(f)] for f in (*ga, *gb)}) > 1:
            continue  # an earlier value or a part pairs with one figure, never with a group of rival reports
        ga.extend(gb)
        for k, g in enumerate(group_of):
            if g is gb:
                group_of[k] = ga
    unique = {id(g): g for g in group_of}
    return [g for g in unique.values() if len(g) > 1]


def _claims(group: Sequence[Figure], articles: Mapping[str, Article]) -> tuple[Claim, ...]:
    """One claim per source, in source order."""
    claims = []
    for figure in group:
        by_source: dict[str, list[NumberMention]] = {}
        for source, m in figure.mentions:
            by_source.setdefault(source, []).append(m)
        for source, mentions in by_source.items():
            cits = tuple(dict.fromkeys(cite(articles[source], m.sentence) for m in mentions))
            claims.append((list(articles).index(source), Claim(figure.item.value, mentions[0].text, cits)))
    return tuple(c for _, c in sorted(claims, key=lambda x: x[0]))


def _surface(lemma: str, context: str) -> str:
    """The word of the clause that a lemma stands for ("kill" -> "killed"), or the lemma."""
    stem = lemma[:-1] if len(lemma) > 3 and lemma.endswith("e") else lemma
    found = re.search(rf"\b{re.escape(stem)}\w*", context, re.IGNORECASE)
    return found.group(0).lower() if found else lemma


def _phrase(lemma: str, lemmas: set[str], context: str, sentence: str) -> str:
    """The run of the clause's words around a lemma's word made of the figures' shared words: "trilateral
    negotiations", "appeal hearing" (not "appeal" alone), names as written ("Acme shares")."""
    written = re.findall(r"[\w-]+", re.sub(r"['\u2019]s\b", "", context))  # "the club's bid": club bid
    words = [w.lower() for w in written]
    found = {w: any(w.startswith(_surface(x, w)) for x in lemmas) for w in words}
    head = _surface(lemma, context)
    if head not in words:
        return head
    i = j = words.index(head)
    while i > 0 and found[words[i - 1]]:
        i -= 1
    while j + 1 < len(words) and found[words[j + 1]]:
        j += 1
    return " ".join(w if _proper(w, sentence) else w.lower() for w in written[i : j + 1])


def _plural(unit: str) -> str:
    if unit.endswith("s") or unit in _MASS:
        return unit
    return unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou" else unit + "s"


def _value(figure: Figure) -> str:
    """A value as a reader says it: "about 5.5 hours", "at least 40 people", "$121 billion"."""
    item = figure.item
    qualifier = {"at_least": "at least ", "at_most": "at most "}.get(item.bound, "about " if item.approximate else "")
    amount = float(item.value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            number = f"{_fmt(amount / size)} {word}"
            break
    else:
        number = _fmt(amount)
    unit = item.unit or ""
    if item.kind == "money":
        symbol = {"dollar": "$", "pound": "£", "euro": "€"}.get(unit)
        return f"{qualifier}{symbol}{number}" if symbol else f"{qualifier}{number} {_plural(unit)}"
    if item.kind == "percent":
        return f"{qualifier}{number}%"
    if not unit or item.kind == "count":
        return f"{qualifier}{number}"
    return f"{qualifier}{number} {unit if amount == 1 else _plural(unit)}"


def _counted(text: str, unit: str) -> str:
    """What a figure counts, in its own words: "five fire rescue units" -> "Fire rescue units"."""
    words = text.split()
    while words and (parse_number(words[0].split("-")) is not None or words[0].lower() in ("and", "a", "half", "-")):
        words = words[1:]
    phrase = " ".join(words) if words and len(words) <= 4 else _plural(unit)
    return phrase[:1].upper() + phrase[1:]


def _proper(word: str, sentence: str) -> bool:
    """Whether a word is written only with a capital in its sentence, past the sentence's first word: a name
    ("Dutch", "Acme"), which says whose or where, never what the thing is."""
    found = [m for m in re.finditer(rf"\b{re.escape(word)}", sentence, re.IGNORECASE) if m.start()]
    return bool(found) and all(m.group(0)[0].isupper() for m in found)


def _what(word: str, sentence: str) -> bool:
    """Whether a word can say what a thing is: not a name, nor an owner ("the club's bid": the bid)."""
    return not _proper(word, sentence) and not re.search(rf"\b{re.escape(word)}['\u2019]s\b", sentence, re.IGNORECASE)


_LENGTHS = frozenset({"mile", "kilometre", "kilometer", "km", "metre", "meter", "yard"})
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
_ADDED = re.compile(
    r"\b(?:(?P<with>with(?:out)?)\s+(?:[\w'\u2019-]+\s+){0,2}?(?P<a>[\w-]+)\s+(?P<how>included|added|excluded|removed)"
    r"|(?P<word>including|excluding|plus)\s+(?:the\s+|its\s+|their\s+|[\w-]+['\u2019]s\s+)?(?P<b>[\w-]+))",
    re.IGNORECASE,
)


def _added(word: str, context: str) -> str | None:
    """ "including" or "excluding" when the clause adds a word's thing into the figure or takes it out ("with debt
    included", "including fees", "excluding tax"): a part of the value, not what the value is of."""
    for m in _ADDED.finditer(context):
        if (m.group("a") or m.group("b")).lower() == word.lower():
            cue = (m.group("how") or m.group("word")).lower()
            return "excluding" if cue in ("excluded", "removed", "excluding") else "including"
    return None


def _written(word: str, sentence: str) -> str:
    """A word as its sentence writes it past the first word ("Acme"), else as given."""
    found = [m.group(0) for m in re.finditer(rf"\b{re.escape(word)}\b", sentence, re.IGNORECASE) if m.start()]
    return found[0] if found else word


_STATES = frozenset({"dead", "alive", "missing", "hurt", "safe", "ill", "homeless", "unaccounted"})


def _postnominal(word: str) -> bool:
    """Whether a word can follow a plural noun as what they are: a past participle or a state ("people injured",
    "civilians dead", "crew missing")."""
    return word in _STATES or (len(word) > 4 and word.endswith(("ed", "en")))


def _state(word: str, context: str) -> str | None:
    """The phrase "in ..." that ends with a word in the clause: where or in what state what is counted is ("in
    critical condition", "in a coma", "in custody")."""
    found = re.search(rf"\bin\s+((?:[\w-]+\s+){{0,2}}?){re.escape(word)}\b", context, re.IGNORECASE)
    return f"in {found.group(1).lower()}{word}" if found else None


def _complement(head: str, names: set[str], context: str) -> str:
    """The name a head noun is "for" or "of" in the clause ("bid for rival Acme" -> "for Acme"), if the figures
    share it: the last name of the few words after the preposition (the head of that noun phrase), whole."""
    after = re.search(rf"\b{re.escape(head)}\s+(for|of)\s+((?:[\w'\u2019-]+\s*){{1,4}})", context)
    if not after:
        return ""
    words = after.group(2).split()
    last = max((k for k, w in enumerate(words) if w[0].isupper() and w.lower() in names), default=None)
    if last is None:
        return ""
    first = last
    while first > 0 and words[first - 1][0].isupper():
        first -= 1  # a name of several words: "Northfield Stadium"
    return f" {after.group(1)} {' '.join(words[first : last + 1])}"


def _topic(group: Sequence[Figure], ctx: _Context) -> tuple[str, str]:
    """The thing counted and what it belongs to, alone and then with the values: "People killed: 41 vs 56",
    "Length of the negotiations: 5 hours vs about 5.5 hours", "Value of the first offer: $5 billion vs $6 billion".

    What a value is of is the rarest shared word that is neither a name, an owner nor a moment. A count is named
    by its noun and its verb ("Passengers rescued"), a participle or state ("Civilians dead") or the state it is
    "in" ("People in critical condition"), never by a second noun glued to it."""
    first = group[0]
    context = first.item.context or first.item.text
    shared = set.intersection(*(ctx.terms(f) for f in group)) or ctx.terms(first)
    own = {sense(t): t for t in reversed(first.item_terms)}  # the first source's own words
    ranked = sorted(shared, key=lambda t: (-ctx.weight(t), t))
    predicate = next((m.predicate for _, m in first.mentions if m.predicate), None)
    skip = {sense(predicate) if predicate else "", "percent"} | _CALENDAR | _MOMENT  # a date is when, not what
    sentence = ctx.sentence(first)
    about = next((t for t in ranked if t not in skip and _what(_surface(own.get(t, t), context), sentence)), None)
    kind = first.item.kind
    if kind in ("duration", "money", "percent", "measure"):
        if about:
            thing = _measured(group, own.get(about, about), {own.get(t, t) for t in shared}, context, sentence)
        else:
            name = next((t for t in ranked if t not in skip and _proper(_surface(t, context), sentence)), None)
            thing = _HEADS.get(kind, "Size") + (f" of {_written(_surface(name, context), sentence)}" if name else "")
    else:
        verb = _surface(predicate, context) if predicate and predicate not in LIGHT_VERBS else None
        word = _surface(own.get(about, about), context) if about and not verb else ""
        state = word if _postnominal(word) else _state(word, context) if word else None
        thing = " ".join(w for w in (_counted(first.item.text, first.item.unit or "figure"), verb or state) if w)
    values = " vs ".join(dict.fromkeys(_value(f) for f in group))
    return thing, f"{thing}: {values}"


_HEADS = {"duration": "Length", "money": "Value", "percent": "Share"}


def _measured(group: Sequence[Figure], about: str, words: set[str], context: str, sentence: str) -> str:
    """What a measure is of: "Value of the first offer" (a moment all the figures share comes first), "Value of
    the bid for Acme" (the name the clause gives it by "for" or "of"), "Distance east of Cape Hope" (a compass
    point with the place it is measured from), "Value including debt" (a part the clause adds in or takes out)."""
    first = group[0].item
    head = _HEADS.get(first.kind, "Size")
    moments = frozenset.intersection(*(_moment(f) for f in group))
    moment = next(iter(moments)) + " " if len(moments) == 1 else ""  # "new" and "previous": mixed reports
    noun = _phrase(about, {w for w in words if sense(w) not in _MOMENT}, context, sentence)
    last = noun.split()[-1]
    complement = _complement(last, {_surface(w, context) for w in words}, context)
    if added := _added(last, context):
        return f"{head} {added} {noun}"
    if noun in _COMPASS and complement and first.unit in _LENGTHS:
        return f"Distance {noun}{complement}"  # a place, not a thing's size
    return f"{head} of the {moment}{noun}{complement}"


def _who(source: str, articles: Mapping[str, Article]) -> str:
    article = articles[source]
    name = article.outlet or article.title or source
    return f"{name} ({article.published})" if article.published else name


def _by_source(group: Sequence[Figure], articles: Mapping[str, Article]) -> str:
    """Each value with the sources that give it and their dates: "5 (Outlet, 2024-05-01); 5.5 (...)"."""
    return "; ".join(
        f"{_value(f)} ({', '.join(_who(s, articles) for s in sorted(f.sources, key=list(articles).index))})"
        for f in group
    )


def _why(group: Sequence[Figure], articles: Mapping[str, Article]) -> str:
    why = "The sources give different figures for the same thing, with no sign that it changed between reports: "
    return why + _by_source(group, articles) + "."


_CHANGE_VERBS = frozenset({"rise", "fall", "raise", "lower", "cut", "revise", "update", "reach", "climb", "hit"})
_CHANGE_WORDS = ("so far", "to date", "up from", "down from", "as of", "now", "latest", "initially", "at first")
_MOMENT = frozenset({"first", "previous", "earlier", "new", "revised", "later", "final", "current", "late"})
_EARLIER = re.compile(r"\b(previously|formerly|had been|had \w+ed)\b", re.IGNORECASE)
_PART = ("of whom", "of them", "among them", "includ", "exclud", "seriously", "critically", "severely", "slightly")
_TOLLS = frozenset({"die", "injure", "hospital", "evacuate", "arrest", "release", "missing", "affect"})


def _lemmas(figure: Figure) -> set[str]:
    return {sense(t) for _, m in figure.mentions for t in (*m.terms, m.predicate or "")}


def _moment(figure: Figure) -> frozenset[str]:
    """Words that place a figure in time against another ("initial", "previous", "new", "final"); "previously"
    and the past perfect ("had been trading at") place it before the time of the report."""
    words = _lemmas(figure) & _MOMENT
    if any(_EARLIER.search(m.context) for _, m in figure.mentions):
        words.add("earlier")
    return frozenset(words)


def _partial(figure: Figure) -> bool:
    """Whether a clause of the figure marks it as a part of a count, what is left of one ("two remain
    trapped", "still missing"), or a total with more in it."""
    text = " ".join(m.context.lower() for _, m in figure.mentions)
    left = any(m.predicate == "remain" for _, m in figure.mentions) or re.search(r"\bstill\b", text)
    return bool(left) or any(re.search(rf"\b{cue}", text) for cue in _PART)


def _change(group: Sequence[Figure], articles: Mapping[str, Article]) -> str | None:
    """Why differing figures are one count at different moments or parts of a whole, or None.

    A figure said to have moved ("rose to", "was revised to", "so far"), one marked as earlier or later than
    the other ("the initial offer", "the new offer"), a part of a count or a total with more in it ("four of
    whom", "seriously injured", "including debt"), and a casualty toll in reports published on different
    days are updates, not disagreements.
    """
    contexts = [" ".join(m.context.lower() for _, m in f.mentions) for f in group]
    lemmas = [_lemmas(f) for f in group]
    moments = {_moment(f) for f in group}
    if len(moments) > 1:
        return "The figures are about different moments (earlier and later): " + _by_source(group, articles) + "."
    # both marked as the same moment ("the initial offer" twice): a movement in their clauses is another figure's
    moved = any(words & _CHANGE_VERBS for words in lemmas) or any(
        re.search(rf"\b{cue}\b", c) for c in contexts for cue in _CHANGE_WORDS
    )
    if moved and moments == {frozenset()}:
        return "The figure changed between reports: " + _by_source(group, articles) + "."
    if len({_partial(f) for f in group}) > 1:
        return "One figure is a part of the other: " + _by_source(group, articles) + "."
    days = {articles[s].published for f in group for s in f.sources if articles[s].published}
    if len(days) > 1 and set.intersection(*lemmas) & _TOLLS:
        return "A toll updated between reports published on different days: " + _by_source(group, articles) + "."
    return None


def find_conflicts(
    figures: Sequence[Figure], extractions: Sequence[Extraction], articles: Mapping[str, Article]
) -> tuple[tuple[Conflict, ...], tuple[Agreement, ...]]:
    """Conflicts (one claim per source) and reconciled agreements among the event's figures."""
    ctx = _Context(extractions, articles)
    # a lone "one person" is most often another incident, not a rival count; ages belong to different people
    comparable = [
        f for f in figures if f.item.kind in COMPARABLE and f.item.unit not in (None, "year-old") and f.item.value != 1
    ]
    conflicts, agreements = [], []
    scopes = [(_moment(f), _partial(f)) for f in comparable]
    for group in _groups(comparable, ctx, scopes):
        group.sort(key=lambda f: min(list(articles).index(s) for s in f.sources))
        reasons = [compatible(_side(a), _side(b)) for i, a in enumerate(group) for b in group[i + 1 :]]
        claims = _claims(group, articles)
        if all(reasons):
            why = "; ".join(dict.fromkeys(r for r in reasons if r and r != _SAME))
            if why:  # figures that only repeat one value are corroboration, not a reconciled difference
                agreements.append(Agreement(_topic(group, ctx)[1], claims, why))
        elif update := _change(group, articles):
            agreements.append(Agreement(_topic(group, ctx)[1], claims, update))
        else:
            subject, topic = _topic(group, ctx)
            conflicts.append(Conflict(topic, claims, _why(group, articles), subject))
    return tuple(conflicts), tuple(agreements)
