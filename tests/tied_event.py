"""A hand-built flood event whose matches tie exactly: run as a module, it prints the event's briefing.json.

Ties that only float rounding could break: a question corroborated equally well by several sentences of another
source (each holds nothing but words of the question), a report as like one development as another (its words
are the words of both leads), and a date the leads write two ways of one length ("Tuesday May 7", "Tuesday 7
May"). Summed in a set's order, the hash seed's, equal weights round differently from run to run.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from briefgen.models import Article, DateMention, EventMeta, Extraction, QuestionMention
from briefgen.reconcile import reconcile
from briefgen.render.briefing_json import briefing_json
from tests.test_reconcile import _article as article

PUBLISHED = "2024-05-08"
# the question's content words, and the sentences of another source that hold only some of them
QUESTION = ["river", "levee", "breach", "engineer", "inspect", "gate", "spillway", "crest"]
QUESTION += ["sandbag", "pump", "overnight", "district", "warn", "rain", "surge", "barrier"]
PARTS = [QUESTION[0:7], QUESTION[3:11], QUESTION[6:14], QUESTION[9:16], QUESTION[1:15:2], QUESTION[0:16:2]]
# two developments told apart, and a third source's report that holds the words of both
FIRST = ["crew", "reinforce", "embankment", "north", "quay", "timber", "brace"]
SECOND = ["army", "deliver", "pumping", "truck", "south", "depot", "diesel"]
# background sentences that make the words' weights differ: each holds the first k words of a list
BACKGROUND = [QUESTION[: k + 1] for k in range(len(QUESTION))] + [(FIRST + SECOND)[: k + 2] for k in range(12)]


def _article(aid: str, *texts: str) -> Article:
    return replace(article(aid, *texts), published=PUBLISHED)


def _extraction(aid: str, terms: list[list[str]], **kw: object) -> Extraction:
    base: dict[str, object] = dict(mentions=(), quotes=(), numbers=(), questions=(), dates=())
    base.update(kw)
    return Extraction(source=aid, terms=tuple(map(tuple, terms)), **base)  # type: ignore[arg-type]


def event() -> tuple[list[Article], list[Extraction]]:
    a = _article(
        "a",
        "Crews reinforced the north quay embankment with timber braces on Tuesday May 7.",
        "It is unclear whether the levee breach began at the spillway gate.",
    )
    b = _article(
        "b",
        "Army trucks delivered diesel pumps from the south depot on Tuesday 7 May.",
        *[f"Engineers inspected section {i} of the levee overnight." for i in range(len(PARTS))],
    )
    c = _article(
        "c",
        "Crews braced the north quay embankment with timber as army trucks delivered diesel pumps from the depot.",
        *[f"The district is on alert, note {i}." for i in range(len(BACKGROUND))],
    )
    dates_a = (DateMention("on Tuesday May 7", 0, a.sentences[0].text),)
    dates_b = (DateMention("on Tuesday 7 May", 0, b.sentences[0].text),)
    question = QuestionMention("whether the levee breach began at the spillway gate", 1, "Unclear")
    extractions = [
        _extraction("a", [FIRST, QUESTION], questions=(question,), dates=dates_a),
        _extraction("b", [SECOND, *PARTS], dates=dates_b),
        _extraction("c", [FIRST + SECOND, *BACKGROUND]),
    ]
    return [a, b, c], extractions


def main() -> int:
    articles, extractions = event()
    briefing = reconcile("flood", EventMeta(), articles, extractions).briefing
    sys.stdout.buffer.write(briefing_json(briefing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
