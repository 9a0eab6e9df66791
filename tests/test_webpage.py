"""Saved web pages as articles: text and metadata read with trafilatura, furniture dropped, bad pages skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.load import load_event
from briefgen.models import Article, Problem
from briefgen.parse import parse_source
from briefgen.textmeta import text_meta
from briefgen.webpage import MAX_PAGE_BYTES, PageError, declared_charset, read_page
from tests.web_pages import FURNITURE, STORIES, page_html, story_text


def _kept(article: Article) -> str:
    return " ".join(s.text for s in article.sentences if not s.boilerplate)


def _load(folder: Path) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    source = load_event(folder, folder.parent, problems)
    articles = [parse_source(f, problems) for f in source.files]
    return [a for a in articles if a.sentences], problems


@pytest.mark.parametrize("key", sorted(STORIES))
def test_page_text_is_the_article_without_furniture(key: str) -> None:
    page = read_page(page_html(key, f"https://news.example/{key}"))
    text = " ".join(t for _, t in page.blocks)
    for paragraph in story_text(key):
        assert paragraph in text
    for line in [*FURNITURE, "Another story number", "All rights reserved", "Photo: Staff", "Privacy policy"]:
        assert line not in text
    assert page.blocks[0][1] != STORIES[key]["title"]  # the headline is the title, not a sentence


def test_page_metadata() -> None:
    page = read_page(page_html("rates", "https://markets.example/2026/04/hold"))
    assert page.title == STORIES["rates"]["title"]
    assert page.outlet == "Market Dispatch"
    assert page.author == "Lena Fischer"
    assert page.published == "2026-04-16"
    assert page.url == "https://markets.example/2026/04/hold"


def test_front_matter_wins_over_the_page(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    folder.mkdir()
    front = "---\noutlet: Court Wire\npublished: 2026-02-12\n---\n"
    (folder / "ruling.html").write_text(front + page_html("court", "https://ledger.example/ruling"), encoding="utf-8")
    (articles, problems) = _load(folder)
    assert problems == []
    article = articles[0]
    assert (article.outlet, article.published) == ("Court Wire", "2026-02-12")
    assert article.title == STORIES["court"]["title"]
    assert article.author == "Priya Raman" and article.url == "https://ledger.example/ruling"
    assert story_text("court")[2] in _kept(article)


def test_htm_and_html_are_both_read(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "a.htm").write_text(page_html("match"), encoding="utf-8")
    (folder / "b.html").write_text(page_html("science"), encoding="utf-8")
    articles, problems = _load(folder)
    assert [a.outlet for a in articles] == ["Touchline Weekly", "Science Bulletin"]
    assert problems == []


def test_page_in_its_declared_encoding(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    folder.mkdir()
    html = page_html("flood", charset="windows-1252").replace("Mayor Helen Brandt", "Mayor Hélène Brandt")
    (folder / "latin.html").write_bytes(html.encode("cp1252"))
    articles, problems = _load(folder)
    assert problems == []
    assert "Mayor Hélène Brandt" in _kept(articles[0])


def test_declared_charset_labels() -> None:
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"  # as browsers read it
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">') == "shift_jis"
    assert declared_charset(b'<meta charset="no-such-code">') is None
    assert declared_charset(b"<p>charset=utf-8 in the text</p>") is None


def _bad_page_problem(
    tmp_path: Path, name: str, data: bytes, readable: bool = False
) -> tuple[list[Article], list[Problem]]:
    """An event with one good page and one odd one: a bad one is reported on one line and skipped."""
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "good.html").write_text(page_html("rates"), encoding="utf-8")
    (folder / name).write_bytes(data)
    articles, problems = _load(folder)
    assert sorted(a.path for a in articles) == sorted(["ev/good.html", *([f"ev/{name}"] if readable else [])])
    return articles, problems


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n  ", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", "no article text"),
        (b"<html><head><title>Gallery</title></head><body><img src=a.jpg><img src=b.jpg></body></html>",
         "no article text"),
        (b"<<<>>> <div <p <<span>> </ </ <", "no article text"),
        (b"\xff\xfe" + "<p>broken utf-16</p>".encode("utf-16-le")[:-1], "not valid utf-16"),
    ],
    ids=["empty", "blank", "binary", "nav-only", "images-only", "broken-markup", "bad-encoding"],
)  # fmt: skip
def test_bad_page_is_one_line_and_skipped(tmp_path: Path, data: bytes, message: str) -> None:
    _, problems = _bad_page_problem(tmp_path, "bad.html", data)
    assert len(problems) == 1, problems
    assert problems[0].path == "ev/bad.html"
    assert message in problems[0].message and "skipped" in problems[0].message
    assert "\n" not in str(problems[0])


def test_oversized_page_is_refused_unread(tmp_path: Path) -> None:
    body = page_html("court").encode()
    filler = b"<p>" + b"lorem ipsum dolor sit amet " * (MAX_PAGE_BYTES // 27 + 1000) + b"</p>"
    _, problems = _bad_page_problem(tmp_path, "huge.html", body.replace(b"</body>", filler + b"</body>"))
    assert len(problems) == 1
    assert "over the 5 MB limit" in problems[0].message and problems[0].path == "ev/huge.html"


def test_truncated_markup_still_reads_what_is_there(tmp_path: Path) -> None:
    html = page_html("match")
    cut = html[: html.index(story_text("match")[3])]  # the page ends mid-article, tags left open
    articles, problems = _bad_page_problem(tmp_path, "cut.html", cut.encode(), readable=True)
    assert problems == []  # readable: not a bad page
    kept = next(_kept(a) for a in articles if a.path == "ev/cut.html")
    assert story_text("match")[1] in kept and story_text("match")[4] not in kept


def test_page_without_article_raises() -> None:
    with pytest.raises(PageError):
        read_page("<html><body><p>Menu</p></body></html>")


def test_undeclared_legacy_encoding_is_read_with_a_warning(tmp_path: Path) -> None:
    html = page_html("science").replace('<meta charset="utf-8">', "").replace("Dr. Amara", "Dr. Amélie")
    articles, problems = _bad_page_problem(tmp_path, "old.html", html.encode("cp1252"), readable=True)
    assert [(p.path, p.severity) for p in problems] == [("ev/old.html", "warning")]
    assert "read as cp1252" in problems[0].message
    assert "Amélie Singh" in (next(a for a in articles if a.path == "ev/old.html").author or "")


# --- metadata that plain text states -----------------------------------------------------------------


def test_text_meta_reads_datelines_bylines_and_trailers() -> None:
    wire = text_meta(["Port reopens", "ROTTERDAM, May 4, 2026 (Harbor Wire) - Dock workers ended a strike."])
    assert (wire.outlet, wire.published) == ("Harbor Wire", "2026-05-04")
    byline = text_meta(["By Nora Quist | The Evening Star", "Published: 12 March 2026", "The jury returned at noon."])
    assert (byline.outlet, byline.published, byline.author) == ("The Evening Star", "2026-03-12", "Nora Quist")
    trailer = text_meta(["Storm cuts power.", "Crews worked.", "The post Storm appeared first on Coast Daily."])
    assert trailer.outlet == "Coast Daily"


def test_text_meta_does_not_read_the_story() -> None:
    story = [
        "The committee met in Geneva.",
        "Officials said on March 3, 2026, that talks would resume, according to a statement by the chair.",
        "By the end of the day, Ministers had agreed.",
    ]
    assert text_meta(story) == text_meta([])


@pytest.mark.slow
def test_mixed_event_builds_with_outlets_and_dates(tmp_path: Path) -> None:
    """One saved page, one markdown article with front matter, one plain text with no front matter."""
    import json

    from briefgen.cli import main

    folder = tmp_path / "content" / "valley-flood"
    folder.mkdir(parents=True)
    (folder / "01-courier.html").write_text(page_html("flood", "https://courier.example/flood"), encoding="utf-8")
    (folder / "02-notes.md").write_text(
        "---\ntitle: Shelters stay open\noutlet: County Gazette\npublished: 2026-03-05\n---\n\n"
        "County officials said on Thursday that 600 people were still sleeping in the two school shelters.\n\n"
        '"Nobody will be asked to leave before the roads are safe," said shelter manager Ivo Petrov.\n',
        encoding="utf-8",
    )
    (folder / "03-wire.txt").write_text(
        "Levee inspections begin as waters fall\n"
        "By Rosa Lindgren | Plains Wire\n"
        "Published: March 6, 2026\n"
        "Engineers began inspecting the eastern levee on Friday after the river fell below the flood stage.\n"
        "The inspection will take about two weeks, the regional water authority said.\n",
        encoding="utf-8",
    )
    output = tmp_path / "site"
    code = main(["build", "--content", str(tmp_path / "content"), "--output", str(output), "--no-cache", "--no-daemon"])
    assert code == 0
    briefing = json.loads((output / "valley-flood" / "briefing.json").read_text(encoding="utf-8"))
    got = {s["path"].split("/")[-1]: (s["outlet"], s["published"]) for s in briefing["sources"]}
    assert got == {
        "01-courier.html": ("Valley Courier", "2026-03-04"),
        "02-notes.md": ("County Gazette", "2026-03-05"),
        "03-wire.txt": ("Plains Wire", "2026-03-06"),
    }
    source = (output / "valley-flood" / "sources").glob("*.html")
    page = next(p for p in source if "courier" in p.read_text(encoding="utf-8").lower())
    text = page.read_text(encoding="utf-8")
    assert 'href="https://courier.example/flood"' in text and "Sign up for our daily newsletter" not in text


def test_blocks_of_trafilaturas_tree() -> None:
    from lxml import etree

    from briefgen.webpage import _blocks

    tree = etree.fromstring(
        "<body>The vote was <hi>close</hi> on Monday.<head>Results</head>"
        "<list><item>Turnout rose<list><item>in the north</item></list></item><item>Two seats changed</item></list>"
        "Counting ended at dawn.<lb/>A recount was refused.<table><row><cell>Yes</cell><cell>52%</cell></row></table>"
        "<p>Both sides accepted the result.</p></body>"
    )
    assert _blocks(tree) == [
        ("paragraph", "The vote was close on Monday."),
        ("heading", "Results"),
        ("item", "Turnout rose"),
        ("item", "in the north"),
        ("item", "Two seats changed"),
        ("paragraph", "Counting ended at dawn."),
        ("paragraph", "A recount was refused."),
        ("paragraph", "Yes ; 52%"),
        ("paragraph", "Both sides accepted the result."),
    ]
