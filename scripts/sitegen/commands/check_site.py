"""`sitegen check-site`: hold the built site against the HTML allowlist.

Run after `mkdocs build` (or `zensical build`): every HTML page, picture (SVG) and style
sheet of the built site is checked (see checks/allowlist.py): nothing outside the lists,
no script the Content-Security-Policy does not allow, nothing loaded from another site,
and on every page the policy itself.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml

from sitegen.checks.allowlist import html_violations
from sitegen.content.layout import Project
from sitegen.problems import Location, Problem, Problems, display_path, error, report

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def _script_hashes(project: Project) -> list[str]:
    config = yaml.load(project.mkdocs_config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extra = config.get("extra", {}) if isinstance(config, dict) else {}
    hashes = extra.get("csp_script_hashes", []) if isinstance(extra, dict) else []
    return [str(value) for value in hashes] if isinstance(hashes, list) else []


def site_problems(site_dir: Path, project: Project, preview: bool = False) -> Iterator[Problem]:
    hashes = _script_hashes(project)
    for path in sorted(site_dir.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        shown = display_path(path, project.root)
        if path.suffix in {".html", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for violation in html_violations(text, hashes):
                yield error(Location(shown, violation.line), violation.message)
            if path.suffix == ".html" and not preview and not _CSP.search(text):
                yield error(Location(shown, 1), "the page has no Content-Security-Policy")
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in [*_CSS_URL.finditer(text), *_CSS_IMPORT.finditer(text)]:
                target = match[1]
                if re.match(r"[a-z][a-z0-9+.-]*:|//", target, re.I) and not target.startswith(
                    "data:image/"
                ):
                    line = text.count("\n", 0, match.start()) + 1
                    yield error(
                        Location(shown, line), f"the style loads {target[:80]} from elsewhere"
                    )


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    site_dir = args.site_dir if args.site_dir.is_absolute() else project.root / args.site_dir
    problems = Problems()
    if not site_dir.is_dir():
        problems.error(Location(str(args.site_dir), 1), "no built site here: run make site first")
    else:
        problems.add(site_problems(site_dir, project))
    status = report(problems, "the built site must not be published")
    if status == 0:
        shown = display_path(site_dir, project.root)
        print(f"sitegen: the built site in {shown} passes the allowlist")
    return status
