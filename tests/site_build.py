"""Building the site with MkDocs, once per test session, for tests that read the HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def page_html(site_dir: Path, output_name: str) -> BeautifulSoup:
    """The built HTML of a docs/ page: index.md -> index.html, faq.md -> faq/index.html."""
    stem = output_name.removesuffix(".md")
    path = site_dir / "index.html" if stem == "index" else site_dir / stem / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
