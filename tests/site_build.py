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


def themed_fixture(project: Path, root: Path) -> None:
    """Give a copy of the fixture project the real site's theme, styles and settings, with
    the fixture's own nav and address, so that it builds like the real site."""
    import shutil

    shutil.copytree(root / "overrides", project / "overrides")
    shutil.copytree(root / "docs" / "assets", project / "docs" / "assets")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    own = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav = own.split("nav:\n", 1)[1]
    head, _, rest = config.partition("\nnav:\n")
    rest = rest[rest.index("\n\n") :]
    site_url = next((line for line in own.splitlines() if line.startswith("site_url:")), "")
    (project / "mkdocs.yml").write_text(f"{head}\n{site_url}\nnav:\n{nav}{rest}", "utf-8")
