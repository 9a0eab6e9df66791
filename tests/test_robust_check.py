"""`briefgen check` on themes and config, and the CSP hashes of a theme's own inline scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.check import check_site
from briefgen.cli import main
from briefgen.config import load_config
from briefgen.render.theme import make_environment, resolve_theme
from briefgen.sanitize import script_hash, theme_script_hashes


def _site(tmp_path: Path, config: str = "theme: mine\n") -> Path:
    (tmp_path / "content" / "ev").mkdir(parents=True)
    (tmp_path / "content" / "ev" / "a.md").write_text("The pier reopened on Monday after repairs.")
    (tmp_path / "briefgen.yaml").write_text(config)
    return tmp_path / "briefgen.yaml"


def _template(tmp_path: Path, name: str, text: str) -> None:
    folder = tmp_path / "themes" / "mine" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_literal_inline_scripts_are_hashed_templated_ones_are_not(tmp_path: Path) -> None:
    _template(tmp_path, "a.html", "<p>x</p><script>document.body.dataset.ok = 1;</script>")
    _template(tmp_path, "b.html", "<script>var v = {{ value }};</script><script src=x.js></script>")
    _template(tmp_path, "c.html", '<script type="application/json">{"a": 1}</script>')
    hashes = theme_script_hashes([tmp_path / "themes" / "mine" / "templates"])
    assert hashes == (script_hash("document.body.dataset.ok = 1;"),)
    env = make_environment(resolve_theme("mine", tmp_path))
    assert hashes[0] in env.globals["csp"]


def test_check_reports_template_errors_and_unhashable_scripts(tmp_path: Path) -> None:
    config = _site(tmp_path)
    _template(tmp_path, "event.html", "line one\n{% for x in %}\n")
    _template(tmp_path, "extra.html", "<p>\n<script>\nwindow.x = '{{ site.title }}';\n</script>\n")
    problems = {(Path(p.path).name, p.line, p.severity): p.message for p in check_site(load_config(config)).problems}
    assert "template syntax error" in problems[("event.html", 2, "error")]
    assert "Content-Security-Policy will block it" in problems[("extra.html", 2, "warning")]


def test_check_reports_missing_model_and_theme(tmp_path: Path) -> None:
    config = _site(tmp_path, "theme: nowhere\nnlp_model: no_such_pipeline_xyz\n")
    messages = [p.message for p in check_site(load_config(config)).problems]
    assert any("no_such_pipeline_xyz" in m for m in messages)
    assert any("theme 'nowhere' not found" in m for m in messages)


def test_check_of_a_clean_site_passes_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _site(tmp_path, "title: Fine\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["check", "--config", str(config)]) == 0
    assert "checked 1 events, 1 articles: 0 errors, 0 warnings" in capsys.readouterr().out
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    config = _site(tmp_path, "title: Fine\n")
    (tmp_path / "content" / "ev" / "b.md").write_text("---\nmood: calm\n---\nA second article about the pier.")
    assert main(["check", "--config", str(config)]) == 0
    assert main(["check", "--strict", "--config", str(config)]) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"title: caf\xe9\n", None), (b"ti\x00tle: x\n", "binary"), (b"title: [x\n", "invalid YAML")],
)
def test_config_file_problems_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str | None
) -> None:
    config = _site(tmp_path)
    config.write_bytes(data)
    code = main(["check", "--config", str(config)])
    err = capsys.readouterr().err
    if message is None:
        assert code == 0 and load_config(config).title == "café"
    else:
        assert code == 1 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
