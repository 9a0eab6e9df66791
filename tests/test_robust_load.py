"""Bad input at the load/parse stages: every case is reported with its file (and line) and nothing crashes."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.decode import DecodeError, decode_text
from briefgen.frontmatter import split_front_matter
from briefgen.load import MAX_ARTICLE_CHARS, load_content
from briefgen.models import EventSource, Problem, SourceFile
from briefgen.parse import parse_source


def _load(root: Path) -> tuple[dict[str, EventSource], list[Problem]]:
    problems: list[Problem] = []
    events = load_content(root, problems)
    return {e.slug: e for e in events}, problems


def _about(problems: list[Problem], path: str) -> list[Problem]:
    return [p for p in problems if p.path == path]


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (codecs.BOM_UTF8 + "Zoë said so.\n".encode(), "Zoë said so.\n", "utf-8"),
        ("Zoë said so.\n".encode("utf-16"), "Zoë said so.\n", "utf-16-le"),
        ("Zoë said so.\n".encode("utf-16-be"), "Zoë said so.\n", "utf-16"),
        ("Zoë said so.\n".encode("utf-16-le"), "Zoë said so.\n", "utf-16"),
        ("Zoë said so.\n".encode("utf-32"), "Zoë said so.\n", "utf-32-le"),
        ("Zoë said “so”.\n".encode("cp1252"), "Zoë said “so”.\n", "cp1252"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", "utf-8"),
    ],
)
def test_decode_detects_encodings_and_normalises_line_ends(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_text(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4, b"\x81\x8d\x8f\x90\x9d" * 10, b"\x01\x02\x03" * 50],
)
def test_decode_refuses_binary_and_undecodable_bytes(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_text(data)


def test_bad_files_are_reported_by_name_and_skipped(tmp_path: Path) -> None:
    ev = tmp_path / "ev"
    _write(ev / "a-good.md", "The council met on Monday. It voted to close the bridge.")
    _write(ev / "binary.md", b"GIF89a\x00\x01\x00\x00" * 20)
    _write(ev / "empty.txt", b"")
    _write(ev / "blank.md", "   \n\n  \n")
    _write(ev / "onlyfm.md", "---\ntitle: Nothing below\n---\n")
    _write(ev / "legacy.txt", "The café reopened on Friday.".encode("cp1252"))
    _write(ev / "b-copy.md", "The council met on Monday.\r\n\r\nIt voted to close the bridge.\r\n")
    _write(ev / "notes.pdf", b"%PDF-1.4")
    _write(ev / ".hidden.md", "Editors leave these behind.")
    events, problems = _load(tmp_path)
    assert [f.path for f in events["ev"].files] == ["ev/a-good.md", "ev/legacy.txt"]
    assert "binary file" in _about(problems, "ev/binary.md")[0].message
    assert _about(problems, "ev/binary.md")[0].severity == "error"
    assert "empty" in _about(problems, "ev/empty.txt")[0].message
    assert "empty" in _about(problems, "ev/blank.md")[0].message
    assert "no article text" in _about(problems, "ev/onlyfm.md")[0].message
    assert "cp1252" in _about(problems, "ev/legacy.txt")[0].message
    assert "same text as ev/a-good.md" in _about(problems, "ev/b-copy.md")[0].message
    assert "café" in events["ev"].files[1].text
    assert not _about(problems, "ev/notes.pdf") and not _about(problems, "ev/.hidden.md")


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "ev" / "a.md", "Readable text here.")
    locked = _write(tmp_path / "ev" / "locked.md", "Secret text here.")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:  # tests run as root, where chmod 000 does not stop reads
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    events, problems = _load(tmp_path)
    assert [f.path for f in events["ev"].files] == ["ev/a.md"]
    assert str(_about(problems, "ev/locked.md")[0]) == "ev/locked.md: error: cannot read file: Permission denied"


def test_huge_article_is_cut_with_a_warning(tmp_path: Path) -> None:
    paragraph = "Officials counted the ballots again in every district of the region. " * 20 + "\n\n"
    _write(tmp_path / "ev" / "big.md", paragraph * (5 * 2**20 // len(paragraph)))
    _write(tmp_path / "ev" / "line.txt", "word " * 60_000)
    events, problems = _load(tmp_path)
    big, line = events["ev"].files
    assert MAX_ARTICLE_CHARS // 2 <= len(big.text) <= MAX_ARTICLE_CHARS and big.text.rstrip().endswith("region.")
    assert len(line.text) <= MAX_ARTICLE_CHARS and line.text.endswith("word")
    warning = _about(problems, "ev/big.md")[0]
    assert warning.severity == "warning" and "characters; only the first" in warning.message and warning.line
    article = parse_source(big, [])
    assert article.sentences and all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_folder_names_are_slugified_and_collisions_suffixed(tmp_path: Path) -> None:
    for name in ("Café Crash!", "cafe-crash", "CAFE CRASH", "ok-event", "!!!"):
        _write(tmp_path / name / "a.md", f"An article filed under {name}.")
    events, problems = _load(tmp_path)
    assert sorted(events) == ["cafe-crash", "cafe-crash-2", "cafe-crash-3", "event", "ok-event"]
    assert events["cafe-crash"].files[0].path == "cafe-crash/a.md"  # a folder already named so keeps it
    assert {e.files[0].path.split("/")[0] for e in events.values()} >= {"Café Crash!", "CAFE CRASH"}
    assert any("collides" in p.message for p in problems)
    assert len([p for p in problems if "published as" in p.message]) == 3


def test_symlinks_leaving_the_content_dir_are_not_followed(tmp_path: Path) -> None:
    content, outside = tmp_path / "content", tmp_path / "outside"
    _write(outside / "secret.md", "Private notes that must never be published.")
    _write(content / "ev" / "a.md", "A normal article about the harbour.")
    (content / "ev" / "leak.md").symlink_to(outside / "secret.md")
    (content / "ev" / "inside.md").symlink_to(content / "ev" / "a.md")
    (content / "ev" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (content / "linked-event").symlink_to(outside, target_is_directory=True)
    (content / "ev" / "loop.md").symlink_to(content / "ev" / "loop.md")
    (content / "ev" / "event.yaml").symlink_to(outside / "secret.md")
    events, problems = _load(content)
    assert sorted(events) == ["ev"]
    assert "not followed" in _about(problems, "ev/leak.md")[0].message
    assert "not followed" in _about(problems, "linked-event")[0].message
    assert "broken symlink" in _about(problems, "ev/dangling.md")[0].message
    assert "broken symlink" in _about(problems, "ev/loop.md")[0].message
    assert "not followed" in _about(problems, "ev/event.yaml")[0].message
    assert [f.path for f in events["ev"].files] == ["ev/a.md"]  # the inside link is a duplicate of a.md
    assert "duplicate" in _about(problems, "ev/inside.md")[0].message


def test_event_yaml_problems_name_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "event.yaml", "title: Fine\ndate: [broken\n")
    _write(tmp_path / "b" / "event.yaml", "- just\n- a list\n")
    _write(tmp_path / "c" / "event.yaml", "title: Good\nmood: sunny\ndate: someday\ntags: [x, {y: z}]\n")
    for name in "abc":
        _write(tmp_path / name / "x.md", f"Article number {name} about the same subject.")
    events, problems = _load(tmp_path)
    (bad_yaml,) = _about(problems, "a/event.yaml")
    assert bad_yaml.severity == "error" and bad_yaml.line == 3 and "invalid YAML" in bad_yaml.message
    assert "mapping" in _about(problems, "b/event.yaml")[0].message
    c = {p.line: p.message for p in _about(problems, "c/event.yaml")}
    assert "unknown field 'mood'" in c[2] and "date" in c[3] and "tags" in c[4]
    assert events["c"].meta.title == "Good" and events["c"].meta.tags == ("x",) and events["c"].meta.date is None


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("title: [unclosed", 2, "invalid YAML"),
        ("title: ok\n  bad indent: x", 3, "invalid YAML"),
        ("- a\n- b", 2, "expected a mapping"),
        ("just a string", 2, "expected a mapping"),
        ("title: ok\nmood: happy", 3, "unknown field 'mood'"),
        ("title:\n  nested: map", 2, "field 'title' must be text"),
        ("published: last tuesday", 2, "YYYY-MM-DD"),
        ("url: javascript:alert(1)", 2, "not an http(s) URL"),
        ("author: [a, b]", 2, "field 'author' must be text"),
        ("1: one", 2, "field names must be text"),
    ],
)
def test_front_matter_problems_have_lines(front: str, line: int, message: str) -> None:
    problems: list[Problem] = []
    fm = split_front_matter(f"---\n{front}\n---\nThe body stays.", "ev/a.md", problems)
    assert fm.body == "The body stays."
    assert [(p.path, p.line) for p in problems] == [("ev/a.md", line)]
    assert message in problems[0].message


def test_front_matter_values_are_typed() -> None:
    problems: list[Problem] = []
    text = "---\ntitle: 2024\npublished: 2024-03-05T10:00:00Z\nurl: ' https://ex.org/a '\nauthor: null\n---\nB."
    fm = split_front_matter(text, "a.md", problems)
    assert fm.fields == {"title": "2024", "published": "2024-03-05", "url": "https://ex.org/a"}
    assert not problems


def _article(text: str, suffix: str = ".md") -> tuple[list[str], list[Problem]]:
    problems: list[Problem] = []
    art = parse_source(SourceFile("a", "ev", f"ev/a{suffix}", suffix, text, "0"), problems)
    assert all(art.text[s.start : s.end] == s.text for s in art.sentences)
    return [s.text for s in art.sentences], problems


@pytest.mark.parametrize(
    "body",
    [">" * 5000 + " Deep quote.\n\nAfter it.", "".join("  " * i + "- item\n" for i in range(300)), "- " * 3000 + "x"],
)
def test_deeply_nested_markdown_is_read_as_text_not_lost(body: str) -> None:
    sentences, problems = _article(body)
    words = [w for w in body.replace(">", " ").replace("-", " ").split() if w]
    assert " ".join(sentences).replace(">", " ").replace("-", " ").split() == words
    assert problems and "nests deeper" in problems[0].message and problems[0].path == "ev/a.md"


def test_deep_inline_nesting_and_odd_quotes_parse() -> None:
    body = "[" * 20000 + "x" + "*a " * 5000 + '\n\nHe said “never. She said "yes and \' and „maybe“ «non.\n\n"""'
    sentences, problems = _article(body)
    assert sentences and not problems
    assert any("«non." in s for s in sentences)


def test_unlistable_event_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "ok" / "a.md", "An article that loads fine.")
    _write(tmp_path / "shut" / "a.md", "An article in a folder nobody may list.")
    real = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self.name == "shut":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    events, problems = _load(tmp_path)
    assert [f.path for f in events["ok"].files] == ["ok/a.md"] and not events["shut"].files
    assert "cannot list folder: Permission denied" in _about(problems, "shut")[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file_is_reported(tmp_path: Path) -> None:
    _write(tmp_path / "ev" / "a.md", "Readable text here.")
    locked = _write(tmp_path / "ev" / "locked.md", "Secret text here.")
    locked.chmod(0)
    try:
        events, problems = _load(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [f.path for f in events["ev"].files] == ["ev/a.md"]
    assert "cannot read file" in _about(problems, "ev/locked.md")[0].message
