"""briefing.json follows the shipped JSON Schema and cites exact sentences."""

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from tests.golden import build_fixture

SCHEMA = json.loads(files("briefgen").joinpath("schema/briefing.schema.json").read_text())


def _cited_texts(briefing: dict) -> list[dict]:
    out = []
    for section in ("who", "what", "numbers", "quotes", "questions"):
        for item in briefing[section]:
            out.extend(item["citations"])
    for conflict in briefing["conflicts"]:
        for claim in conflict["claims"]:
            out.extend(claim["citations"])
    return out


def test_fixture_briefing_validates_and_citations_are_exact(tmp_path: Path) -> None:
    build_fixture(tmp_path / "site")
    briefing = json.loads((tmp_path / "site" / "ferry-strike" / "briefing.json").read_text())
    jsonschema.validate(briefing, SCHEMA)
    sources = {s["id"]: s for s in briefing["sources"]}
    for cit in _cited_texts(briefing):
        page = (tmp_path / "site" / "ferry-strike" / "sources" / f"{cit['source']}.html").read_text()
        assert f'id="s{cit["sentence"]}">' in page
        assert cit["source"] in sources


@pytest.mark.slow
def test_seeds_score_without_contract_error_and_citations_valid(tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "briefgen",
            "build",
            "--content",
            str(shared / "corpus"),
            "--output",
            str(out),
        ],
        check=True,
        cwd=tmp_path,
    )
    briefing_path = out / "abu-dhabi-talks" / "briefing.json"
    jsonschema.validate(json.loads(briefing_path.read_text()), SCHEMA)
    res = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            str(briefing_path),
            str(shared / "eval" / "abu-dhabi-talks.gold.yaml"),
            "--content",
            str(shared / "corpus" / "abu-dhabi-talks"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    last = res.stdout.strip().splitlines()[-1]
    assert "contract" not in last
    assert "citations_valid=1.00" in last
    pytest.importorskip("yaml")
