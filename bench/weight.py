"""Page weight: bytes transferred (gzip-compressed) for the first view of each page.

Builds the site as published and, in the same run, the same docs/ with a default
Material for MkDocs setup (default fonts and search, no overrides), then loads every
page of both in Debian's Chromium and adds up what each page requests. Requests to
other hosts (the default setup asks Google for fonts) are counted and blocked.

Run: make weight   (writes bench/WEIGHT.md)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 100_000
DEFAULT_CONFIG = {
    "site_name": "Default Material build of the same pages",
    "theme": {"name": "material"},
    "plugins": ["search"],
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def build(config: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=env,
    )


def default_build(work: Path) -> Path:
    """The same docs/ with Material's defaults: our nav and Markdown, nothing else."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    config = {
        **DEFAULT_CONFIG,
        "nav": ours["nav"],
        "markdown_extensions": ours["markdown_extensions"],
    }
    shutil.copytree(ROOT / "docs", work / "docs")
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(work / "mkdocs.yml", work / "site")
    return work / "site"


def page_paths(site: Path) -> list[str]:
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.parent == site or (p.parent / "index.html").exists()
    )


def _blocker(seen: list[str]) -> Callable[[Route], None]:
    """A route handler that records and refuses requests to other hosts."""

    def block(route: Route) -> None:
        seen.append(route.request.url)
        route.abort()

    return block


def measure(site: Path, paths: list[str]) -> dict[str, tuple[int, int, bool]]:
    """For each page: compressed bytes, requests to other hosts, search index loaded."""
    results = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        origin = urlsplit(base).netloc
        for path in paths:
            context = browser.new_context()
            foreign: list[str] = []

            context.route(lambda url: urlsplit(url).netloc not in {origin, ""}, _blocker(foreign))
            page = context.new_page()
            sizes: list[int] = []
            urls: list[str] = []
            page.on(
                "response",
                lambda r, s=sizes, u=urls: (
                    s.append(len(gzip.compress(r.body(), 6)) if r.ok else 0),
                    u.append(r.url),
                ),
            )
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            index = any(u.endswith("search_index.json") for u in urls)
            results[path or "(home)"] = (sum(sizes), len(foreign), index)
            context.close()
        browser.close()
    return results


def main() -> int:
    build(ROOT / "mkdocs.yml", ROOT / "site")
    with tempfile.TemporaryDirectory() as temp:
        default_site = default_build(Path(temp))
        paths = [p for p in page_paths(ROOT / "site") if not p.startswith(("search", "assets"))]
        ours = measure(ROOT / "site", paths)
        default = measure(default_site, paths)
    lines = [
        "# Page weight",
        "",
        f"Measured {date.today().isoformat()} with `make weight` (bench/weight.py): bytes"
        " transferred for the first view of each page, each response gzip-compressed, in"
        " Debian's Chromium. Budget: 100 KB per page; the search index only when search is"
        ' used. "Default Material" is the same docs/ built with Material\'s defaults in the'
        " same run (its requests to other hosts, for web fonts, are counted and blocked).",
        "",
        "| page | this site (KB) | within budget | search index loaded | default Material (KB)"
        " | default: requests to other hosts | default: search index loaded |",
        "| --- | ---: | --- | --- | ---: | ---: | --- |",
    ]
    for path, (size, foreign, index) in ours.items():
        d_size, d_foreign, d_index = default[path]
        assert foreign == 0, f"{path} asked another host for something"
        lines.append(
            f"| {path} | {size / 1000:.1f} | {'yes' if size <= BUDGET else 'NO'} |"
            f" {'yes' if index else 'no'} | {d_size / 1000:.1f} | {d_foreign} |"
            f" {'yes' if d_index else 'no'} |"
        )
    report = "\n".join(lines) + "\n"
    (ROOT / "bench" / "WEIGHT.md").write_text(report, encoding="utf-8")
    print(report)
    return 0 if all(size <= BUDGET for size, _, _ in ours.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
