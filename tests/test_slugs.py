"""Slugs keep names written in other scripts: transliterated, distinct, and ASCII names unchanged."""

from __future__ import annotations

from pathlib import Path

from briefgen.load import load_content
from briefgen.models import Problem
from briefgen.slug import slugify


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_non_latin_names_are_transliterated() -> None:
    assert slugify("Москва протесты") == "moskva-protesty"
    assert slugify("Αθήνα σεισμός") == "athena-seismos"
    assert slugify("Café Crash!") == "cafe-crash"
    assert slugify("Ünïcödé Straße 12") == "unicode-strasse-12"
    assert slugify("!!!", "event") == "event"


def test_non_latin_folders_get_distinct_transliterated_slugs(tmp_path: Path) -> None:
    folders = ("Москва протесты", "Αθήνα σεισμός", "Київ повінь", "moskva-protesty", "court-ruling-2024")
    for name in folders:
        _write(tmp_path / name / "report.md", f"A short report filed under {name}, about a court ruling.")
    problems: list[Problem] = []
    events = {e.slug: e for e in load_content(tmp_path, problems)}
    expected = ["athena-seismos", "court-ruling-2024", "kiiv-povin", "moskva-protesty", "moskva-protesty-2"]
    assert sorted(events) == expected
    # ASCII folder names that are already slugs are published under their own name, unreported
    assert events["moskva-protesty"].files[0].path == "moskva-protesty/report.md"
    assert events["moskva-protesty-2"].files[0].path == "Москва протесты/report.md"
    assert not [p for p in problems if p.path in ("moskva-protesty", "court-ruling-2024")]
    collision = [p for p in problems if p.path == "Москва протесты"]
    assert len(collision) == 1 and "collides" in collision[0].message and "'moskva-protesty-2'" in collision[0].message
    renamed = [p for p in problems if p.path in ("Αθήνα σεισμός", "Київ повінь")]
    assert len(renamed) == 2 and all("published as" in p.message for p in renamed)


def test_non_latin_file_names_give_source_ids(tmp_path: Path) -> None:
    _write(tmp_path / "flood" / "Репортаж.md", "The river rose two metres overnight, officials said.")
    _write(tmp_path / "flood" / "Ρεπορτάζ.md", "Rescue teams reached the village by boat on Tuesday.")
    events = load_content(tmp_path, [])
    assert sorted(f.id for f in events[0].files) == ["reportaz", "reportazh"]
