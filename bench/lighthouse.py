"""Lighthouse scores of every page, as a phone visitor gets them.

Serves the built site/ from a small server that compresses text and lets browsers cache
the theme's files, as a real static host does, then runs Lighthouse (pinned in
bench/lighthouse/package.json, installed with `npm ci`) with Debian's chromium in its
default mobile setting (a mid-range phone on a slow 4G connection, simulated) for each
page of the nav. Writes the four scores of each page to bench/LIGHTHOUSE.md.

Run: make lighthouse   (builds the site first; about 20 seconds a page)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The goals: performance 90 or more, and 100 in the other three.
GOALS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
_TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it; the theme's fingerprinted
    files cached for a year, pages revalidated."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in _TEXT:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", _cache_control(path))
        self.end_headers()
        return _Body(body)


def _cache_control(path: Path) -> str:
    fingerprinted = path.parent.name in {"stylesheets", "javascripts"} and "." in path.stem
    return "public, max-age=31536000, immutable" if fingerprinted else "no-cache"


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def nav_paths(config: Path) -> list[str]:
    """The address of each page in mkdocs.yml's nav, in order."""
    loaded = yaml.safe_load(config.read_text(encoding="utf-8"))

    def files(items: list[object]) -> list[str]:
        found: list[str] = []
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                found += files(value) if isinstance(value, list) else [str(value)]
        return found

    stems = [name.removesuffix(".md") for name in files(loaded["nav"])]
    return ["" if stem == "index" else f"{stem}/" for stem in stems]


def run_lighthouse(url: str, chromium: str, work: Path) -> dict[str, int]:
    out = work / "report.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "LIGHTHOUSE.md")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None or not LIGHTHOUSE.exists():
        print("lighthouse: needs Debian's chromium and `npm ci` in bench/lighthouse/")
        return 1
    handler = functools.partial(CompressingHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for path in nav_paths(ROOT / "mkdocs.yml"):
            scores = run_lighthouse(base + path, chromium, Path(work))
            rows.append((path or "(home)", scores))
            print(path or "(home)", scores, flush=True)
    server.shutdown()
    version = json.loads((LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text())
    chromium_version = subprocess.run(
        [chromium, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    met = [all(s[c] >= GOALS[c] for c in CATEGORIES) for _, s in rows]
    lines = [
        "# Lighthouse scores",
        "",
        f"Measured on {date.today().isoformat()} by `make lighthouse` (bench/lighthouse.py):"
        f" Lighthouse {version['version']}, mobile (its default: a mid-range phone on slow 4G,"
        f" simulated), {chromium_version}, Python {platform.python_version()}, behind a server"
        " that compresses text as a real host does. Goals: performance 90 or more, the"
        " other three 100.",
        "",
        f"{sum(met)} of {len(rows)} pages meet every goal.",
        "",
        "| page | performance | accessibility | best practices | SEO | goals met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for (page, scores), ok in zip(rows, met, strict=True):
        cells = " | ".join(str(scores[c]) for c in CATEGORIES)
        lines.append(f"| {page} | {cells} | {'yes' if ok else 'no'} |")
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"lighthouse: wrote {args.output.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
