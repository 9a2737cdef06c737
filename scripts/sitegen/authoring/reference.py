"""One work as a catalogue or a reference manager describes it, and the draft made from it.

Crossref, PubMed, a journal's page and the exports of Zotero, Mendeley and EndNote all end
up as a Reference (in CSL's terms, as our source records are), and every Reference becomes a
draft the same way: what came from elsewhere is cleaned of markup and of characters content
may not hold, identifiers that are not valid are left out with a note, and what only a
person can write (kind, note, conflicts) stays a TODO.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from sitegen.authoring.draft import SourceDraft
from sitegen.authoring.ids import slug
from sitegen.content.characters import without_bad_characters
from sitegen.content.fields import Doi, Pmid, SourceDate, Url
from sitegen.content.identity import bare_doi
from sitegen.content.schema import KIND_TODO, Person
from sitegen.content.words import SOURCE_KINDS
from sitegen.htmltext import html_blocks

_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
#: Terminal escape sequences, such as ESC [31m (red): they would act on the terminal.
_TERMINAL_CODES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
_PAGE_RANGE = re.compile(r"(\w*?)(\d+)\s*(?:-+|\u2013|\u2014)\s*(\w*?)(\d+)")
_INITIALS = re.compile(r"[A-Z]{1,4}")


@dataclass(frozen=True)
class Reference:
    """What is known of a work, field by field as in a source record; None: not known."""

    title: str | None = None
    authors: tuple[Person, ...] = ()
    container_title: str | None = None
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    #: YYYY, YYYY-MM or YYYY-MM-DD.
    issued: str | None = None
    DOI: str | None = None
    PMID: str | None = None
    URL: str | None = None
    #: The CSL type, such as article-journal.
    type: str | None = None
    #: One of SOURCE_KINDS, when the data says it (PubMed's publication types).
    kind: str | None = None
    #: Notes for a person, as (field name, note).
    notes: tuple[tuple[str, str], ...] = ()


def merge(first: Reference, then: Reference) -> Reference:
    """`first`, with what it does not know taken from `then`."""
    values = {
        item.name: getattr(first, item.name) or getattr(then, item.name)
        for item in dataclasses.fields(Reference)
    }
    values["notes"] = first.notes + then.notes
    return Reference(**values)


def clean(value: Any) -> str | None:
    """Text from elsewhere as one plain line: no markup, no control or invisible characters."""
    if value is None:
        return None
    text = _TERMINAL_CODES.sub("", str(value))
    if _MARKUP.search(text):
        # Tags and character references as text; no tag starts a block: 'in <i>vivo</i>'.
        text = " ".join(html_blocks(text, blocks=(), skip=("script", "style")))
    text = " ".join(without_bad_characters(text).split())
    return text or None


def person(family: Any = None, given: Any = None, literal: Any = None) -> Person | None:
    """A person (family and given names) or an organisation (literal), cleaned; None if empty."""
    family, given, literal = clean(family), clean(given), clean(literal)
    if family:
        return Person(family=family, given=given)
    if literal or given:
        return Person(literal=literal or given)
    return None


def person_from_text(text: str) -> Person | None:
    """'Foster, L' or 'Lyle Foster' (or PubMed's 'Foster L'): always a person, never split
    into an organisation; the family name is the part before a comma, else the last word."""
    name = clean(text)
    if not name:
        return None
    family, comma, given = (part.strip() for part in name.partition(","))
    if comma:
        return person(family, given or None)
    words = name.split()
    if len(words) > 1 and _INITIALS.fullmatch(words[-1]):  # PubMed: 'van Tulder MW'
        return person(" ".join(words[:-1]), words[-1])
    start = len(words) - 1
    while start > 1 and words[start - 1][:1].islower():  # 'Ana de la Cruz'
        start -= 1
    return person(" ".join(words[start:]), " ".join(words[:start]) or None)


def pages(first: Any, last: Any = None) -> str | None:
    """'1290-1293', from '1290-3', '1290--1293' or a first and a last page."""
    text = clean(first)
    if text and clean(last):
        text = f"{text}-{clean(last)}"
    if not text:
        return None
    match = _PAGE_RANGE.fullmatch(text)
    if not match:
        return text
    start_prefix, start, end_prefix, end = match.groups()
    if len(end) < len(start) and not end_prefix:
        end = start[: len(start) - len(end)] + end
    return f"{start_prefix}{start}-{end_prefix or start_prefix}{end}"


def kind_of(types: list[str]) -> tuple[str | None, str | None]:
    """The kind of source that publication types such as PubMed's say, and a note when they
    say more than one."""
    order = {
        "systematic review": "systematic review",
        "meta-analysis": "meta-analysis",
        "randomized controlled trial": "randomized trial",
        "practice guideline": "guideline",
        "guideline": "guideline",
        "observational study": "observational study",
    }
    lower = {kind.lower() for kind in types}
    found = list(dict.fromkeys(kind for name, kind in order.items() if name in lower))
    if not found:
        return None, None
    note = None
    if len(found) > 1:
        note = f"the data calls it {' and '.join(found)}: '{found[0]}' was chosen; check it"
    return found[0], note


def _valid(adapter: TypeAdapter[str], value: str | None, what: str, notes: dict[str, str]) -> Any:
    if value is None:
        return None
    try:
        return adapter.validate_python(value)
    except ValidationError:
        label = {"URL": "web address", "issued": "date"}.get(what, what)
        notes[what] = f"the data gave {value!r}, which is not a valid {label}: check the source"
        return None


def suggest_base(reference: Reference) -> str:
    """foster-2001: the first author's family name (or the title's first words) and year."""
    first = reference.authors[0] if reference.authors else None
    name = first.family or first.literal if first else None
    base = slug(name or "", 2) or slug(reference.title or "", 4) or "source"
    return f"{base}-{reference.issued[:4]}" if reference.issued else base


def draft_from_reference(
    reference: Reference, source_id: str, kind: str | None, today: date, origin: str
) -> SourceDraft:
    """The draft of a source record from what the data says; TODOs for the rest."""
    notes = dict(reference.notes)
    doi = _valid(TypeAdapter(Doi), reference.DOI and bare_doi(reference.DOI), "DOI", notes)
    pmid = _valid(TypeAdapter(Pmid), reference.PMID, "PMID", notes)
    url = _valid(TypeAdapter(Url), reference.URL, "URL", notes)
    issued = _valid(TypeAdapter(SourceDate), reference.issued, "issued", notes)
    if url is None and doi:
        url = f"https://doi.org/{doi}"
    return SourceDraft(
        id=source_id,
        accessed=today,
        kind=kind or (reference.kind if reference.kind in SOURCE_KINDS else KIND_TODO),
        type=reference.type or ("article-journal" if reference.container_title else None),
        title=reference.title,
        author=list(reference.authors) or None,
        container_title=reference.container_title,
        publisher=reference.publisher,
        volume=reference.volume,
        issue=reference.issue,
        page=reference.page,
        issued=issued,
        DOI=doi,
        PMID=pmid,
        URL=url,
        notes=notes,
        origin=origin,
    )
