"""A site theme that extends the default and overrides one block changes that block and nothing else."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from briefgen.build import build
from briefgen.config import load_config
from tests.golden import FIXTURE, tree

OVERRIDE = """\
{% extends "!default/event.html" %}
{% block quotes %}
{% from "_cite.html" import cites with context %}
<section id="quotes"><h2>In their own words</h2>
{% for q in briefing.quotes %}<p class="my-quote">{{ q.speaker }}: {{ q.text }} {{ cites(q.citations) }}</p>
{% endfor %}
</section>
{% endblock %}
"""
QUOTES = re.compile(r'<section id="quotes".*?</section>', re.S)


def _build(site: Path, out: str, theme: str) -> dict[str, bytes]:
    build(load_config(site / "briefgen.yaml", {"output_dir": str(site / out), "theme": theme}))
    return {k: v for k, v in tree(site / out).items() if not k.startswith("pagefind/")}  # search index of the pages


def test_overriding_one_block_changes_it_and_keeps_the_rest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    (site / "themes" / "mine" / "templates").mkdir(parents=True)
    (site / "themes" / "mine" / "templates" / "event.html").write_text(OVERRIDE)
    default = _build(site, "out-default", "default")
    mine = _build(site, "out-mine", "mine")

    event = "ferry-strike/index.html"
    assert sorted(default) == sorted(mine)
    assert [name for name in default if default[name] != mine[name]] == [event]  # no other page changes

    before, after = default[event].decode(), mine[event].decode()
    quotes = json.loads(mine["ferry-strike/briefing.json"])["quotes"]
    assert quotes, "the fixture should have quotes to render"
    assert "In their own words" in after and "In their own words" not in before
    assert after.count('class="my-quote"') == len(quotes)
    assert all(q["text"] in QUOTES.search(after).group(0) for q in quotes)  # type: ignore[union-attr]
    assert '<section id="numbers"' in after and '<section id="who"' in after  # the rest is the default's
    assert " ".join(QUOTES.sub("", before).split()) == " ".join(QUOTES.sub("", after).split())
