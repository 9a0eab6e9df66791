from pathlib import Path

from briefgen.frontmatter import split_front_matter
from briefgen.load import decode, load_content
from briefgen.models import Problem, SourceFile
from briefgen.parse import markdown_blocks, parse_source


def _source(text: str, suffix: str = ".md") -> SourceFile:
    return SourceFile("a", "ev", f"ev/a{suffix}", suffix, text, "0")


def test_decode_handles_bom_utf16_and_legacy_bytes() -> None:
    assert decode("\ufeffhello".encode()) == "hello"
    assert decode("héllo".encode("utf-16")) == "héllo"
    assert decode("caf\xe9".encode("cp1252")) == "café"


def test_load_content_finds_events_and_reports_empty_ones(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.md").write_text("Hello there.")
    (tmp_path / "one" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty").mkdir()
    problems: list[Problem] = []
    events = load_content(tmp_path, problems)
    assert [e.slug for e in events] == ["empty", "one"]
    assert [f.path for f in events[1].files] == ["one/a.md"]
    assert any("no articles" in p.message and p.path == "empty" for p in problems)


def test_front_matter_fields_and_unknown_keys() -> None:
    problems: list[Problem] = []
    fm = split_front_matter("---\ntitle: T\npublished: 2024-01-02\nmood: x\n---\nBody.", "f.md", problems)
    assert fm.fields == {"title": "T", "published": "2024-01-02"}
    assert fm.body == "Body."
    assert any("mood" in p.message for p in problems)


def test_invalid_front_matter_is_reported_with_line_and_body_kept() -> None:
    problems: list[Problem] = []
    fm = split_front_matter("---\ntitle: [broken\n---\nBody text.", "f.md", problems)
    assert fm.body == "Body text."
    assert problems and problems[0].path == "f.md" and problems[0].line is not None


def test_markdown_raw_html_is_dropped() -> None:
    blocks = markdown_blocks("# Head\n\nSome <script>alert(1)</script> **bold** text.\n\n- item one\n")
    assert blocks == [("heading", "Head"), ("paragraph", "Some alert(1) bold text."), ("item", "item one")]


def test_parse_txt_infers_title_and_numbers_sentences() -> None:
    art = parse_source(_source("A Short Headline Here\n\nFirst one. Second one!\nThird.", ".txt"), [])
    assert art.title == "A Short Headline Here"
    assert [s.text for s in art.sentences] == ["A Short Headline Here", "First one.", "Second one!", "Third."]
    assert [s.index for s in art.sentences] == [0, 1, 2, 3]
    for s in art.sentences:
        assert art.text[s.start : s.end] == s.text


def test_parse_txt_without_title_line_leaves_title_null() -> None:
    art = parse_source(_source("The talks ended on Monday without a deal being reached by anyone.", ".txt"), [])
    assert art.title is None
    assert art.outlet is None and art.url is None and art.published is None
