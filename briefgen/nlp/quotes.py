"""Direct quotations and who said them: spans joined into quotes, then attributed in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefgen.models import QuoteMention
from briefgen.nlp.attribution import (
    ArticleContext,
    dash_signature,
    governing_subject,
    is_reporting,
    lead_in_name,
    speaker_from_verbs,
    trailing_speaker,
)
from briefgen.nlp.quote_spans import QuoteSpan, find_quote_spans
from briefgen.nlp.reporting_verbs import FUNCTION_WORDS
from briefgen.nlp.sentmap import SentenceMap

SCARE_MAX_WORDS = 2
TITLE_MAX_WORDS = 8
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SPLIT_GAP_CHARS = 160
_ATTRIBUTION_MAX_WORDS = 12


@dataclass(slots=True)
class _Quote:
    parts: list[QuoteSpan]
    first: int  # first and last sentence ids
    last: int
    speaker: str | None = None

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def _is_split(ctx: ArticleContext, prev: QuoteSpan, nxt: QuoteSpan) -> bool:
    """'"First half," she said, "second half."': one quote split by its attribution."""
    text = ctx.text
    gap = text[prev.end : nxt.start]
    if "\n" in gap or len(gap) > _SPLIT_GAP_CHARS or not prev.closed:
        return False
    inner = gap.strip(" \"'\u201c\u201d\u2018\u2019`")
    if not text[prev.start : prev.end].rstrip().endswith(",") and not inner.startswith(","):
        return False
    if not inner.endswith((",", ":")) or any(c in inner[:-1] for c in ".;?!"):
        return False
    return any(is_reporting(t) for t in ctx.tokens(prev.end, nxt.start))


def _group(ctx: ArticleContext, spans: list[QuoteSpan], sentmap: SentenceMap) -> list[_Quote]:
    quotes: list[_Quote] = []
    for span in spans:
        first, last = sentmap.at(span.start), sentmap.at(max(span.end - 1, span.start))
        if quotes and (span.reopened or _is_split(ctx, quotes[-1].parts[-1], span)):
            quotes[-1].parts.append(span)
            quotes[-1].last = last
        else:
            quotes.append(_Quote([span], first, last))
    return quotes


def _title_case(words: list[str]) -> bool:
    """Every word but short function words capitalised, at least two of them: a name or a headline."""
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    return sum(1 for w in content if w[:1].isupper()) >= 2 and all(w[:1].isupper() for w in content)


def is_title(text: str, quote: _Quote, sentmap: SentenceMap) -> bool:
    """A short title-cased quote in a prose sentence names a show, book or slogan: '"Meet the Press"'."""
    words = _WORD.findall(" ".join(text[p.start : p.end] for p in quote.parts))
    if len(words) > TITLE_MAX_WORDS or not _title_case(words):
        return False
    first, last = sentmap.sentence(quote.first), sentmap.sentence(quote.last)
    around = _WORD.findall(text[first.start : quote.start] + " " + text[quote.end : last.end])
    return len(around) >= 3 and not _title_case(around)


def _sentence_tokens(ctx: ArticleContext, first: int, last: int) -> list[Any]:
    start = ctx.sentmap.sentence(first).start
    return ctx.tokens(start, ctx.sentmap.sentence(last).end)


def _signed(ctx: ArticleContext, quote: _Quote) -> str | None:
    signed = dash_signature(ctx.text, quote.end)
    return ctx.fullest(signed, quote.start) if signed else None


def _colon_before(ctx: ArticleContext, quote: _Quote) -> str | None:
    """'Jane Roe said on Monday:' closing the sentence before the quote."""
    if quote.first == 0:
        return None
    before = _sentence_tokens(ctx, quote.first - 1, quote.first - 1)
    return speaker_from_verbs(ctx, before, quote.start, quote.end) if before and before[-1].text == ":" else None


def _attribution_after(ctx: ArticleContext, quote: _Quote) -> str | None:
    """'"Why now?" \n Jane Roe asked.': a short attribution sentence right after a quote that ends its sentence."""
    text, sentmap = ctx.text, ctx.sentmap
    last = sentmap.sentence(quote.last)
    if quote.last + 1 > sentmap.at(len(text)) or text[quote.end : last.end].strip(" .,!?\"'\u201d\u2019"):
        return None
    nxt = sentmap.sentence(quote.last + 1)
    words = text[nxt.start : nxt.end].split()
    quoted = any(ctx.in_quote(i) for i in range(nxt.start, nxt.end))
    if nxt.block != last.block or len(words) > _ATTRIBUTION_MAX_WORDS or quoted:
        return None
    tokens = _sentence_tokens(ctx, quote.last + 1, quote.last + 1)
    if any(t.dep_ == "ccomp" and is_reporting(t.head) for t in tokens):
        return None  # "The road shut at six, police said.": the verb reports its own clause, not the quote
    return speaker_from_verbs(ctx, tokens, quote.start, quote.end)


def _continued(quote: _Quote, previous: _Quote | None) -> str | None:
    """A quote with no cue of its own right after another one continues that speaker."""
    if previous is not None and previous.last >= quote.first - 2:
        return previous.speaker
    return None


def _sentence_before(ctx: ArticleContext, quote: _Quote) -> str | None:
    """A sentence that is nothing but the quote: the reporting verb of the sentence before, which introduced
    its speaker ('Jane Roe said the pier was safe. "We checked it."'), before any earlier quote's speaker."""
    own = _sentence_tokens(ctx, quote.first, quote.last)
    if quote.first == 0 or any(t.is_alpha for t in own):
        return None
    return speaker_from_verbs(ctx, _sentence_tokens(ctx, quote.first - 1, quote.first - 1), quote.start, quote.end)


def _attribute(ctx: ArticleContext, quote: _Quote, previous: _Quote | None) -> str | None:
    """The first cue that names a speaker, strongest first."""
    own = _sentence_tokens(ctx, quote.first, quote.last)
    cues: tuple[Callable[[], str | None], ...] = (
        lambda: _signed(ctx, quote),
        lambda: trailing_speaker(ctx, quote.end, ctx.sentmap.sentence(quote.last).end),
        lambda: speaker_from_verbs(ctx, own, quote.start, quote.end),
        lambda: lead_in_name(ctx, own, quote.start),
        lambda: _colon_before(ctx, quote),
        lambda: _attribution_after(ctx, quote),
        lambda: _sentence_before(ctx, quote),
        lambda: _continued(quote, previous),
        lambda: governing_subject(ctx, quote.start, quote.end),
    )
    return next((speaker for speaker in (cue() for cue in cues) if speaker), None)


def extract_quotes(doc: Any, text: str, sentmap: SentenceMap) -> tuple[QuoteMention, ...]:
    """Every quotation of the article with its speaker; scare quotes (one or two words) and titles are marked.

    `text` is the article's text, which the Doc was made from (spaCy rebuilds `doc.text` from every token)."""
    spans = find_quote_spans(text)
    ctx = ArticleContext(doc, text, sentmap, [(s.start, s.end) for s in spans])
    found: list[QuoteMention] = []
    previous: _Quote | None = None
    for quote in _group(ctx, spans, sentmap):
        words = " ".join(text[p.start : p.end].strip() for p in quote.parts)
        sentences = tuple(range(quote.first, quote.last + 1))
        if any(sentmap.sentence(i).boilerplate for i in sentences):
            continue
        scare = len(words.split()) <= SCARE_MAX_WORDS or is_title(text, quote, sentmap)
        if not scare:
            quote.speaker = _attribute(ctx, quote, previous)
            previous = quote
        found.append(QuoteMention(words, quote.speaker, sentences, scare))
    return tuple(found)
