"""`sitegen new-source`: write a new source file, every field explained, with its to-dos."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from sitegen.authoring.draft import (
    ScaffoldError,
    SourceDraft,
    check_kind,
    parse_author,
    write_source,
)
from sitegen.commands.common import Subcommands, report_written
from sitegen.content.fields import NO_DATE, Doi, Pmid, SourceDate, Url
from sitegen.content.layout import Project
from sitegen.content.schema import SOURCE_KINDS, Person


def _checked(adapter: TypeAdapter[str], option: str, text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return adapter.validate_python(text)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise ScaffoldError(f"{option}: {message}") from None


def draft_from_args(args: argparse.Namespace, today: date) -> SourceDraft:
    """The draft that `sitegen new-source` writes, from its options."""
    author: list[Person] | Literal["no author named"] | None = None
    if args.no_author:
        author = "no author named"
    elif args.author:
        author = [parse_author(text) for text in args.author]
    return SourceDraft(
        id=args.id,
        accessed=today,
        kind=check_kind(args.kind),
        type=args.type,
        title=args.title,
        author=author,
        container_title=args.container_title,
        publisher=args.publisher,
        issued=_checked(TypeAdapter(SourceDate), "--issued", args.issued),
        DOI=_checked(TypeAdapter(Doi), "--doi", args.doi),
        PMID=_checked(TypeAdapter(Pmid), "--pmid", args.pmid),
        URL=_checked(TypeAdapter(Url), "--url", args.url),
    )


def add_command(commands: Subcommands, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "new-source",
        parents=parents,
        help="write content_src/sources/ID.yml for a new source, every field explained",
        description="Write a new source file with every field explained and TODO markers for"
        " what a person must fill in. sitegen check fails until they are filled in.",
    )
    parser.add_argument("id", help="the source's id, such as nhs-neck-pain or foster-2001")
    parser.add_argument("--kind", required=True, help="one of: " + ", ".join(SOURCE_KINDS))
    parser.add_argument("--title", required=True, help="the title, as the source gives it")
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--author",
        action="append",
        metavar="'FAMILY, GIVEN'",
        help="an author (repeat for each); a name without a comma is an organisation",
    )
    who.add_argument("--no-author", action="store_true", help="the source names no author")
    parser.add_argument("--type", help="the CSL type (default: from the kind)")
    parser.add_argument("--container-title", help="the journal or website it appears in")
    parser.add_argument("--publisher", help="who publishes it")
    parser.add_argument(
        "--issued", metavar="YYYY[-MM[-DD]]", help=f"when it was published, or '{NO_DATE}'"
    )
    parser.add_argument("--url", help="its web address")
    parser.add_argument("--doi", help="its DOI, such as 10.1212/WNL.56.10.1290")
    parser.add_argument("--pmid", help="its PubMed number")


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    try:
        draft = draft_from_args(args, today)
        path = write_source(project.content_dir, draft)
    except ScaffoldError as exc:
        print(f"sitegen: {exc}", file=sys.stderr)
        return 1
    report_written(path, project.root, draft)
    return 0
