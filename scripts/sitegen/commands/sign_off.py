"""`sitegen sign-off PAGE --by PERSON`: record a clinician's sign-off of a page as it stands.

It writes content_src/signoffs.yml with who signed, when, and a hash of what the page says
now, so nobody computes a hash by hand. The page shows "Clinically reviewed by ..." while
its content still matches; after an edit it says it has changed since its review.
"""

from __future__ import annotations

import argparse
from datetime import date

from sitegen.content.layout import SIGNOFFS_FILE, Project
from sitegen.content.model import Content
from sitegen.fileio import write_atomically
from sitegen.pipeline import check
from sitegen.problems import Problems, display_path, report, suggest

HEADER = """\
# Clinical sign-offs: who signed each page off, when, and a hash of the page's content as
# it was signed. Written by `sitegen sign-off PAGE --by PERSON`: do not edit the hashes.
# A page shows its sign-off only while its content still matches the hash.
"""


def signoffs_text(entries: dict[str, tuple[str, str, str]]) -> str:
    """signoffs.yml with one entry per page, by page name: (by, date, hash)."""
    lines = [HEADER]
    for page in sorted(entries):
        by, day, digest = entries[page]
        lines.append(f"{page}:\n  by: {by}\n  date: {day}\n  content: {digest}\n")
    return "\n".join(lines)


def _refuse(content: Content, page: str, person: str) -> str | None:
    if content.page(page) is None:
        return f"there is no page '{page}'" + suggest(page, (p.name for p in content.pages))
    found = content.people.get(person)
    if found is None:
        return f"'{person}' is not one of the people in people.yml" + suggest(
            person, content.people
        )
    if found.kind != "person" or not found.clinician:
        return (
            f"{found.name} is not a clinician in people.yml (kind: person, clinician: true):"
            " only a clinician signs a page off"
        )
    return None


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    result = check(project, today, strict=False)
    content = result.content
    if result.problems.errors or content is None:
        return report(
            Problems(result.problems.errors),
            "the content has errors: fix them before signing a page off",
        )
    refusal = _refuse(content, args.page, args.by)
    if refusal:
        print(f"sitegen: {refusal}; nothing was signed")
        return 1
    page = content.page(args.page)
    assert page is not None
    entries = {
        name: (signed.by, signed.date.isoformat(), signed.content)
        for name, signed in content.signoffs.items()
    }
    entries[page.name] = (args.by, today.isoformat(), content.content_hash(page))
    path = project.content_dir / SIGNOFFS_FILE
    write_atomically(path, signoffs_text(entries))
    person = content.people[args.by].name
    print(
        f"sitegen: {person} signed off {page.path} on {today.isoformat()}"
        f" (recorded in {display_path(path, project.root)}); run sitegen generate to show it"
    )
    return 0
