"""`sitegen import`: a draft source file from a saved article (an HTML page or plain text).

Everything is read from the file: nothing is fetched.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sitegen.authoring.article import Article, draft_from_article, read_article
from sitegen.authoring.dates import FoundDate
from sitegen.authoring.draft import ScaffoldError, check_kind, write_source
from sitegen.commands.common import Subcommands, report_written
from sitegen.content.layout import SOURCES_DIR, Project
from sitegen.content.schema import SOURCE_KINDS


def _summary(article: Article, path: Path) -> list[str]:
    def when(found: FoundDate | None) -> str:
        if found is None:
            return "not found"
        return f"{found.value} (shown as {found.shown!r})" + (" ?" if found.doubt else "")

    return [
        f"sitegen: read {path.name} as {article.format}",
        f"  title:      {article.title or 'not found'}",
        f"  authors:    {'; '.join(article.authors) or 'not found'}",
        f"  site name:  {article.site_name or 'not found'}",
        f"  published:  {when(article.published)}",
        f"  updated:    {when(article.updated)}",
        f"  address:    {article.url or 'not found'}",
    ]


def add_command(commands: Subcommands, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        parents=parents,
        help="write a draft source from a saved article (HTML or plain text)",
        description="Read a saved article (an HTML page or plain text) and write a draft"
        " source in content_src/sources/, with TODO markers for what it could not find."
        " Nothing is fetched: only the file is read.",
    )
    parser.add_argument("file", type=Path, help="the saved article: .html or .txt")
    parser.add_argument("--id", help="the source's id (default: author's or site's name, year)")
    parser.add_argument("--kind", help="one of: " + ", ".join(SOURCE_KINDS))


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    content_dir = project.content_dir
    try:
        kind = check_kind(args.kind) if args.kind is not None else None
        article = read_article(args.file, today)
        draft = draft_from_article(article, args.file.name, args.id, kind, today)
        if args.id is None and (content_dir / SOURCES_DIR / f"{draft.id}.yml").exists():
            raise ScaffoldError(
                f"a source with the id '{draft.id}' already exists: give this one an id with --id"
            )
        path = write_source(content_dir, draft)
    except ScaffoldError as exc:
        print(f"sitegen: {exc}", file=sys.stderr)
        return 1
    print("\n".join(_summary(article, args.file)))
    report_written(path, project.root, draft)
    return 0
