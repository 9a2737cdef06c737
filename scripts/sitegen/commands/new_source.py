"""`sitegen new-source`: write a new source file, every field explained, with its to-dos.

Given --title, it writes what it is given and asks no one. Given only --doi or --pmid, it
looks the work up online (Crossref, PubMed) and writes what they say.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from datetime import date
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from sitegen.authoring.catalogues import lookup_doi, lookup_pmid
from sitegen.authoring.draft import (
    ScaffoldError,
    SourceDraft,
    check_kind,
    parse_author,
    write_source,
)
from sitegen.authoring.duplicates import draft_keys, duplicate_of, unique_id
from sitegen.authoring.online import Fetch, fetch_url
from sitegen.authoring.reference import (
    Reference,
    clean,
    draft_from_reference,
    merge,
    suggest_base,
)
from sitegen.commands.common import describe, report_written
from sitegen.content.fields import Doi, Pmid, SourceDate, Url
from sitegen.content.identity import bare_doi
from sitegen.content.layout import Project
from sitegen.content.schema import Person
from sitegen.content.words import SOURCE_KINDS

NEEDS_TITLE = "give the source's id, --kind and --title, or look it up online with --doi or --pmid"
NEEDS_ID = (
    "give the new source's id first, as in: sitegen new-source foster-2001 --kind KIND"
    " --title TITLE"
)
NEEDS_KIND = "give --kind, one of: " + ", ".join(SOURCE_KINDS)


def _checked(adapter: TypeAdapter[str], option: str, text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return adapter.validate_python(text)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise ScaffoldError(f"{option}: {message}") from None


def _author(args: argparse.Namespace) -> list[Person] | Literal["no author named"] | None:
    if args.no_author:
        return "no author named"
    return [parse_author(text) for text in args.author] if args.author else None


def _given(args: argparse.Namespace) -> Reference:
    """What the options say of the work, each value checked."""
    author = _author(args)
    return Reference(
        title=args.title,
        authors=tuple(author) if isinstance(author, list) else (),
        container_title=args.container_title,
        publisher=args.publisher,
        volume=clean(args.volume),
        issue=clean(args.issue),
        page=clean(args.pages),
        issued=_checked(TypeAdapter(SourceDate), "--issued", args.issued),
        DOI=_checked(TypeAdapter(Doi), "--doi", bare_doi(args.doi) if args.doi else None),
        PMID=_checked(TypeAdapter(Pmid), "--pmid", args.pmid),
        URL=_checked(TypeAdapter(Url), "--url", args.url),
        type=args.type,
    )


#: The fields a draft takes from a Reference as they are (its kind comes from --kind;
#: a Reference's notes are on values from elsewhere, and the options have none).
_SAME_FIELDS = tuple(
    f.name
    for f in fields(Reference)
    if f.name in {g.name for g in fields(SourceDraft)} and f.name not in {"kind", "notes"}
)


def draft_from_args(args: argparse.Namespace, today: date) -> SourceDraft:
    """The draft that `sitegen new-source` writes, from its options."""
    if args.id is None:
        raise ScaffoldError(NEEDS_ID)
    if args.kind is None:
        raise ScaffoldError(NEEDS_KIND)
    given = _given(args)
    return SourceDraft(
        id=args.id,
        accessed=today,
        kind=check_kind(args.kind),
        author=_author(args),
        **{name: getattr(given, name) for name in _SAME_FIELDS},
    )


def looked_up(args: argparse.Namespace, project: Project, today: date, fetch: Fetch) -> SourceDraft:
    """The draft from what Crossref (by DOI) and PubMed (by PMID) say, and the options."""
    given = replace(_given(args), title=None)
    doi, pmid, author = given.DOI, given.PMID, _author(args)
    kind = check_kind(args.kind) if args.kind is not None else None
    duplicate = duplicate_of(project.content_dir, draft_keys(doi, pmid, None, None, None))
    if duplicate:
        raise ScaffoldError(duplicate)
    found = Reference()
    if doi:
        print(f"Looking up {doi} at Crossref...")
        found = lookup_doi(doi, fetch)
    if pmid:
        print(f"Looking up PMID {pmid} at PubMed...")
        found = merge(found, lookup_pmid(pmid, fetch))
    found = merge(given, found)
    if doi and found.URL and found.URL.lower() == f"https://doi.org/{doi}".lower():
        found = replace(found, URL=None)  # written again from the DOI as given
    print("\n".join(describe(found)))
    source_id = args.id or unique_id(project.content_dir, suggest_base(found))
    origin = "sitegen new-source from " + " and ".join(
        name for name, asked in (("Crossref", doi), ("PubMed", pmid)) if asked
    )
    draft = draft_from_reference(found, source_id, kind, today, origin)
    if author == "no author named":
        draft.author = author
    return draft


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    try:
        if args.title is None and not (args.doi or args.pmid):
            raise ScaffoldError(NEEDS_TITLE)
        if args.title is None:
            draft = looked_up(args, project, today, args.fetch or fetch_url)
        else:
            draft = draft_from_args(args, today)
        path = write_source(project.content_dir, draft)
    except ScaffoldError as exc:
        print(f"sitegen: {exc}", file=sys.stderr)
        return 1
    report_written(path, project.root, draft)
    return 0
