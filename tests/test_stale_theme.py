"""The up-to-date stamp covers the shipped theme wherever the package finds it (an editable install keeps it
outside `briefgen/`), so editing one of its templates rebuilds the pages.

The build runs in a subprocess whose `briefgen.themes` is a copy of the shipped theme in a temp folder,
the layout of an editable install: the checkout's own theme is never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from tests.conftest import ROOT

# Runs the CLI with `briefgen.themes` found in the folder given as the first argument.
BOOT = """
import importlib.abc, importlib.util, sys
themes = sys.argv.pop(1)

class ShippedThemes(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "briefgen.themes":
            return None
        init = themes + "/__init__.py"
        return importlib.util.spec_from_file_location(name, init, submodule_search_locations=[themes])

sys.meta_path.insert(0, ShippedThemes())
from briefgen.cli import main
sys.exit(main())
"""


def _build(themes: Path, site: Path) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-c", BOOT, str(themes), "build", "--jobs", "1", "--config", str(site / "briefgen.yaml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_editing_the_shipped_theme_rebuilds_the_pages(tmp_path: Path) -> None:
    themes = tmp_path / "shipped"
    shutil.copytree(Path(str(files("briefgen.themes"))), themes, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    (site / "content" / "harbour-fire").mkdir(parents=True)  # no articles: no NLP, the index page still renders
    (site / "content" / "harbour-fire" / "event.yaml").write_text("title: Harbour fire\ndate: 2024-03-09\n")
    (site / "briefgen.yaml").write_text("title: Test briefings\nsearch: false\n")
    assert "already up to date" not in _build(themes, site)
    assert "already up to date" in _build(themes, site)  # the stamp still answers when nothing changed

    base = themes / "default" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- edited shipped theme -->\n", encoding="utf-8")
    assert "already up to date" not in _build(themes, site)
    assert "<!-- edited shipped theme -->" in (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "already up to date" in _build(themes, site)
