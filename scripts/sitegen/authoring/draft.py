"""A draft source file: every field explained, with TODOs for what a person must write.

What a person still has to write is a value starting with TODO (sitegen check fails while
one is left: see drafts.py), or a note starting with '# TODO' above a field when the value
is there but needs a person to confirm it (such as a date that may be read two ways).
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from sitegen.authoring.duplicates import draft_keys, duplicate_of
from sitegen.content.fields import ID_RULE, NO_AUTHOR, is_valid_id
from sitegen.content.files import ContentFiles
from sitegen.content.layout import SOURCES_DIR
from sitegen.content.origin import as_data, fields_of
from sitegen.content.schema import Person, Source
from sitegen.content.words import NO_DATE, SOURCE_KINDS
from sitegen.content.yamlfile import YamlError, parse_yaml
from sitegen.problems import Problems, display_path, suggest

TODO = "TODO"
LINE_WIDTH = 98

#: What each field of a source means, written above it in every new source file.
EXPLANATIONS = {
    "kind": "What kind of source this is, one of: " + ", ".join(SOURCE_KINDS) + ".",
    "type": "The CSL type: webpage, article-journal (a journal article), report, book, or"
    " document (a drug label, a policy, an official paper).",
    "title": "The title, exactly as the source gives it.",
    "author": "Who wrote it: '- family:' and 'given:' for each person, '- literal:' for an"
    " organisation, or the text: no author named.",
    "more_authors": "true if the source has more authors than listed here, shown as"
    " 'et al.' (optional).",
    "container-title": "The journal or website it appears in.",
    "publisher": "Who publishes it, such as American Academy of Neurology (optional).",
    "volume": 'For a journal article: the volume, in quotes, such as "56" (optional).',
    "issue": 'For a journal article: the issue, in quotes, such as "10" (optional).',
    "page": "For a journal article: the pages, such as 1290-1293 (optional).",
    "number": "A report, guideline or licence number, such as NG59 (optional).",
    "issued": f"When it was published, as the source gives it: YYYY-MM-DD, YYYY-MM, YYYY, or:"
    f" {NO_DATE}.",
    "updated": "The 'updated on' date the source shows, written the same way (optional).",
    "accessed": "When we last read it: YYYY-MM-DD.",
    "DOI": "Its DOI, without https://doi.org/ (optional).",
    "PMID": "Its PubMed number, in quotes (optional).",
    "URL": "Its web address (optional when it has a DOI).",
    "note": "What the source is and says, and anything wrong or out of date in it. The sources"
    " page shows it.",
    "conflicts": "Conflicts of interest: who wrote it or paid for it and what they gain, or:"
    " None known.",
}

#: The CSL type that usually goes with each kind of source.
TYPE_OF_KIND = {
    "randomized trial": "article-journal",
    "observational study": "article-journal",
    "systematic review": "article-journal",
    "meta-analysis": "article-journal",
    "guideline": "report",
    "drug label": "document",
    "regulatory document": "document",
    "insurance policy": "document",
    "price list": "document",
    "professional society assessment": "article-journal",
}

TITLE_TODO = "TODO: the title, as the source gives it"
NOTE_TODO = (
    "TODO: say in a sentence or two what this source is and what it says, and anything"
    " wrong or out of date in it"
)
CONFLICTS_TODO = "TODO: who wrote it or paid for it and what they gain, or: None known."
AUTHOR_TODO = "TODO: who wrote it"
AUTHOR_HELP = (
    "write each author as '- family:' with 'given:' (a person) or '- literal:' (an"
    f" organisation); if the source names no author, replace the list with: author: {NO_AUTHOR}"
)
GUESSED_KIND = "consumer article"


@dataclass
class SourceDraft:
    """What is known of a new source. A value may itself be a TODO for a person to replace."""

    id: str
    accessed: date
    kind: str | None = None
    type: str | None = None
    title: str | None = None
    author: list[Person] | Literal["no author named"] | None = None
    container_title: str | None = None
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    issued: str | None = None
    updated: str | None = None
    DOI: str | None = None
    PMID: str | None = None
    URL: str | None = None
    #: What a person must check or find, by field name: written as '# TODO: ...' above it.
    notes: dict[str, str] = field(default_factory=dict)
    #: Where the draft came from, for the file's first comment.
    origin: str = "sitegen new-source"


@dataclass(frozen=True)
class Entry:
    """One field as written: its value (None: left out, as a comment) and a note above it."""

    name: str
    value: str | list[Person] | None
    note: str | None = None


def _entries(draft: SourceDraft) -> list[Entry]:
    notes = dict(draft.notes)
    if draft.kind is None:
        notes.setdefault("kind", f"a guess ({GUESSED_KIND}): check the kind of source")
    if draft.author is None:
        notes.setdefault("author", AUTHOR_HELP)
    if draft.issued is None:
        notes.setdefault(
            "issued", f"no date was given: write the date the source shows, or keep '{NO_DATE}'"
        )
    kind = draft.kind or GUESSED_KIND
    author = [Person(literal=AUTHOR_TODO)] if draft.author is None else draft.author
    values: dict[str, str | list[Person] | None] = {
        "kind": kind,
        "type": draft.type or TYPE_OF_KIND.get(kind, "webpage"),
        "title": draft.title or TITLE_TODO,
        "author": author,
        "container-title": draft.container_title,
        "publisher": draft.publisher,
        "volume": draft.volume,
        "issue": draft.issue,
        "page": draft.page,
        "issued": draft.issued or NO_DATE,
        "updated": draft.updated,
        "accessed": draft.accessed.isoformat(),
        "DOI": draft.DOI,
        "PMID": draft.PMID,
        "URL": draft.URL,
        "note": NOTE_TODO,
        "conflicts": CONFLICTS_TODO,
    }
    names = [info.alias or name for name, info in fields_of(Source).items() if name != "id"]
    noted = [name for name in names if name in notes]
    if noted:
        values["note"] = f"{NOTE_TODO}; then act on the TODO notes at: {', '.join(noted)}"
    return [Entry(name, values.get(name), notes.get(name)) for name in names]


def _todo_in(value: str | list[Person] | None) -> str | None:
    """The to-do a value holds ('TODO: ...'), without the marker, or None."""
    texts = [value] if isinstance(value, str) else [p.literal or "" for p in value or []]
    for text in texts:
        if text.startswith(f"{TODO}:"):
            return text.removeprefix(f"{TODO}:").strip()
    return None


def to_do(draft: SourceDraft) -> list[tuple[str, str]]:
    """What a person must still do, field by field, in the order of the file."""
    items = []
    for entry in _entries(draft):
        what = entry.note or _todo_in(NOTE_TODO if entry.name == "note" else entry.value)
        if what:
            items.append((entry.name, what))
    return items


def _scalar(value: str) -> str:
    """`value` as YAML: plain when it reads back as the same text, else double-quoted."""
    if value and value == value.strip() and "#" not in value and "\n" not in value:
        try:
            if parse_yaml(f"v: {value}").data == {"v": value}:
                return value
        except YamlError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=LINE_WIDTH,
        initial_indent="# ",
        subsequent_indent="# ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _field_lines(entry: Entry) -> list[str]:
    name, value = entry.name, entry.value
    if value is None:
        return [f"# {name}:"]
    if isinstance(value, list):
        lines = [f"{name}:"]
        for person in value:
            parts = as_data(person, exclude_none=True)
            for index, (key, text) in enumerate(parts.items()):
                lines.append(f"  {'- ' if index == 0 else '  '}{key}: {_scalar(text)}")
        return lines
    if name in {"issued", "updated", "accessed", "PMID", "volume", "issue"}:
        return [f"{name}: {json.dumps(value)}"]
    line = f"{name}: {_scalar(value)}"
    if len(line) <= LINE_WIDTH or value != " ".join(value.split()) or not value.isprintable():
        return [line]
    # Folded over several lines, which YAML joins again with single spaces.
    folded = textwrap.wrap(value, width=LINE_WIDTH - 2, break_long_words=False)
    return [f"{name}: >-", *(f"  {part}" for part in folded)]


def render_source(draft: SourceDraft) -> str:
    """The text of the new source file."""
    header = (
        f"Source '{draft.id}', drafted by {draft.origin} on {draft.accessed.isoformat()}. Cite"
        f" it in a page as [@{draft.id}]. Lines starting with # are notes; to use an optional"
        " field, delete the # in front of it. Replace every value that says TODO, and act on each"
        " note marked TODO, then delete the note. sitegen check fails while a value says TODO,"
        " so a draft is never published. content_src/README.md explains the fields."
    )
    lines = _comment(header)
    for entry in _entries(draft):
        lines.append("")
        lines.extend(_comment(EXPLANATIONS[entry.name]))
        if entry.note:
            lines.extend(_comment(f"{TODO}: {entry.note}"))
        lines.extend(_field_lines(entry))
    return "\n".join(lines) + "\n"


class ScaffoldError(Exception):
    """A reason not to write the file, for people."""


def source_path(content_dir: Path, source_id: str) -> Path:
    """Where source `source_id` lives, after checking that the id is new and well formed."""
    if not is_valid_id(source_id):
        raise ScaffoldError(f"'{source_id}' cannot be a source id: {ID_RULE}")
    path = content_dir / SOURCES_DIR / f"{source_id}.yml"
    if path.exists():
        shown = display_path(path, content_dir.parent)
        raise ScaffoldError(
            f"{shown} already exists: choose another id, or edit that file to update the source"
        )
    return path


def check_draft(content_dir: Path, path: Path, text: str) -> Problems:
    """The problems the project's loader finds in the text, as it would in the file."""
    problems = Problems()
    files = ContentFiles(content_dir, problems)
    doc = files.parse(path, text, 1)
    if doc is not None:
        files.validate(Source, {**doc.data, "id": path.stem}, doc, path)
    return problems


def write_source(content_dir: Path, draft: SourceDraft) -> Path:
    """Write the draft as a new source file; raises ScaffoldError and writes nothing on error."""
    path = source_path(content_dir, draft.id)
    keys = draft_keys(draft.DOI, draft.PMID, draft.URL, draft.title, draft.issued)
    duplicate = duplicate_of(content_dir, keys)
    if duplicate:
        raise ScaffoldError(duplicate)
    text = render_source(draft)
    problems = check_draft(content_dir, path, text)
    if problems.items:
        raise ScaffoldError("; ".join(str(problem) for problem in problems.sorted()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(text)
    return path


def check_kind(text: str) -> str:
    if text not in SOURCE_KINDS:
        raise ScaffoldError(
            f"--kind cannot be '{text}'{suggest(text, SOURCE_KINDS)}; choose one of: "
            + ", ".join(SOURCE_KINDS)
        )
    return text


def parse_author(text: str) -> Person:
    """'Family, Given' is a person; a name without a comma is an organisation."""
    family, comma, given = (part.strip() for part in text.partition(","))
    if not family:
        raise ScaffoldError(f"--author '{text}': write 'Family, Given' or an organisation's name")
    if comma and given:
        return Person(family=family, given=given)
    return Person(literal=family)
