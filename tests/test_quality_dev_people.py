"""Issue 14 floors for people and roles: the mean over the seven dev events (skips without ../shared)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"people_f1": 0.90, "roles": 0.80}


@pytest.mark.slow
def test_dev_mean_people_and_roles_reach_the_issue_floors(shared: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    report = [sys.executable, str(shared / "eval" / "dev_report.py"), "--python", sys.executable]
    res = subprocess.run(report, capture_output=True, text=True, check=True, env=env)
    mean = next(line for line in res.stdout.splitlines() if line.startswith("mean:"))
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", mean) if k in FLOORS}
    assert set(figures) == set(FLOORS), f"unexpected report: {mean}"
    below = {name: value for name, value in figures.items() if value < FLOORS[name] - 1e-9}
    assert not below, f"below the issue-14 floors {FLOORS}: {below} ({mean})"
