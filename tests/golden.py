"""Build the fixture site and compare it with (or regenerate) the committed golden output.

The comparison covers what briefgen renders: the third-party search bundle (pagefind/) and the theme's
static files, which are copied as they are, are left out.

Regenerate after an intended change:  python tests/golden.py --regen
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden"
BUNDLES = ("pagefind/",)


def build_fixture(output: Path) -> None:
    """Build a copy of the fixture site (its cache stays out of the checkout) into `output`."""
    from briefgen.build import build
    from briefgen.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "fixture"
        shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".briefgen-cache"))
        build(load_config(site / "briefgen.yaml", {"output_dir": str(output)}))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered(folder: Path) -> dict[str, bytes]:
    """The files of a built site that briefgen renders: no bundle, no copied static file."""
    from briefgen.render.theme import resolve_theme

    static = resolve_theme("default", FIXTURE).static_files()
    return {rel: data for rel, data in tree(folder).items() if rel not in static and not rel.startswith(BUNDLES)}


def main() -> int:
    if "--regen" not in sys.argv:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        build_fixture(Path(tmp) / "site")
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in rendered(Path(tmp) / "site").items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    print(f"golden output written to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
