"""Deterministic builds: the same content built twice, in different places and with different hash seeds
(so set and dict ordering differ), gives byte-identical sites."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.reconcile.corroborate import SentenceIndex
from briefgen.reconcile.weights import TermWeights
from tests import tied_event

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
EXTRA = {
    "Ünïcode Event/01-north.md": "---\ntitle: Bridge shut\noutlet: North Post\npublished: 2025-02-03\n---\n"
    "Engineers closed the Elm Street bridge on Monday after finding 12 cracked beams.\n\n"
    '"Nobody crosses until we know more," said city engineer Priya Nandakumar.\n\n'
    "Will the bridge reopen before winter?\n",
    "Ünïcode Event/02-south.txt": "Bridge Closed For Repairs\n\n"
    "About 15 beams were cracked, the mayor's office said on Tuesday.\n"
    "Mayor Tomas Eriksen said repairs would cost 2 million dollars.\n",
    "Ünïcode Event/event.yaml": "title: Elm Street bridge closure\ntags: [transport, city]\n",
}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _project(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    for rel, text in EXTRA.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "briefgen.yaml"


def _build(config: Path, seed: str) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-m", "briefgen", "build", "--config", str(config)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    return config.parent / "site"


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = tree(_build(_project(tmp_path / "one"), "1"))
    second = tree(_build(_project(tmp_path / "two"), "2"))
    assert "unicode-event/index.html" in first and len(first) > 8
    assert set(first) ^ set(second) == set()
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    site = b"".join(first.values())
    assert str(tmp_path).encode() not in site  # nothing depends on where the project lives


TIES = """
from briefgen.models import Extraction, Mention
from briefgen.reconcile.quotes import _fuller_names

forms = ["ADA Quill", "Ada Quill", "AdA Quill", "ada Quill", "Ada QUILL"]  # one length: a tie broken by name
mentions = tuple(Mention(f, "PERSON", i) for i, f in enumerate(forms))
print(_fuller_names([Extraction("a", mentions, (), (), (), ())]))
"""


def test_ties_between_spellings_do_not_follow_the_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", TIES], cwd=ROOT, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def _rebuilt(words: list[str]) -> list[set[str]]:
    """Equal sets of `words` with different histories (table sizes, insertion orders): they iterate in
    different orders, as the same words do in two runs with different hash seeds."""
    out = []
    for pad in range(0, 200, 7):
        extra = {f"pad{k}" for k in range(pad)}
        grown = extra | set(reversed(words)) if pad % 2 else set(words) | extra
        grown.difference_update(extra)
        out.append(set(frozenset(grown)) if pad % 3 else grown)
    return out


def test_equal_word_sets_weigh_the_same_whatever_their_order() -> None:
    articles, extractions = tied_event.event()
    index = SentenceIndex(extractions, {a.id: a for a in articles})
    variants = _rebuilt(sorted(index.words[("a", 1)]))
    assert len({index.weight(v) for v in variants}) == 1
    weights = TermWeights(extractions)
    assert {weights.share(v, variants[0]) for v in variants} == {1.0}  # a set shares all of itself


def test_a_briefing_with_exact_ties_does_not_follow_the_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "2", "3", "4", "5", None, None):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
        if seed is not None:
            env["PYTHONHASHSEED"] = seed
        cmd = [sys.executable, "-m", "tests.tied_event"]
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    briefing = json.loads(outputs.pop())
    # the ties are real: another source corroborates the question, and the leads date the event two ways
    assert {c["source"] for c in briefing["questions"][0]["citations"]} == {"a", "b", "c"}
    assert briefing["glance"]["when"]["text"].endswith("May 7, 2024")
