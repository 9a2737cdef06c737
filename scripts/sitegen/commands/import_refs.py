"""`sitegen import-refs`: a draft source record for each reference in an export from Zotero,
Mendeley or EndNote (CSL-JSON, BibTeX or RIS). Nothing is fetched: only the file is read.

Each reference is written on its own: one that is already in content_src/sources/ (the same
DOI, PMID, web address, or title and year) is not written, and the others still are.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sitegen.authoring.draft import ScaffoldError, SourceDraft, to_do, write_source
from sitegen.authoring.duplicates import unique_id
from sitegen.authoring.exports import read_export
from sitegen.authoring.reference import draft_from_reference, suggest_base
from sitegen.commands.common import TO_DO
from sitegen.content.layout import Project
from sitegen.problems import display_path


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    content_dir = project.content_dir
    try:
        kind, found = read_export(args.file)
    except ScaffoldError as exc:
        print(f"sitegen: {exc}", file=sys.stderr)
        return 1
    count = f"{len(found)} reference{'s' if len(found) != 1 else ''}"
    print(f"sitegen: read {count} from {args.file.name} ({kind})")
    written: list[SourceDraft] = []
    for item in found:
        origin = f"sitegen import-refs from {item.where}"
        source_id = unique_id(content_dir, suggest_base(item.reference))
        draft = draft_from_reference(item.reference, source_id, None, today, origin)
        try:
            path = write_source(content_dir, draft)
        except ScaffoldError as exc:
            print(f"sitegen: {item.where}: {exc}", file=sys.stderr)
            continue
        written.append(draft)
        names = ", ".join(name for name, _ in to_do(draft))
        print(f"sitegen: wrote {display_path(path, project.root)} ({item.where})")
        print(f"  to do: {names}")
    if written:
        print(TO_DO)
        for name, what in dict.fromkeys(item for draft in written for item in to_do(draft)):
            print(f"  - {name}: {what}")
        print("Then cite each in a page as [@id], with its id (the file name without .yml).")
    if len(written) < len(found):
        print(
            f"sitegen: wrote {len(written)} of {len(found)} references; see above for the others",
            file=sys.stderr,
        )
        return 1
    return 0
