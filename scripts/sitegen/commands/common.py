"""What the commands share: how they are added to the command line, and how they report."""

from __future__ import annotations

from pathlib import Path

from sitegen.authoring.draft import SourceDraft, to_do
from sitegen.authoring.reference import Reference
from sitegen.problems import display_path

TO_DO = "To do before it can be published (sitegen check fails until the TODOs are gone):"


def report_written(path: Path, project_root: Path, draft: SourceDraft) -> None:
    print(f"sitegen: wrote {display_path(path, project_root)}")
    print(TO_DO)
    for name, what in to_do(draft):
        print(f"  - {name}: {what}")
    print(f"Then cite it in a page as [@{draft.id}].")


def journal_details(reference: Reference) -> str:
    """'Neurology 56(10):1290-1293', as much of it as is known."""
    text = reference.container_title or "not found"
    if reference.volume:
        text += f" {reference.volume}"
    if reference.issue:
        text += f"({reference.issue})"
    if reference.page:
        text += f":{reference.page}"
    return text


def describe(reference: Reference) -> list[str]:
    """What was found, a line a field, for a person to compare with the source."""
    authors = ", ".join(person.short() for person in reference.authors)
    return [
        f"  title:      {reference.title or 'not found'}",
        f"  authors:    {authors or 'not found'}",
        f"  journal:    {journal_details(reference)}",
        f"  issued:     {reference.issued or 'not found'}",
    ]
