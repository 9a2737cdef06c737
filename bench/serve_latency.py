"""How long `sitegen serve` takes to show an edit to a content file in the browser.

It starts `sitegen serve` on a copy of a project, opens a page in Chromium, then, several
times, changes the page's title and adds a sentence to its text in content_src/ (so the page
is checked and scored again), and times how long the open page takes to show the new title
(MkDocs reloads the page itself when the site is rebuilt).

    .venv/bin/python bench/serve_latency.py              # the real project, 5 edits
    .venv/bin/python bench/serve_latency.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("content_src", "docs", "overrides", "mkdocs.yml")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
_TITLE = re.compile(r"^title: .*$", re.M)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_served(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the preview did not start at {url} within {seconds:.0f} s")


def copy_project(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        else:
            shutil.copy2(source / name, target / name)


def measure_serve(project: Path, runs: int, today: str) -> list[float]:
    """Seconds from saving an edit to seeing it in the browser, for each of `runs` edits."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("Chromium is not installed (apt-get install -y chromium)")
    page_file = project / "content_src" / "pages" / "faq.md"
    original = page_file.read_text(encoding="utf-8")
    title = _TITLE.search(original)
    if title is None:
        raise RuntimeError(f"{page_file} has no title line")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "sitegen", "serve", "--project", str(project)]
    command += ["--today", today, "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/faq/"
    seconds: list[float] = []
    try:
        _wait_until_served(url, 60)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_load_state("load")
            time.sleep(1)  # let the page open its live-reload connection
            for run in range(runs):
                marker = f"edit {run + 1} of the preview check"
                edited = _TITLE.sub(f"title: {marker}", original, count=1).rstrip()
                edited += f"\n\nThis sentence was added to time the preview, {marker}.\n"
                start = time.monotonic()
                page_file.write_text(edited, encoding="utf-8")
                page.wait_for_function(
                    "marker => (document.querySelector('h1') || {}).textContent"
                    " && document.querySelector('h1').textContent.includes(marker)",
                    arg=marker,
                    polling=20,
                    timeout=30_000,
                )
                seconds.append(time.monotonic() - start)
                time.sleep(0.5)
            browser.close()
    finally:
        page_file.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="how many edits to time")
    parser.add_argument("--today", default="2026-11-22", help="the date sitegen treats as today")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-latency-") as work:
        project = Path(work) / "project"
        copy_project(ROOT, project)
        seconds = measure_serve(project, args.runs, args.today)
    shown = ", ".join(f"{s:.2f}" for s in seconds)
    print(f"edit to browser: median {statistics.median(seconds):.2f} s ({shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
