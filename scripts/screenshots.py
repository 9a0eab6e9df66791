"""Screenshots of an event page for review: desktop, 360 px phone, dark mode (whole page and first screen) and
page 1 of print-to-PDF.

    python scripts/screenshots.py [--site SITE_DIR] [--event SLUG] [--out DIR]

Without --site it builds the seeds (../shared/corpus) into a temporary dir first. Needs Debian's chromium
(/usr/bin/chromium) and, for the print page, pdftoppm (poppler-utils). Prints the files it wrote.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_seeds(output: Path) -> Path:
    from briefgen.build import build
    from briefgen.config import load_config

    build(load_config(None, {"content_dir": str(ROOT.parent / "shared" / "corpus"), "output_dir": str(output)}))
    return output


def shoot(site: Path, slug: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    url = (site / slug / "index.html").resolve().as_uri()
    written: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, width, scheme in (("desktop", 1280, "light"), ("phone-360", 360, "light"), ("dark", 1280, "dark")):
            page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page.goto(url)
            for suffix, full in (("", True), ("-top", False)):  # the whole page, and the first screen
                path = out / f"{slug}-{name}{suffix}.png"
                page.screenshot(path=str(path), full_page=full)
                written.append(path)
            page.close()
        page = browser.new_page()
        page.goto(url)
        pdf = out / f"{slug}-print.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        written.append(pdf)
        browser.close()
    if shutil.which("pdftoppm"):
        first_page = ["-f", "1", "-l", "1"]
        subprocess.run(["pdftoppm", "-png", "-r", "80", *first_page, str(pdf), str(out / f"{slug}-print")], check=True)
        written.extend(sorted(out.glob(f"{slug}-print-*1.png")))
    else:
        print("pdftoppm not found (apt-get install poppler-utils): print page left as PDF", file=sys.stderr)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the seeds)")
    parser.add_argument("--event", default="abu-dhabi-talks", help="event slug")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "screenshots", help="where to write the images")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_seeds(Path(tmp) / "site")
        for path in shoot(site, args.event, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
