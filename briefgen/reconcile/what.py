"""What happened: key developments, one item per development, cited to every source that reports it.

Candidates are the sentences that report an event (told in the past or perfect, announced, or going on): not
quotes, questions, hedged unknowns, page furniture, standing states or background (a year before the article's
own). Each is described by its content lemmas, the entities it names (as the merged who entries, so "U.S." and
"United States" agree) and its figures. Sentences of different sources that share enough rare features, weighted
by inverse sentence frequency, are one development. Developments rank by how many sources report them, how near
the top of its article the lead report stands (news is written as an inverted pyramid) and how many of the event's
main actors it names; one the same sources already told in nearly the same words joins that development. Each item
states the lead report's clause and cites every sentence that reports it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.clean import strip_label
from briefgen.models import Article, Citation, Extraction, Sentence, WhatItem, WhoItem
from briefgen.reconcile.body import body
from briefgen.reconcile.cite import ArticleIndex, cite, merge_citations
from briefgen.reconcile.names import fold
from briefgen.reconcile.people import build_who

MAX_ITEMS = 12  # a list a reader takes in at a glance; the ranking puts the main happenings first
PER_SOURCE = 4 / 3  # more outlets report more distinct developments: past 9 sources, room for 4 more each 3
MATCH = 0.3  # weighted share of the smaller sentence's features two reports of one development share
RESTATED = 0.5  # a report this similar to one of its own article's joins it too: the article said it twice
MIN_SHARED = 3  # and at least this many features in common
MIN_TERMS = 3  # subject, verb and object or complement: the least a sentence reporting an event has
QUOTED_SHARE = 0.5  # sentences mostly inside quotation marks are quotes, not developments
LEAD_WEIGHT = 1.0  # a report at the top of its article counts this much more than one at the bottom
LEAD_DECAY = 0.5  # and the bonus halves with each report above it in its article
ACTOR_WEIGHT = 0.5  # each main actor the lead report names counts this much
MAIN_ACTORS = 3  # the entities named by the most sources are the event's main actors
_UNCERTAIN = re.compile(
    r"\b(?:unclear|not clear|uncertain|unknown|too early|remains? to be seen|did not say|declined to|whether)\b", re.I
)
_OPENS_QUOTE = re.compile(r"^\W{0,2}[\u201c\"]|:\s*[\u201c\"]")
# A development is told in the past or perfect ("was arrested", "has resigned", "fled"), announced for the future
# ("will testify", "plans to sell") or going on ("remain trapped", "continue to rise"); a sentence with none of these
# describes a standing state (background). The irregular past forms are those of the common English irregular verbs.
_IRREGULAR_PAST = (
    "said|told|made|took|gave|came|went|found|held|met|left|put|set|began|fell|rose|won|lost|sold|bought|paid|sent|"
    "brought|kept|led|ran|saw|stood|struck|threw|wrote|broke|chose|drove|flew|got|hit|knew|let|meant|shot|shut|"
    "spent|stole|swept|tore|thought|woke|withdrew|fought|caught|sought|became|bit|fled|hid|dealt|built|felt|heard|"
    "lay|laid|lit|rang|sank|shook|sprang|stuck|swam|taught|understood|wore|overtook|undertook|upheld|forbade|slid|"
    "split|spread|swore|stung|strove|wound|bound|ground|clung|dug|hung|sped|bled|fed|froze|rode|sang|spoke|drew|"
    "grew|blew|slew|withheld|beat|cut|cost|quit|hurt|shed|bid|cast|burst|thrust|upset|reset"
)
_EVENT_VERB = re.compile(
    rf"(?i)\b(?:has|have|had|was|were|been|will|would|remains?|(?:plans?|intends?|is|are|continues?) to)\b"
    rf"|\b[a-z]{{2,}}ed\b|\b(?:{_IRREGULAR_PAST})\b"
)
# The attribution around a reported clause: "..., police said." / "..., according to the agency." and "The agency
# said on Monday that ...". The citation keeps the whole sentence; the item states the development.
_SAID_AFTER = re.compile(
    r",\s+(?:according\s+to\s+[^,;]{1,60}|[^,;\u201c\u201d\"]{1,60}?\s+(?:said|says|told\s+[^,;]{1,40}|reported|confirmed)"
    r"(?:\s+on\s+\w+)?)\s*([.!]?)\s*$"
)
_SAID_BEFORE = re.compile(
    r"^(?:[A-Z][^,;\u201c\u201d\"]{0,60}?)\s+(?:said|says|announced|confirmed)(?:\s+on\s+\w+)?\s+that\s+(?=\S)"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def quoted_share(text: str) -> float:
    """Share of a sentence's characters inside quotation marks.

    A closing mark with no opening one closes a quotation begun in an earlier sentence, and an opening mark with
    no closing one runs on to the next: both count as quoted. A straight mark opens after a space, else closes.
    """
    inside, quoted, opened = False, 0, False
    for i, char in enumerate(text):
        opening = char == "\u201c" or (char == '"' and (i == 0 or text[i - 1] in " ([\u2014-"))
        if opening:
            inside = opened = True
        elif char in '\u201d"':
            if not opened:
                quoted = i  # everything before it was the quotation's end
            inside, opened = False, True
        elif inside:
            quoted += 1
    return quoted / len(text) if text else 0.0


def is_quote(text: str) -> bool:
    """Speech rather than report: mostly quoted, opening with a quotation, or a quotation after a colon."""
    return quoted_share(text) >= QUOTED_SHARE or _OPENS_QUOTE.search(text) is not None


def reports_event(text: str) -> bool:
    """Told in the past or perfect, announced for the future, or going on ("remain", "continue to")."""
    return _EVENT_VERB.search(text) is not None


def is_background(text: str, published: str | None) -> bool:
    """A sentence dated to a year before the article's own tells history, not the news."""
    if not published or not published[:4].isdigit():
        return False
    return any(int(y) < int(published[:4]) for y in _YEAR.findall(text))


def clause(text: str) -> str:
    """The development a sentence reports, without the media label, dateline and attribution around it."""
    text = strip_label(text)
    trimmed = _SAID_AFTER.sub(lambda m: m.group(1) or ".", text)
    trimmed = _SAID_BEFORE.sub("", trimmed)
    if len(trimmed.split()) < MIN_TERMS:
        return text
    return trimmed[:1].upper() + trimmed[1:]


@dataclass
class _Candidate:
    source: str
    sentence: Sentence
    position: float  # 0 = first candidate of its article, 1 = last
    rank: int  # its place among the candidates of its article
    features: set[str]


@dataclass
class _Cluster:
    members: list[_Candidate] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def add(self, candidate: _Candidate) -> None:
        self.members.append(candidate)
        self.sources.add(candidate.source)

    @property
    def lead(self) -> _Candidate:
        """The report that opened the development: reports join in order of their place in their articles."""
        return self.members[0]


def _entity_index(who: Sequence[WhoItem]) -> dict[str, str]:
    index: dict[str, str] = {}
    for item in who:
        for name in (item.name, *item.aliases):
            index.setdefault(fold(name), fold(item.name))
    return index


def _is_development(sentence: Sentence, article: Article) -> bool:
    text = sentence.text.strip()
    if article.blocks[sentence.block].kind == "heading" or text.endswith("?"):
        return False
    return (
        not is_quote(text)
        and reports_event(text)
        and not _UNCERTAIN.search(text)
        and not is_background(text, article.published)
    )


def _candidates(ex: Extraction, article: Article, entities: dict[str, str]) -> list[_Candidate]:
    names: dict[int, set[str]] = {}
    name_words: dict[int, set[str]] = {}  # the words of a name count once, as the name
    for m in ex.mentions:
        names.setdefault(m.sentence, set()).add("@" + entities.get(fold(m.text), fold(m.text)))
        name_words.setdefault(m.sentence, set()).update(fold(m.text).split())
    figures: dict[int, set[str]] = {}
    for n in ex.numbers:
        figures.setdefault(n.sentence, set()).add(f"#{n.value:g}")
    chosen = [(s, t) for s, t in body(ex, article) if _is_development(s, article) and len(set(t)) >= MIN_TERMS]
    out = []
    for rank, (s, words) in enumerate(chosen):
        terms = set(words) - name_words.get(s.index, set())
        features = terms | names.get(s.index, set()) | figures.get(s.index, set())
        out.append(_Candidate(ex.source, s, rank / max(1, len(chosen) - 1), rank, features))
    return out


def _similarity(a: set[str], b: set[str], weight: dict[str, float]) -> float:
    """The weight of the shared features over the smaller side's, summed exactly (math.fsum): a float sum in a
    set's order, which the hash seed decides, would break ties between equally similar reports at random."""
    shared = a & b
    if len(shared) < MIN_SHARED:
        return 0.0
    smaller = min(math.fsum(weight[f] for f in a), math.fsum(weight[f] for f in b))
    return math.fsum(weight[f] for f in shared) / smaller if smaller else 0.0


def _cluster(candidates: Sequence[_Candidate], weight: dict[str, float]) -> list[_Cluster]:
    """Greedy, leads first: each report joins the most similar development no report of its source is in yet,
    or one its source already told in nearly the same words."""
    clusters: list[_Cluster] = []
    for cand in sorted(candidates, key=lambda c: c.position):
        best, score = None, MATCH
        for cluster in clusters:
            if cand.source in cluster.sources:
                own = [m for m in cluster.members if m.source == cand.source]
                if max(_similarity(cand.features, m.features, weight) for m in own) < RESTATED:
                    continue
            sim = max(_similarity(cand.features, m.features, weight) for m in cluster.members)
            if sim >= score:
                best, score = cluster, sim
        if best is None:
            best = _Cluster()
            clusters.append(best)
        best.add(cand)
    return clusters


def _main_actors(candidates: Sequence[_Candidate]) -> set[str]:
    """The entities named by the most sources."""
    sources: dict[str, set[str]] = {}
    for c in candidates:
        for f in c.features:
            if f.startswith("@"):
                sources.setdefault(f, set()).add(c.source)
    ranked = sorted(sources, key=lambda f: (-len(sources[f]), f))
    return set(ranked[:MAIN_ACTORS])


def _rank(clusters: Sequence[_Cluster], candidates: Sequence[_Candidate], weight: dict[str, float]) -> list[_Cluster]:
    """Most sources first (every source with a report matching the lead, not only those clustered with it), then
    nearest the top of an article, then naming the most main actors."""
    actors = _main_actors(candidates)

    def score(cluster: _Cluster) -> float:
        lead = cluster.lead.features
        sources = cluster.sources | {c.source for c in candidates if _similarity(lead, c.features, weight) >= MATCH}
        top = LEAD_DECAY ** min(m.rank for m in cluster.members)
        return len(sources) + LEAD_WEIGHT * top + ACTOR_WEIGHT * len(actors & lead)

    return sorted(clusters, key=lambda c: (-score(c), c.lead.position))


def _told_before(cluster: _Cluster, chosen: Sequence[_Cluster], weight: dict[str, float]) -> _Cluster | None:
    """A higher-ranked development that the same sources already report and that this one matches: the
    articles told it twice, so it is that development again, not a new one."""
    for other in chosen:
        if (
            cluster.sources <= other.sources
            and _similarity(cluster.lead.features, other.lead.features, weight) >= RESTATED
        ):
            return other
    return None


def build_what(
    extractions: Sequence[Extraction], articles: ArticleIndex, who: Sequence[WhoItem] | None = None
) -> tuple[WhatItem, ...]:
    entities = _entity_index(build_who(extractions, articles) if who is None else who)
    candidates = [c for ex in extractions for c in _candidates(ex, articles[ex.source], entities)]
    df = Counter(f for c in candidates for f in c.features)
    weight = {f: math.log(1 + len(candidates) / n) for f, n in df.items()}
    chosen: list[_Cluster] = []
    room = max(MAX_ITEMS, round(PER_SOURCE * len(extractions)))
    for cluster in _rank(_cluster(candidates, weight), candidates, weight):
        told = _told_before(cluster, chosen, weight)
        if told is not None:
            told.members.extend(cluster.members)
        elif len(chosen) < room:
            chosen.append(cluster)
    items = []
    for cluster in chosen:
        cits: list[Citation] = [cite(articles[m.source], m.sentence.index) for m in cluster.members]
        items.append(WhatItem(clause(cluster.lead.sentence.text), merge_citations(cits)))
    return tuple(items)
