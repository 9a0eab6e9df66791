"""`briefgen new DIR` writes a starter site that builds at once, with its theme override in effect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.scaffold import scaffold_files


def test_new_site_builds_and_uses_its_theme_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "newsroom"
    assert main(["new", str(site)]) == 0
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == sorted(scaffold_files())
    monkeypatch.chdir(site)
    assert main(["build"]) == 0
    event = site / "site" / "millbrook-library"
    page = (event / "index.html").read_text()
    assert "Compiled by the Newsroom briefings desk" in page  # the override block of themes/custom
    assert 'id="numbers"' in page and 'id="quotes"' in page  # the rest comes from the default theme
    briefing = json.loads((event / "briefing.json").read_text())
    assert briefing["event"]["title"] == "Millbrook library reopens after flood repairs"
    assert len(briefing["sources"]) == 3 and briefing["numbers"] and briefing["quotes"]
    assert {s["id"] for s in briefing["sources"]} == {p.stem for p in (event / "sources").iterdir()}
    # the example's editorial overrides are applied
    ada = [w for w in briefing["who"] if w["name"] == "Ada Okafor"]
    assert [(w["kind"], w["roles"]) for w in ada] == [("person", ["head librarian"])]
    assert briefing["editor_notes"] == [
        {"text": "The two cost figures come from different council documents.", "section": None}
    ]
    assert "Editor's note:</strong> The two cost figures" in page


def test_new_refuses_a_folder_that_has_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    assert main(["new", str(tmp_path)]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
