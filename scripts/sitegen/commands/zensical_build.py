"""Build docs/ with Zensical, from the same mkdocs.yml that MkDocs uses, into any folder.

Zensical has no option for the output folder: it writes the config's site_dir, next to
the config. So this copies the config and the folders it names (docs_dir, the theme's
custom_dir) into a temporary folder, builds there, and moves the site to `site_dir`.

Usage: python -m sitegen.commands.zensical_build [--project DIR] SITE_DIR
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

CONFIG = "mkdocs.yml"


def _config(project: Path) -> dict[str, Any]:
    data = yaml.load((project / CONFIG).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return data if isinstance(data, dict) else {}


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `zensical build --strict`; on success the site is in `site_dir` (replaced)."""
    config = _config(project)
    theme = config.get("theme")
    folders = [config.get("docs_dir", "docs")]
    if isinstance(theme, dict) and theme.get("custom_dir"):
        folders.append(theme["custom_dir"])
    with tempfile.TemporaryDirectory(prefix="zensical-") as work:
        shutil.copy2(project / CONFIG, Path(work) / CONFIG)
        for folder in folders:
            shutil.copytree(project / folder, Path(work) / folder)
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "-f", CONFIG],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        built = Path(work) / config.get("site_dir", "site")
        if result.returncode == 0:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            shutil.move(built, site_dir)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitegen.commands.zensical_build", description="Build docs/ with Zensical."
    )
    parser.add_argument("site_dir", type=Path, help="where to put the built site (replaced)")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder")
    args = parser.parse_args(argv)
    result = build(args.project, args.site_dir)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode == 0:
        print(f"zensical: site written to {args.site_dir}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
