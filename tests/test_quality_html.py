"""Issue 16 floor: build the 92 saved pages of the article-extraction benchmark and score briefgen's reading
with ../shared/eval/score_html.py, against trafilatura's defaults in the same run (skips without ../shared)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

FLOOR = 0.970  # the best published open-source and commercial scores on the benchmark


@pytest.mark.slow
def test_html_reading_beats_the_anchor_and_the_floor(tmp_path: Path, shared: Path) -> None:
    data = shared / "datasets" / "article-html"
    if not data.is_dir():
        pytest.skip("the article-html data set is not present")
    out = tmp_path / "site"
    build = [sys.executable, "-m", "briefgen", "build", "-q", "--no-cache", "--no-daemon"]
    subprocess.run([*build, "--content", str(data / "content"), "--output", str(out)], check=True, cwd=tmp_path)
    score = [sys.executable, str(shared / "eval" / "score_html.py"), str(out), str(data / "ground-truth.json")]
    lines = subprocess.run([*score, "--anchor"], check=True, capture_output=True, text=True).stdout
    ours = float(re.findall(r"^score: html_f1=([\d.]+)", lines, re.MULTILINE)[0])
    anchor = float(re.findall(r"^anchor: trafilatura \S+ html_f1=([\d.]+)", lines, re.MULTILINE)[0])
    assert ours >= FLOOR, lines
    assert ours >= anchor, lines
