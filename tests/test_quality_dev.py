"""Issue 14 floors: the mean over the seven dev events (dev_report.py) never drops below them.

Builds the seed event and the six dev-gold news-clusters events with this checkout and reads the `mean:`
line. Skips without ../shared.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = {
    "people_f1": 0.90,
    "roles": 0.80,
    "quotes_f1": 0.90,
    "speakers": 0.85,
    "quotes_all_cited": 0.85,
    "numbers": 0.92,
    "questions": 0.70,
    "what": 0.75,
    "conflicts": 0.80,
    "citations_valid": 1.00,
}
CEILINGS = {"false_conflicts": 0}


def _mean(output: str) -> dict[str, float]:
    line = next(ln for ln in output.splitlines() if ln.startswith("mean:"))
    pairs = (part.split("=", 1) for part in line.split()[1:] if "=" in part)
    return {key: float(value) for key, value in pairs}


@pytest.mark.slow
def test_dev_mean_reaches_the_issue_floors(tmp_path: Path, shared: Path) -> None:
    report = [sys.executable, str(shared / "eval" / "dev_report.py"), "--python", sys.executable]
    run = subprocess.run(report, capture_output=True, text=True, cwd=tmp_path, check=True)
    mean = _mean(run.stdout)
    assert mean["events"] == 7, run.stdout
    below = {k: mean[k] for k, floor in FLOORS.items() if mean[k] < floor - 1e-9}
    above = {k: mean[k] for k, ceiling in CEILINGS.items() if mean[k] > ceiling}
    assert not below and not above, f"dev mean off the issue-14 floors {FLOORS} {CEILINGS}:\n{run.stdout}"
