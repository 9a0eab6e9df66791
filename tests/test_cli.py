import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import __version__
from briefgen.cli import main
from tests.conftest import FIXTURE_SITE


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_build_help_lists_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    for flag in ("--config", "--content", "--output", "--strict"):
        assert flag in out


@pytest.mark.slow
def test_python_m_build_writes_site(tmp_path: Path) -> None:
    site = tmp_path / "s"
    shutil.copytree(FIXTURE_SITE, site)
    res = subprocess.run([sys.executable, "-m", "briefgen", "build"], cwd=site, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert (site / "site" / "ferry-strike" / "briefing.json").is_file()
    assert (site / "site" / "index.html").is_file()


def test_bad_config_exits_nonzero_with_one_line_per_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "briefgen.yaml"
    cfg.write_text("nope: 1\ntitle: [x]\n")
    assert main(["build", "--config", str(cfg)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("error: ") for line in err)


def test_strict_fails_on_warnings_and_lenient_build_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no briefgen.yaml here: the checkout's config and cache stay untouched
    content = tmp_path / "content"
    (content / "good").mkdir(parents=True)
    (content / "good" / "a.md").write_text("---\ntitle: A\nmood: odd\n---\nThe pier reopened on Friday.\n")
    (content / "empty").mkdir()
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "good" / "index.html").is_file()
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out2"), "--strict"]) == 1
    assert not (tmp_path / "out2").exists()
