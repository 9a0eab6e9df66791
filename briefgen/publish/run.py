"""publish(): build the site, check it, and hand it to the publisher its target's scheme names."""

from __future__ import annotations

import dataclasses
from importlib import import_module
from pathlib import Path

from briefgen import __version__
from briefgen.config import Config, PublishSettings
from briefgen.models import Problem
from briefgen.publish.base import Publisher, PublishError, PublishResult

PUBLISHERS = {
    "git": "briefgen.publish.git:GitPublisher",
    "dir": "briefgen.publish.dir:DirPublisher",
    "s3": "briefgen.publish.s3:S3Publisher",
}


def resolve_target(config: Config, name: str) -> tuple[PublishSettings, Path]:
    """A target named under `publish:` (paths relative to the config), else a target string (relative to cwd)."""
    if name in config.publish:
        return config.publish[name], config.root
    try:
        return PublishSettings(target=name), Path.cwd()
    except ValueError as err:
        known = ", ".join(sorted(config.publish)) or "none configured"
        msg = f"'{name}' is neither a target named under publish: ({known}) nor a target string"
        raise PublishError([Problem("publish", msg)]) from err


def make_publisher(settings: PublishSettings, base: Path) -> Publisher:
    target = settings.parsed
    module, _, cls = PUBLISHERS[target.scheme].partition(":")
    publisher: Publisher = getattr(import_module(module), cls)(target, settings, base)
    return publisher


def publish(
    config: Config, name: str, *, dry_run: bool = False, message: str | None = None, strict: bool = False
) -> PublishResult:
    """Build (a failed build raises and nothing is published), check links, then publish the output."""
    from briefgen.build import build
    from briefgen.linkcheck import check_site

    settings, base = resolve_target(config, name)
    publisher = make_publisher(settings, base)
    built = build(config, strict=strict)
    broken = check_site(config.output_path, config.base_path)
    if broken:
        raise PublishError([*broken, Problem("publish", "the built site has broken links: not published")])
    text = message or f"Publish site built with briefgen {__version__}"
    result = publisher.publish(config.output_path, dry_run=dry_run, message=text)
    return dataclasses.replace(result, problems=built.problems)
