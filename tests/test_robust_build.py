"""A generated corpus of every kind of bad input: the build finishes, names every bad file, builds every good event.

Uses the real spaCy model (the events are small), through the command line.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefgen.build import build
from briefgen.cli import main
from briefgen.config import load_config

GOOD = "The harbour board met on {day} to review the {topic}. It approved the plan by {n} votes to two.\n"


def _text(topic: str, n: int = 7) -> str:
    return GOOD.format(day="Monday", topic=topic, n=n) + f"\nA spokesperson said the {topic} would be reviewed again.\n"


def _put(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def make_corpus(content: Path, outside: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write the corpus. Returns (bad file or folder -> what the problem message must contain,
    event folder -> the slug it must be published as) for the events that must build."""
    bad: dict[str, str] = {}
    good: dict[str, str] = {}

    def event(folder: str, slug: str | None = None) -> Path:
        good[folder] = slug or folder
        return content / folder

    _put(event("plain") / "a.md", "---\ntitle: Plain\noutlet: Daily\n---\n" + _text("ferry timetable"))
    _put(event("bad-yaml") / "a.md", "---\ntitle: [unclosed\n---\n" + _text("dredging contract"))
    bad["bad-yaml/a.md:2"] = "invalid YAML"
    _put(event("bad-event-yaml") / "event.yaml", "title: ok\nsummary: : :\n  - x\n")
    _put(content / "bad-event-yaml" / "a.md", _text("crane purchase"))
    bad["bad-event-yaml/event.yaml"] = "invalid YAML"
    _put(event("not-mapping") / "a.md", "---\n- one\n- two\n---\n" + _text("pier lighting"))
    bad["not-mapping/a.md:2"] = "mapping"
    _put(event("fields") / "a.md", "---\ntitle: [1, 2]\nmood: grim\npublished: soon\n---\n" + _text("toll rise"))
    bad["fields/a.md:2"] = "field 'title' must be text"
    bad["fields/a.md:3"] = "unknown field 'mood'"
    bad["fields/a.md:4"] = "YYYY-MM-DD"
    _put(event("encodings") / "cp1252.txt", _text("café licences").encode("cp1252"))
    bad["encodings/cp1252.txt"] = "not UTF-8"
    _put(content / "encodings" / "bom.md", codecs.BOM_UTF8 + ("---\ntitle: BOM\n---\n" + _text("buoy")).encode())
    _put(content / "encodings" / "utf16.md", _text("tug fleet").encode("utf-16"))
    _put(content / "encodings" / "utf16-nobom.txt", _text("slipway").encode("utf-16-le"))
    _put(content / "encodings" / "crlf.md", _text("moorings").replace("\n", "\r\n"))
    _put(content / "encodings" / "cr.txt", _text("lock gates").replace("\n", "\r"))
    _put(content / "encodings" / "undecodable.txt", b"\x81\x8d\x8f\x90\x9d" * 40)
    bad["encodings/undecodable.txt"] = "not text"
    _put(event("odd-files") / "good.md", _text("fuel dock"))
    _put(content / "odd-files" / "empty.md", b"")
    bad["odd-files/empty.md"] = "empty"
    _put(content / "odd-files" / "binary.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    bad["odd-files/binary.md"] = "binary"
    _put(content / "odd-files" / "z-copy.md", _text("fuel dock").replace("\n", "\n\n"))
    bad["odd-files/z-copy.md"] = "duplicate"
    _put(content / "odd-files" / "locked.md", _text("bonded warehouse"))
    bad["odd-files/locked.md"] = "cannot read"
    paragraph = "The inspectors walked the length of the breakwater and counted the cracked blocks. " * 30
    _put(event("huge") / "big.md", (paragraph + "\n\n") * (5 * 2**20 // (len(paragraph) + 2)))
    bad["huge/big.md"] = "only the first"
    _put(content / "huge" / "longline.txt", "The queue of lorries stretched further every hour " * 600)
    _put(event("nested") / "deep.md", ">" * 3000 + " A quote nested far too deep.\n\n" + _text("seawall"))
    bad["nested/deep.md:1"] = "nests deeper"
    _put(content / "nested" / "lists.md", "".join("  " * i + "- level\n" for i in range(500)))
    bad["nested/lists.md"] = "nests deeper"
    _put(content / "nested" / "inline.md", "[" * 10000 + "*a " * 3000 + "\n")
    quotes = 'He said \u201cit will open. She said "never and \'maybe" then \u201eso\u201c \u00abnon \u2018yes.'
    quotes += '\n\n"""\n'
    _put(event("quotes") / "odd.md", quotes + _text("bridge tolls"))
    _put(content / "no-articles" / "event.yaml", "title: Nothing here yet\n")
    bad["no-articles"] = "no articles"
    _put(event("CAFE CRASH", "cafe-crash") / "a.md", _text("quay repair", 9))  # sorts first: keeps the slug
    bad["CAFE CRASH"] = "is not a slug; published as 'cafe-crash'"
    _put(event("Café Crash!", "cafe-crash-2") / "a.md", _text("quay collapse"))
    bad["Café Crash!"] = "collides with another folder as 'cafe-crash'; published as 'cafe-crash-2'"
    _put(outside / "secret.md", "Private notes that must never be published anywhere.\n")
    _put(outside / "other" / "x.md", "An event folder outside the content dir.\n")
    _put(event("links") / "a.md", _text("marina"))
    (content / "links" / "leak.md").symlink_to(outside / "secret.md")
    bad["links/leak.md"] = "not followed"
    (content / "linked-away").symlink_to(outside / "other", target_is_directory=True)
    bad["linked-away"] = "not followed"
    return bad, good


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str], str, int]:
    root = tmp_path_factory.mktemp("robust")
    bad, good = make_corpus(root / "content", root / "outside")
    (root / "briefgen.yaml").write_text("title: Robust\n")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:  # tests run as root, where chmod 000 does not stop reads
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    mp = pytest.MonkeyPatch()
    mp.setattr(Path, "read_bytes", refuse)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            code = main(["build", "--config", str(root / "briefgen.yaml")])
    finally:
        mp.undo()
    return root, bad, good, err.getvalue(), code


@pytest.mark.slow
def test_build_finishes_and_exits_zero(built: tuple[Path, dict[str, str], dict[str, str], str, int]) -> None:
    root, _, _, stderr, code = built
    assert code == 0, stderr
    assert (root / "site" / "index.html").is_file()


@pytest.mark.slow
def test_every_bad_file_is_named_on_one_line(built: tuple[Path, dict[str, str], dict[str, str], str, int]) -> None:
    _, bad, _, stderr, _ = built
    lines = stderr.splitlines()
    for where, message in bad.items():
        hits = [line for line in lines if line.startswith(where + ":") and message in line]
        assert hits, f"no problem line for {where} mentioning {message!r}"


@pytest.mark.slow
def test_every_good_event_is_built(built: tuple[Path, dict[str, str], dict[str, str], str, int]) -> None:
    root, _, good, _, _ = built
    site = root / "site"
    for folder, slug in good.items():
        data = json.loads((site / slug / "briefing.json").read_text())
        assert data["event"]["slug"] == slug
        assert data["sources"], folder
        assert all(s["path"].startswith(folder + "/") for s in data["sources"])
    built_events = sorted(p.name for p in site.iterdir() if (p / "briefing.json").is_file())
    assert built_events == sorted(good.values())


@pytest.mark.slow
def test_outside_content_never_published(built: tuple[Path, dict[str, str], dict[str, str], str, int]) -> None:
    root = built[0]
    for page in (root / "site").rglob("*"):
        if page.is_file():
            assert b"Private notes" not in page.read_bytes() and b"outside the content dir" not in page.read_bytes()


@pytest.mark.slow
def test_decoded_text_reaches_the_pages(built: tuple[Path, dict[str, str], dict[str, str], str, int]) -> None:
    sources = json.loads((built[0] / "site" / "encodings" / "briefing.json").read_text())["sources"]
    assert {s["id"] for s in sources} == {"bom", "cp1252", "cr", "crlf", "utf16", "utf16-nobom"}
    assert next(s for s in sources if s["id"] == "bom")["title"] == "BOM"
    page = (built[0] / "site" / "encodings" / "sources" / "cp1252.html").read_text()
    assert "café licences" in page


@pytest.mark.slow
def test_strict_fails_and_keeps_the_site(built: tuple[Path, dict[str, str], dict[str, str], str, int]) -> None:
    root = built[0]
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert main(["build", "--strict", "--config", str(root / "briefgen.yaml")]) == 1
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_check_lists_every_problem_and_writes_nothing(
    built: tuple[Path, dict[str, str], dict[str, str], str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, bad, _, _, _ = built
    out = tmp_path / "never"
    assert main(["check", "--config", str(root / "briefgen.yaml"), "--output", str(out)]) == 1
    stderr = capsys.readouterr().err.splitlines()
    for where, message in bad.items():
        if where != "odd-files/locked.md":  # readable here: only the build patched read_bytes
            assert any(line.startswith(where + ":") and message in line for line in stderr), where
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_nothing_buildable_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _put(tmp_path / "content" / "ev" / "a.md", b"\x00\x01\x02" * 30)
    (tmp_path / "briefgen.yaml").write_text("title: Empty\n")
    assert main(["build", "--config", str(tmp_path / "briefgen.yaml")]) == 1
    assert "ev/a.md" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("output", "message"),
    [("content", "overlaps the content dir"), (".", "overlaps"), ("elsewhere", "not a briefgen site")],
)
def test_dangerous_output_dirs_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, message: str
) -> None:
    _put(tmp_path / "content" / "ev" / "a.md", _text("harbour"))
    _put(tmp_path / "elsewhere" / "precious.txt", "not a site")
    (tmp_path / "briefgen.yaml").write_text(f"output_dir: {output}\n")
    assert main(["build", "--config", str(tmp_path / "briefgen.yaml")]) == 1
    assert message in capsys.readouterr().err
    assert (tmp_path / "content" / "ev" / "a.md").is_file() and (tmp_path / "elsewhere" / "precious.txt").is_file()


FRAGMENTS = ["<img src=x onerror=alert(1)>", "12 boats.", "Page 3 of 7", "2024-05-01 10:00", "(5)", "$400m", "No. 9"]


@pytest.mark.slow
def test_verbless_fragments_with_numbers_finish(tmp_path: Path) -> None:
    """Sentences whose root is not a verb once sent a tree climb into an endless loop: run the build in its own
    process group, with a deadline, so a hang fails the test and leaves no spinning worker behind."""
    _put(tmp_path / "content" / "ev" / "a.txt", "\n".join([*FRAGMENTS, "1 2 3 4 5 6 7 8 9", "Item 4, 5 and 6 each"]))
    (tmp_path / "briefgen.yaml").write_text("title: Fragments\n")
    cmd = [sys.executable, "-m", "briefgen", "build", "--config", str(tmp_path / "briefgen.yaml")]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the build did not finish within 600 s")
    assert proc.returncode == 0, err.decode()
    assert (tmp_path / "site" / "ev" / "sources" / "a.html").is_file()


def test_a_crash_while_reconciling_one_event_leaves_the_rest_of_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.reconcile

    real = briefgen.reconcile.reconcile

    def fragile(slug: str, *args: Any) -> Any:
        if slug == "broken":
            raise ValueError("a bug met by odd input")
        return real(slug, *args)

    monkeypatch.setattr(briefgen.reconcile, "reconcile", fragile)
    for slug in ("broken", "fine"):
        (tmp_path / "content" / slug).mkdir(parents=True)
        (tmp_path / "content" / slug / "a.md").write_text("The ferry left the harbour on time.\n")
    (tmp_path / "briefgen.yaml").write_text("search: false\n")
    result = build(load_config(tmp_path / "briefgen.yaml"), use_cache=False)
    assert any(p.path == "broken" and "ValueError" in p.message for p in result.problems)
    site = tmp_path / "site"
    assert (site / "fine" / "index.html").is_file() and (site / "broken" / "index.html").is_file()
    assert json.loads((site / "broken" / "briefing.json").read_text())["sources"][0]["path"] == "broken/a.md"
