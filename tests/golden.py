"""Build the fixture site and compare it with (or regenerate) the committed golden output.

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


def build_fixture(output: Path) -> None:
    from briefgen.build import build
    from briefgen.config import load_config

    build(load_config(FIXTURE / "briefgen.yaml", {"output_dir": str(output)}))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    if "--regen" not in sys.argv:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        build_fixture(Path(tmp) / "site")
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(Path(tmp) / "site", GOLDEN)
    print(f"golden output written to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
