"""Lighthouse scores (mobile) of the production build, in Debian's Chromium.

Runs npm's ``lighthouse`` (installed on first use into ``--lh-dir`` with the
virtualenv's npm; never downloads a browser: ``CHROME_PATH=/usr/bin/chromium``)
on the front page and the seed article, and prints the four category scores
plus the main timings and the page weight.

    python benchmarks/lighthouse.py [--url http://127.0.0.1:8000] [--runs 1] [--page newsletter=/newsletter]

Without --url it builds and starts the app on a fresh seeded SQLite database.
With ``--runs N`` each page is measured N times and the median score is shown.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness import CHROMIUM, RunningApp, app_env, prepare_database  # noqa: E402

# ``--pages``: which set of pages to measure (the default is the English front page and seed article).
PAGE_SETS = {
    "en": {"front page": "/", "seed article": "/article/civil-servants-social-media-pakistan"},
    "ur": {"Urdu front page": "/ur/", "Urdu seed article": "/ur/article/sarkari-afsar-aur-social-media"},
    "kinds": {
        "section": "/category/politics",
        "author": "/author/artisan-times",
        "topic": "/tag/pakistan",
        "search": "/search?q=civil+service",
        "corrections": "/corrections",
        "newsletter": "/newsletter",
        "Urdu section": "/ur/category/politics",
        "Urdu search": "/ur/search?q=%D8%A7%D9%81%D8%B3%D8%B1",
        "Urdu corrections": "/ur/corrections",
        # Not here: a not-found page (Lighthouse refuses to score a 404 answer).
    },
}
PAGES = PAGE_SETS["en"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-quic"
LIGHTHOUSE_VERSION = os.environ.get("LIGHTHOUSE_VERSION", "lighthouse")


def npm_bin_dir() -> Path:
    return Path(sys.executable).parent


def ensure_lighthouse(lh_dir: Path) -> Path:
    cli = lh_dir / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        lh_dir.mkdir(parents=True, exist_ok=True)
        print(f"installing {LIGHTHOUSE_VERSION} into {lh_dir} (npm) ...", flush=True)
        env = {**os.environ, "PATH": f"{npm_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}", "PUPPETEER_SKIP_DOWNLOAD": "1"}
        npm = shutil.which("npm", path=env["PATH"]) or "npm"
        subprocess.run(
            [npm, "install", "--prefix", str(lh_dir), "--no-audit", "--no-fund", LIGHTHOUSE_VERSION], check=True, env=env
        )
    return cli


def run_lighthouse(cli: Path, url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PATH": f"{npm_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}"}
    node = shutil.which("node", path=env["PATH"]) or "node"
    subprocess.run(
        [
            node,
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--screenEmulation.mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--max-wait-for-load=45000",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    return json.loads(out.read_text())


def summarise(report: dict) -> dict:
    audits = report["audits"]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "FCP ms": audits["first-contentful-paint"]["numericValue"],
        "LCP ms": audits["largest-contentful-paint"]["numericValue"],
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "KiB": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(base: str, runs: int, cli: Path, tmp: Path, pages: dict[str, str] = PAGES) -> None:
    print(
        f"Lighthouse {json.loads((cli.parent.parent / 'package.json').read_text())['version']}, mobile, "
        f"Chromium {CHROMIUM}, {runs} run(s) per page (median); load average (1/5/15 min) {load_average()}"
    )
    print("| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | transfer KiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, path in pages.items():
        rows = []
        for i in range(runs):
            report = run_lighthouse(cli, base + path, tmp / f"{name.replace(' ', '-')}-{i}.json")
            if report.get("runtimeError"):
                print(f"  {name}: runtime error {report['runtimeError']}")
            rows.append(summarise(report))
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        print(
            f"| {name} ({path}) | {med['performance']:.0f} | {med['accessibility']:.0f} | {med['best-practices']:.0f} "
            f"| {med['seo']:.0f} | {med['FCP ms']:.0f} | {med['LCP ms']:.0f} | {med['TBT ms']:.0f} | {med['CLS']:.3f} "
            f"| {med['KiB']:.0f} |",
            flush=True,
        )
        print(
            f"|   runs: performance {', '.join(str(r['performance']) for r in rows)}; "
            f"load average after: {load_average()} |||||||||",
            flush=True,
        )
        for category in CATEGORIES[1:]:
            refs = report["categories"][category]["auditRefs"]
            failing = [
                report["audits"][r["id"]]["title"]
                for r in refs
                if r.get("weight")
                and (report["audits"][r["id"]].get("score") is not None)
                and report["audits"][r["id"]]["score"] < 1
            ]
            if failing:
                print(f"|   {category} not passed: {'; '.join(failing)} |||||||||", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure an already running app instead of starting one")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--lh-dir", default=str(Path(tempfile.gettempdir()) / "lh"))
    parser.add_argument("--save", help="keep every run's JSON report in this folder (to read the audits)")
    parser.add_argument(
        "--pages", default="en", help=f"comma-separated page sets: {', '.join(PAGE_SETS)} (all: every public page kind)"
    )
    parser.add_argument(
        "--page", action="append", metavar="NAME=PATH", help="measure this page instead of the page sets (repeatable)"
    )
    args = parser.parse_args()
    names = list(PAGE_SETS) if args.pages == "all" else args.pages.split(",")
    pages = {name: path for key in names for name, path in PAGE_SETS[key].items()}
    if args.page:
        pages = dict(p.split("=", 1) for p in args.page)
    cli = ensure_lighthouse(Path(args.lh_dir))
    with tempfile.TemporaryDirectory(prefix="artisan-lh-") as tmp:
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            tmp = str(Path(args.save).resolve())
        if args.url:
            measure(args.url.rstrip("/"), args.runs, cli, Path(tmp), pages)
            return 0
        env = app_env(ARTISAN_DB_URL=f"sqlite:///{Path(tmp) / 'lh.db'}")
        prepare_database(env)
        with RunningApp(env, Path(tmp) / "reflex.log") as app:
            measure(app.url, args.runs, cli, Path(tmp), pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
