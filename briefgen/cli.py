"""Command line: parse flags, load config, call one function, map errors to exit codes."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefgen import __version__


def _site_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="config file (default: ./briefgen.yaml if present)")
    parser.add_argument("--content", type=str, help="content dir (overrides content_dir)")
    parser.add_argument("--output", type=str, help="output dir (overrides output_dir)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _executor(value: str) -> str:
    from briefgen.executors import check_executor

    try:
        return check_executor(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def _executor_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--executor",
        type=_executor,
        metavar="WHERE",
        help="where NLP runs: local (this machine's processes), dask (a Dask LocalCluster of --jobs workers, or "
        "the scheduler in DASK_SCHEDULER_ADDRESS) or a Dask scheduler address tcp://HOST:PORT (default: executor "
        "in the config, else local)",
    )


def _build_flags(parser: argparse.ArgumentParser, daemon: bool = True) -> None:
    parser.add_argument("--jobs", "-j", type=_positive, help="processes running NLP (default: the number of cores)")
    _executor_flag(parser)
    parser.add_argument("--cache-dir", type=Path, help="cache folder (default: .briefgen-cache/ beside the config)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    if daemon:
        resident = parser.add_mutually_exclusive_group()
        resident.add_argument(
            "--daemon",
            action="store_true",
            default=None,
            help="keep the model loaded in a resident NLP process that outlives the build, for nlp_daemon_minutes "
            "once idle (default: nlp_daemon in the config, else off: a build leaves no process behind)",
        )
        resident.add_argument(
            "--no-daemon",
            dest="daemon",
            action="store_false",
            default=None,
            help="neither use nor start the resident NLP process",
        )
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems: no progress, no summary")
    parser.add_argument("--verbose", "-v", action="store_true", help="also print stage timings and cache use")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="Static site generator for event briefings.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the site", description="Build the site into the output dir.")
    _site_flags(build)
    _build_flags(build)
    serve = sub.add_parser(
        "serve", help="preview the site with live reload", description="Build, serve and rebuild on every change."
    )
    _site_flags(serve)
    _build_flags(serve, daemon=False)  # serve keeps the model loaded in its own process
    serve.add_argument("--search", action="store_true", help="also rebuild the search index (slower rebuilds)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    new = sub.add_parser("new", help="start a new site", description="Write a starter site into DIR.")
    new.add_argument("dir", type=Path, metavar="DIR", help="folder to create (must be new or empty)")
    check = sub.add_parser(
        "check", help="validate config, content and theme", description="List every problem; write nothing."
    )
    _site_flags(check)
    publish = sub.add_parser(
        "publish",
        help="build and publish the site",
        description="Build the site, check its links and publish it to TARGET: git:REMOTE[#BRANCH], dir:PATH, "
        "s3://BUCKET[/PREFIX] or a target named under publish: in the config.",
    )
    publish.add_argument("target", metavar="TARGET", help="target string or name of a configured target")
    _site_flags(publish)
    publish.add_argument("--dry-run", action="store_true", help="list what would change and change nothing")
    publish.add_argument("--message", "-m", help="commit message (git targets)")
    _executor_flag(publish)
    add = sub.add_parser(
        "add",
        help="fetch web pages into an event",
        description="Fetch each URL, read its article and write it into content/EVENT/ as NN-<outlet>.md.",
    )
    add.add_argument("urls", nargs="+", metavar="URL", help="pages to fetch (http or https)")
    add.add_argument("--event", required=True, metavar="SLUG", help="event folder to add the pages to")
    add.add_argument("--html", action="store_true", help="keep the raw page (NN-<outlet>.html) instead of markdown")
    add.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each page (default: 20)")
    add.add_argument("--config", type=Path, help="config file (default: ./briefgen.yaml if present)")
    add.add_argument("--content", type=str, help="content dir (overrides content_dir)")
    daemon = sub.add_parser(
        "daemon",
        help="show or stop the resident NLP process",
        description="The resident NLP process (opt-in: build --daemon or nlp_daemon: true) keeps the spaCy model "
        "loaded between builds, for nlp_daemon_minutes once idle.",
    )
    daemon.add_argument("action", choices=["status", "stop"], help="show the site's resident process, or stop it")
    daemon.add_argument("--config", type=Path, help="config file (default: ./briefgen.yaml if present)")
    daemon.add_argument("--cache-dir", type=Path, help="cache folder (default: .briefgen-cache/ beside the config)")
    return parser


def _build_options(args: argparse.Namespace) -> dict[str, Any]:
    """The build() keywords the build flags set, shared by build, serve and publish."""
    return {
        "strict": args.strict,
        "jobs": args.jobs,
        "cache_dir": args.cache_dir,
        "use_cache": not args.no_cache,
        "daemon": getattr(args, "daemon", False),  # serve has no daemon flags and uses none
    }


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if args.content is not None:
        out["content_dir"] = str(Path(args.content).resolve())
    if args.output is not None:
        out["output_dir"] = str(Path(args.output).resolve())
    if getattr(args, "executor", None) is not None:
        out["executor"] = args.executor
    return out


def cmd_new(args: argparse.Namespace) -> int:
    from briefgen.scaffold import new_site

    written = new_site(args.dir)
    print(f"created {len(written)} files in {args.dir}; build it with: cd {args.dir} && briefgen build")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from briefgen.names import CACHE_DIR_NAME, CONFIG_NAME
    from briefgen.progress import summary
    from briefgen.uptodate import Report, Stamps, running

    started = time.perf_counter()
    config_file = (args.config or Path(CONFIG_NAME)).resolve()
    cache_dir = (args.cache_dir or config_file.parent / CACHE_DIR_NAME).resolve()
    flags = {"config": str(config_file), **_overrides(args), "strict": args.strict, "version": __version__, **running()}
    stamps = None if args.no_cache else Stamps(cache_dir, flags)
    stamp = stamps.check() if stamps is not None else None
    if stamp is None:
        from briefgen.build import build
        from briefgen.config import load_config
        from briefgen.progress import make_reporter

        config = load_config(args.config, _overrides(args))
        inputs = stamps.inputs(config, config_file) if stamps is not None else None
        result = build(config, reporter=make_reporter(quiet=args.quiet, verbose=args.verbose), **_build_options(args))
        report = Report.of(result.problems, result.events, result.articles)
        if stamps is not None and inputs is not None:
            stamps.record(inputs, config.output_path, report)
        stats = result.stats
        detail = f"{stats.extracted} extracted, {stats.cached} cached, {stats.rendered} events rendered"
        detail += f" into {config.output_path}"
    else:
        report = stamp.report
        detail = f"0 extracted, 0 cached, 0 events rendered; {stamp.output} already up to date"
    for line in report.problems:
        print(line, file=sys.stderr)
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(summary(report.events, report.articles, report.warnings, report.errors, seconds, detail))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from briefgen.check import check_site
    from briefgen.config import load_config

    result = check_site(load_config(args.config, _overrides(args)))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    warnings = len(result.problems) - result.errors
    print(f"checked {result.events} events, {result.articles} articles: {result.errors} errors, {warnings} warnings")
    return 1 if result.errors or (args.strict and warnings) else 0


def cmd_publish(args: argparse.Namespace) -> int:
    from briefgen.config import load_config
    from briefgen.publish.run import publish

    config = load_config(args.config, _overrides(args))
    result = publish(config, args.target, dry_run=args.dry_run, message=args.message, strict=args.strict)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.dry_run:
        print("\n".join([*result.plan.lines(), f"dry run, would publish to {result.detail}: {result.plan.summary()}"]))
    else:
        print(f"published to {result.detail}: {result.plan.summary()}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from collections.abc import Collection

    from briefgen.build import BuildResult, build
    from briefgen.cache import BuildMemo
    from briefgen.config import Config, load_config
    from briefgen.models import Page
    from briefgen.names import CONFIG_NAME
    from briefgen.progress import make_reporter
    from briefgen.serve import Preview, serve
    from briefgen.serve.cached import render_cached

    memo = BuildMemo()  # what did not change stays in memory between rebuilds
    overrides = _overrides(args) if args.search else {**_overrides(args), "search": False}

    def run_build(config: Config) -> BuildResult:
        return build(
            config, memo=memo, reporter=make_reporter(quiet=args.quiet, verbose=args.verbose), **_build_options(args)
        )

    def render_pages(config: Config, paths: Collection[str]) -> list[Page]:  # the open pages, before the build
        return render_cached(config, paths, cache_dir=args.cache_dir, use_cache=not args.no_cache, memo=memo)

    try:
        preview = Preview(
            lambda: load_config(args.config, overrides),
            run_build,
            args.config or Path(CONFIG_NAME),
            args.host,
            args.port,
            render_pages=render_pages,
        )
    except OSError as err:
        print(f"error: cannot listen on {args.host}:{args.port}: {err.strerror or err}", file=sys.stderr)
        return 1
    return serve(preview, open_browser=args.open)


def cmd_add(args: argparse.Namespace) -> int:
    from briefgen.add import add_urls
    from briefgen.config import load_config

    overrides = {"content_dir": str(Path(args.content).resolve())} if args.content else {}
    content = load_config(args.config, overrides).content_path
    try:
        outcomes = add_urls(content, args.event, args.urls, keep_html=args.html, timeout=args.timeout)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        print(outcome.line(Path.cwd()), file=sys.stderr if outcome.error else sys.stdout)
    failed = sum(1 for o in outcomes if o.error)
    added = sum(1 for o in outcomes if o.path)
    print(f"added {added} of {len(outcomes)} pages to {args.event}" + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0


def cmd_daemon(args: argparse.Namespace) -> int:
    from briefgen.build import cache_root
    from briefgen.config import load_config
    from briefgen.executors.resident import read_record, stop, where

    folder = cache_root(load_config(args.config), args.cache_dir)
    if args.action == "stop":
        print("stopped the resident NLP process" if stop(folder) else "no resident NLP process runs for this site")
        return 0
    record = read_record(folder)
    if record is None:
        print("no resident NLP process runs for this site")
    else:
        print(
            f"resident NLP process at {where(record)}: {record['model']}, pid {record['pid']},"
            f" stops after {record['minutes']} idle minutes"
        )
    return 0


COMMANDS = {
    "add": cmd_add,
    "daemon": cmd_daemon,
    "new": cmd_new,
    "build": cmd_build,
    "check": cmd_check,
    "publish": cmd_publish,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Exception as err:
        from briefgen.errors import BriefgenError  # imported late: a build with nothing to do never needs it

        if not isinstance(err, BriefgenError):
            raise
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
