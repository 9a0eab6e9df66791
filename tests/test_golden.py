"""End to end: the fixture site renders exactly the committed golden output (bundles and static copies aside)."""

from pathlib import Path

from tests.golden import GOLDEN, build_fixture, rendered, tree


def test_fixture_site_matches_golden(tmp_path: Path) -> None:
    build_fixture(tmp_path / "site")
    got, want = rendered(tmp_path / "site"), tree(GOLDEN)
    assert sorted(got) == sorted(want), "file list differs; regenerate with: python tests/golden.py --regen"
    for name in want:
        assert got[name] == want[name], f"{name} differs; regenerate with: python tests/golden.py --regen"
