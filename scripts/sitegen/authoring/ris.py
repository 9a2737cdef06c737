"""RIS (.ris), as EndNote, Mendeley, Zotero and PubMed export it, read by rispy."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sitegen.authoring.csl import EXPORT_AGAIN, Exported
from sitegen.authoring.dates import parse_date
from sitegen.authoring.draft import ScaffoldError
from sitegen.authoring.reference import Reference, clean, pages, person_from_text

#: RIS's reference types as CSL types.
RIS_TYPES = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "RPRT": "report",
    "GOVDOC": "report",
    "THES": "thesis",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "ELEC": "webpage",
    "BLOG": "post-weblog",
    "GEN": "document",
    "STAND": "standard",
}
_START = re.compile(r"^TY  -", re.M)
_PMID = re.compile(r"(?:PMID:?\s*)?(\d{1,9})")
#: Only four-digit years are read here, so any late enough "today" will do.
_FAR_FUTURE = date(2100, 1, 1)


def _one(record: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return value
    return None


def _issued(record: dict[str, Any]) -> str | None:
    """RIS dates are YYYY/MM/DD/other, with parts left empty: 2001/05/22/, 2001///."""
    for key in ("date", "publication_year", "year"):
        text = str(_one(record, key) or "").strip()
        parts = [part for part in text.split("/")[:3] if part.strip()]
        if parts and all(part.isdigit() for part in parts):
            found = parse_date("-".join(parts), _FAR_FUTURE)
            if found:
                return found.value
    return None


def reference_from_ris(record: dict[str, Any]) -> Reference:
    names = record.get("authors") or record.get("first_authors") or []
    accession = str(_one(record, "accession_number") or "")
    pmid = _PMID.fullmatch(accession.strip())
    return Reference(
        title=clean(_one(record, "title", "primary_title")),
        authors=tuple(p for p in (person_from_text(str(name)) for name in names) if p),
        container_title=clean(
            _one(record, "secondary_title", "journal_name", "alternate_title3", "alternate_title1")
        ),
        publisher=clean(_one(record, "publisher")),
        volume=clean(_one(record, "volume")),
        issue=clean(_one(record, "number")),
        page=pages(_one(record, "start_page"), _one(record, "end_page")),
        issued=_issued(record),
        DOI=clean(_one(record, "doi")),
        PMID=pmid[1] if pmid else None,
        URL=clean(_one(record, "urls")),
        type=RIS_TYPES.get(str(_one(record, "type_of_reference") or "").upper()),
    )


def read_ris(text: str, name: str) -> list[Exported]:
    """Every reference of a RIS file, each with the line of its TY tag."""
    import rispy

    text = text.replace("\r\n", "\n")
    try:
        records: list[dict[str, Any]] = rispy.loads(text, skip_unknown_tags=True)
    except Exception:  # rispy's ParseError and the like: the file is not RIS
        raise ScaffoldError(f"{name}: not RIS that can be read: {EXPORT_AGAIN}") from None
    lines = [text.count("\n", 0, match.start()) + 1 for match in _START.finditer(text)]
    return [
        Exported(f"{name}:{lines[index] if index < len(lines) else 1}", reference_from_ris(record))
        for index, record in enumerate(records)
    ]
