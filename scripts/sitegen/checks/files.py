"""Files in content_src/ that the generator would silently ignore are probably mistakes."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.layout import KNOWN_FILES, OPTIONS_DIR, PAGES_DIR, SOURCES_DIR
from sitegen.content.model import Content
from sitegen.problems import Location, Problem, display_path, suggest, warning


def no_unexpected_files(content: Content, context: Context) -> Iterator[Problem]:
    root = context.project.content_dir
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_dir() or any(part.startswith(".") for part in relative.parts):
            continue
        folder = relative.parts[0] if len(relative.parts) > 1 else ""
        expected = (
            (folder == "" and relative.name in KNOWN_FILES)
            or (folder == PAGES_DIR and len(relative.parts) == 2 and path.suffix == ".md")
            or (folder == SOURCES_DIR and len(relative.parts) == 2 and path.suffix == ".yml")
            or (folder == OPTIONS_DIR and len(relative.parts) == 2 and path.suffix == ".yml")
        )
        if expected:
            continue
        if folder == SOURCES_DIR and path.suffix == ".yaml":
            hint = f": source files end in .yml (rename it to {path.stem}.yml)"
        elif folder == PAGES_DIR and path.suffix in {".markdown", ".txt"}:
            hint = f": pages end in .md (rename it to {path.stem}.md)"
        else:
            hint = (
                ": sitegen ignores it (pages go in pages/*.md, sources in sources/*.yml)"
                + suggest(relative.name, KNOWN_FILES)
            )
        shown = display_path(path, context.project.root)
        yield warning(Location(shown, 1), f"unexpected file{hint}")
