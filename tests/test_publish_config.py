"""Publish targets: parsing target strings, `publish:` in briefgen.yaml, and choosing a target by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.errors import ConfigError
from briefgen.publish.base import PublishError
from briefgen.publish.run import resolve_target
from briefgen.publish.target import Target, parse_target


@pytest.mark.parametrize(
    ("spec", "target"),
    [
        ("git:git@github.com:me/site.git", Target("git", "git@github.com:me/site.git", branch="gh-pages")),
        ("git:../pages.git#main", Target("git", "../pages.git", branch="main")),
        ("git:https://host/r.git#", Target("git", "https://host/r.git", branch="gh-pages")),
        ("dir:/var/www/briefs", Target("dir", "/var/www/briefs")),
        ("s3://bucket", Target("s3", "bucket")),
        ("s3://bucket/a/b/", Target("s3", "bucket", prefix="a/b")),
    ],
)
def test_parse_target(spec: str, target: Target) -> None:
    assert parse_target(spec) == target


@pytest.mark.parametrize("spec", ["ftp://host/x", "git:", "git:#main", "dir:", "s3://", "s3:///x", "git:r#-f", "pages"])
def test_bad_targets_are_rejected_with_the_forms_expected(spec: str) -> None:
    with pytest.raises(ValueError, match="'"):
        parse_target(spec)


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefgen.yaml"
    path.write_text(text)
    return path


def test_publish_section_is_validated_with_the_key_and_line(tmp_path: Path) -> None:
    text = (
        "title: T\n"
        "publish:\n"
        "  pages: {target: 'git:x', region: eu-west-1}\n"
        "  bucket: {target: 'ftp://nope'}\n"
        "  www: {target: 'dir:out', colour: red}\n"
    )
    with pytest.raises(ConfigError) as info:
        load_config(config_file(tmp_path, text))
    messages = sorted(str(p) for p in info.value.problems)
    assert len(messages) == 3 and all(":2: error: Config value 'publish." in m for m in messages)
    assert "'region' does not apply to git targets" in messages[1]
    assert "unknown target" in messages[0] and "www.colour': unknown key" in messages[2]


def test_targets_by_name_resolve_against_the_config_and_strings_against_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(config_file(tmp_path, "publish:\n  www: {target: 'dir:out'}\n"))
    settings, base = resolve_target(config, "www")
    assert settings.parsed == Target("dir", "out") and base == tmp_path
    monkeypatch.chdir(tmp_path.parent)
    assert resolve_target(config, "dir:elsewhere")[1] == tmp_path.parent
    with pytest.raises(PublishError, match=r"'wwww' is neither a target named under publish: \(www\)"):
        resolve_target(config, "wwww")
