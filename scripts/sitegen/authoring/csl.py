"""CSL-JSON, the format Zotero and Mendeley export and our source records follow, and
Crossref's records of works, which are nearly the same (lists where CSL has one text,
journal-article where CSL says article-journal)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sitegen.authoring.draft import ScaffoldError
from sitegen.authoring.reference import Reference, clean, pages, person

#: Crossref's types, and BibTeX's and RIS's, as CSL types; a CSL type is kept as it is.
CSL_TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "monograph": "book",
    "edited-book": "book",
    "proceedings-article": "paper-conference",
    "posted-content": "article",
    "dissertation": "thesis",
    "reference-entry": "entry",
}
_CSL_TYPE = re.compile(r"[a-z][a-z-]{1,40}")
#: What to do about an export that cannot be read.
EXPORT_AGAIN = "export the references again from your reference manager"
_PMID_IN_NOTE = re.compile(r"\bPMID:\s*(\d{1,9})\b")


@dataclass(frozen=True)
class Exported:
    """One reference read from an export, and where it starts: 'library.bib:12'."""

    where: str
    reference: Reference


def first(value: Any) -> Any:
    """The first of a list (Crossref gives titles as lists), or the value itself."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def csl_date(value: Any) -> str | None:
    """{'date-parts': [[2001, 5, 22]]} as 2001-05-22 (or 2001-05, or 2001)."""
    if not isinstance(value, dict):
        return None
    parts = first(value.get("date-parts"))
    if not isinstance(parts, list) or not parts:
        raw = value.get("raw") or value.get("literal")
        match = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(raw or ""))
        parts = [int(part) for part in match.groups() if part] if match else []
    numbers = []
    for part in parts[:3]:
        try:
            numbers.append(int(part))
        except (TypeError, ValueError):
            break
    if not numbers:
        return None
    return "-".join([f"{numbers[0]:04d}", *(f"{number:02d}" for number in numbers[1:])])


def csl_type(value: Any) -> str | None:
    text = CSL_TYPES.get(str(value), str(value)) if value else None
    return text if text and _CSL_TYPE.fullmatch(text) else None


def _csl_person(name: Any) -> Any:
    if not isinstance(name, dict):
        return None
    family = " ".join(
        str(name[part])
        for part in ("non-dropping-particle", "family")
        if isinstance(name.get(part), str)
    )
    given = " ".join(
        str(name[part])
        for part in ("given", "dropping-particle")
        if isinstance(name.get(part), str)
    )
    return person(family or None, given or None, name.get("literal") or name.get("name"))


def reference_from_csl(item: dict[str, Any]) -> Reference:
    """One CSL-JSON item (or one Crossref work) as a Reference."""
    title = clean(first(item.get("title")))
    subtitle = clean(first(item.get("subtitle")))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    authors: list[Any] = item["author"] if isinstance(item.get("author"), list) else []
    note = str(item.get("note") or "")
    pmid = item.get("PMID") or (m[1] if (m := _PMID_IN_NOTE.search(note)) else None)
    issued = item.get("issued") or item.get("published-print") or item.get("published-online")
    return Reference(
        title=title,
        authors=tuple(p for p in (_csl_person(name) for name in authors) if p is not None),
        container_title=clean(first(item.get("container-title"))),
        publisher=clean(item.get("publisher")),
        volume=clean(item.get("volume")),
        issue=clean(item.get("issue")),
        page=pages(item.get("page")),
        issued=csl_date(issued),
        DOI=clean(item.get("DOI")),
        PMID=clean(pmid),
        URL=clean(item.get("URL")),
        type=csl_type(item.get("type")),
    )


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_csl_json(text: str, name: str) -> list[Exported]:
    """The items of a CSL-JSON export (a list of items, or one item), each with its line."""
    decoder = json.JSONDecoder()
    found: list[tuple[int, Any]] = []
    start = len(text) - len(text.lstrip())
    try:
        if not text.startswith("[", start):
            item, _ = decoder.raw_decode(text, start)
            found = [(start, item)]
        else:
            at = start + 1
            while True:
                at = len(text) - len(text[at:].lstrip())
                if text.startswith("]", at):
                    break
                item, end = decoder.raw_decode(text, at)
                found.append((at, item))
                at = len(text) - len(text[end:].lstrip())
                if text.startswith(",", at):
                    at += 1
                elif not text.startswith("]", at):
                    raise json.JSONDecodeError("expected ',' or ']'", text, at)
    except json.JSONDecodeError as exc:
        raise ScaffoldError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    items = []
    for offset, item in found:
        if not isinstance(item, dict):
            raise ScaffoldError(
                f"{name}:{_line(text, offset)}: not a CSL-JSON item: each reference is an"
                ' object such as {"title": ...}'
            )
        items.append(Exported(f"{name}:{_line(text, offset)}", reference_from_csl(item)))
    return items
