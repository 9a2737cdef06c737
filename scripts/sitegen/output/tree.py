"""What docs/ may hold: the pages the generator writes, and hand-made assets of known kinds.

MkDocs publishes whatever docs/ holds, and git keeps links (symlinks) as they are: a link
to /proc/self/environ in docs/ would publish the build machine's secrets. So docs/ holds
only regular files: generated pages at its top, and in docs/assets/ files of the kinds a
site's look needs. Anything else is reported, and nothing is built until it is gone.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from sitegen.output.stamp import is_generated
from sitegen.problems import Location, Problem, display_path, error

ASSETS = "assets"
#: The kinds of hand-made file docs/assets/ may hold.
ASSET_SUFFIXES = frozenset(
    {".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2"}
)


def _walk(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry under `folder`, links not followed, in a stable order."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = Path(entry.path)
            info = entry.stat(follow_symlinks=False)
            yield path, info
            if stat.S_ISDIR(info.st_mode):
                yield from _walk(path)


def docs_problems(docs_dir: Path, project_root: Path) -> Iterator[Problem]:
    if docs_dir.is_symlink():
        yield error(Location("docs", 1), "docs/ is a link: it must be a real folder")
        return
    if not docs_dir.is_dir():
        return
    for path, info in _walk(docs_dir):
        relative = path.relative_to(docs_dir)
        shown = display_path(path, project_root)
        if relative.name.startswith("."):
            continue  # MkDocs leaves out hidden files
        where = Location(shown, 1)
        if stat.S_ISLNK(info.st_mode):
            yield error(
                where,
                f"this is a link (to {os.readlink(path)}), and docs/ holds only real files:"
                " delete it",
            )
        elif stat.S_ISDIR(info.st_mode):
            if relative.parts[0] != ASSETS:
                yield error(where, "docs/ holds folders only under docs/assets/: move or delete it")
        elif not stat.S_ISREG(info.st_mode):
            yield error(where, "this is not a regular file (a device or a pipe): delete it")
        elif relative.parts[0] == ASSETS:
            if path.suffix.lower() not in ASSET_SUFFIXES:
                kinds = ", ".join(sorted(ASSET_SUFFIXES))
                yield error(where, f"docs/assets/ holds only files of these kinds: {kinds}")
        elif len(relative.parts) != 1 or path.suffix != ".md" or not is_generated(path):
            yield error(
                where,
                "this file was not written by sitegen: pages are written from content_src/"
                " (hand-made files such as styles go in docs/assets/)",
            )
