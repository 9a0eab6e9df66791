"""Property-based tests (hypothesis): front matter parsing, sentence ids and offsets, slugs, decoding."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.decode import decode_text
from briefgen.frontmatter import split_front_matter
from briefgen.models import Problem, SourceFile
from briefgen.parse import parse_source
from briefgen.sentences import split_sentences
from briefgen.slug import MAX_LENGTH, is_slug, slugify, unique_slug

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)
prose = st.lists(
    st.one_of(
        st.sampled_from(
            [". ", "! ", "? ", "\n", "\n\n", " “", "” ", '"', "'", "Mr. ", "U.S. ", "3.5 ", "# ", "> ", "- "]
        ),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    ),
    max_size=40,
).map("".join)


@SETTINGS
@given(st.text())
def test_slugify_gives_a_slug_and_is_idempotent(name: str) -> None:
    slug = slugify(name)
    assert SLUG.match(slug) and len(slug) <= MAX_LENGTH
    assert slugify(slug) == slug and is_slug(slug)


@SETTINGS
@given(st.lists(st.text(max_size=12), max_size=30))
def test_unique_slugs_never_collide(names: list[str]) -> None:
    taken: set[str] = set()
    slugs = [unique_slug(slugify(n), taken) for n in names]
    assert len(set(slugs)) == len(slugs) and set(slugs) == taken
    assert all(SLUG.match(s) for s in slugs)


@SETTINGS
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "title": words,
            "outlet": words,
            "author": words,
            "published": st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
            "url": st.from_regex(r"https://[a-z]{1,10}\.example/[A-Za-z0-9/_.-]{0,20}", fullmatch=True),
        },
    ),
    st.text(),
)
def test_front_matter_round_trips(fields: dict[str, object], body: str) -> None:
    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    problems: list[Problem] = []
    fm = split_front_matter(text, "a.md", problems)
    expected = {k: v.isoformat() if isinstance(v, dt.date) else str(v).strip() for k, v in fields.items()}
    assert (fm.fields, fm.body, problems) == (expected, body, [])
    assert text.split("\n")[fm.body_line - 1 :] == body.split("\n")


@SETTINGS
@given(st.text())
def test_front_matter_never_raises_and_keeps_the_body(text: str) -> None:
    problems: list[Problem] = []
    fm = split_front_matter(text, "a.md", problems)
    assert text.endswith(fm.body)
    assert all(p.path == "a.md" and (p.line is None or p.line >= 1) for p in problems)


@SETTINGS
@given(prose)
def test_sentence_spans_cover_every_visible_character(text: str) -> None:
    spans = split_sentences(text)
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


@SETTINGS
@given(prose, st.sampled_from([".md", ".txt"]))
def test_sentence_ids_are_contiguous_and_offsets_exact(body: str, suffix: str) -> None:
    article = parse_source(SourceFile("a", "ev", f"ev/a{suffix}", suffix, body, "0"), [])
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
    for s in article.sentences:
        assert s.text and s.text == s.text.strip() and article.text[s.start : s.end] == s.text
    ends = [0] + [e for s in article.sentences for e in (s.start, s.end)] + [len(article.text)]
    gaps = [article.text[a:b] for a, b in zip(ends[::2], ends[1::2], strict=True)]
    assert all(not gap.strip() for gap in gaps)  # the text is its sentences and whitespace, in order
    assert [i for b in article.blocks for i in b.sentences] == list(range(len(article.sentences)))
    assert all(article.sentences[i].block == k for k, b in enumerate(article.blocks) for i in b.sentences)


@SETTINGS
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t")),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_decoding_recovers_the_text(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)).text == text
